"""Simplified Chinese for the messages of gridcity.worktime (msgid → msgstr).

Merged with scripts/zh_hans.py by scripts/compile_messages.py --fill.
"""

ZH_HANS = {
    "Working time": "工作时间",
    # units.LimitUnit (CJ/T 315 terms; docs/glossary.md)
    "working minutes": "工作分钟",
    "working hours": "工作时",
    "working days": "工作日",
    "natural hours": "自然小时",
    # models
    "jurisdiction": "辖区",
    "start": "开始时间",
    "end": "结束时间",
    "working period": "工作时段",
    "working periods": "工作时段",
    "A working period must end after it starts.": "工作时段的结束时间必须晚于开始时间。",
    "This period overlaps the working period %(period)s of the same jurisdiction.": "该时段与本辖区的工作时段 %(period)s 重叠。",
    "date": "日期",
    "working day": "工作日",
    "day off": "休息日",
    "Ticked: a working day (e.g. a swapped Saturday). Not ticked: a day off (a holiday).": "勾选：工作日（如调休上班的周六）；不勾选：休息日（如法定节假日）。",
    "note": "备注",
    "Why, e.g. “Spring Festival” or the State Council notice it comes from.": "原因，如“春节”，或所依据的国务院办公厅通知。",
    "day override": "特殊日期",
    "day overrides": "特殊日期",
    # selectors, checks and admin
    "The public holidays and swapped working days of %(year)s are not entered: deadlines in %(year)s count only weekends as days off. Enter them as day overrides from the State Council's notice.": "%(year)s 年的法定节假日和调休安排未录入：%(year)s 年的时限只把周末算作休息日。请按国务院办公厅的通知将其录入为特殊日期。",
    "The public holidays and swapped working days of %(year)s have not been entered yet: until they are, deadlines in %(year)s count only weekends as days off. Enter them as day overrides once the State Council publishes its notice.": "%(year)s 年的法定节假日和调休安排尚未录入：录入之前，%(year)s 年的时限只把周末算作休息日。国务院办公厅发布通知后，请将其录入为特殊日期。",
    "Enter the holidays and swapped working days as day overrides in the admin, or upgrade chinesecalendar to a release that covers the year.": "请在管理后台将节假日和调休录入为特殊日期，或将 chinesecalendar 升级到包含该年份的版本。",
    "%(jurisdiction)s: %(warning)s": "%(jurisdiction)s：%(warning)s",
    "weekday": "星期",
    "State Council calendar": "国务院安排",
    "unknown (the package does not cover %(year)s)": "未知（日历数据不含 %(year)s 年）",
}
