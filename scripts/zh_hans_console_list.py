"""Simplified Chinese for the console's case list, its Excel export and the case map (msgid → msgstr)."""

ZH_HANS = {
    # The filters
    "Text": "关键字",
    "Case number, description or address": "案卷编号、问题描述或地址",
    "Major class": "大类",
    "Minor class": "小类",
    "Current unit": "当前单位",
    "Overdue only": "只看超时",
    "Reported from": "上报日期自",
    "Reported until": "上报日期至",
    "Sort": "排序",
    "Page": "页码",
    "All": "全部",
    "Newest first": "最新上报在前",
    "Oldest first": "最早上报在前",
    "Nearest deadline first": "截止时间最近在前",
    "Latest deadline first": "截止时间最晚在前",
    "Case number, descending": "案卷编号降序",
    "Case number, ascending": "案卷编号升序",
    "The end date comes before the start date.": "结束日期早于开始日期。",
    "This minor class belongs to another major class.": "该小类不属于所选大类。",
    "Some filters are not valid; correct them to see the cases.": "部分筛选条件无效，请修改后再查看案件。",
    # The list
    "Case list": "案件列表",
    "Quick filters": "快捷筛选",
    "All cases": "全部案件",
    "Open cases": "未结案件",
    "Overdue cases": "超时案件",
    "Show on the map": "在地图上查看",
    "Apply filters": "筛选",
    "More filters": "更多筛选条件",
    "Clear the filters": "清除筛选",
    "Loading…": "正在加载…",
    "Back to the first page": "回到第一页",
    "Export to Excel": "导出 Excel",
    "at most %(cap)s rows": "最多 %(cap)s 行",
    "; a longer list is cut short, and the file says so": "，超出部分不导出，文件中会注明",
    "Address and grid": "地址与网格",
    "Flags": "标记",
    "No cases match these filters.": "没有符合筛选条件的案件。",
    "No cases yet.": "暂无案件。",
    "Previous page": "上一页",
    "Next page": "下一页",
    "Page %(number)s": "第 %(number)s 页",
    "More than %(cap)s cases": "超过 %(cap)s 件",
    "%(total)s cases": "共 %(total)s 件",
    "Only the first %(cap)s cases can be paged through; narrow the filters, or export them to Excel.": (
        "只能翻阅前 %(cap)s 件案件，请缩小筛选范围，或导出到 Excel。"
    ),
    "The cases could not be loaded (%(status)s). Your filters are kept; try again.": (
        "案件加载失败（%(status)s）。筛选条件已保留，请重试。"
    ),
    "No connection to the server. Your filters are kept; try again when you are online.": (
        "无法连接服务器。筛选条件已保留，请在网络恢复后重试。"
    ),
    # The Excel file
    "Kind": "类型",
    "exported %(at)s": "导出时间 %(at)s",
    "filters: %(filters)s": "筛选条件：%(filters)s",
    "no filters": "未筛选",
    "Only the first %(cap)s cases are in this file; narrow the filters to export the rest.": (
        "仅导出前 %(cap)s 件，请缩小筛选范围导出其余案件。"
    ),
    # The map
    "Case map": "案件地图",
    "Show as a list": "以列表查看",
    "Loading the cases…": "正在加载案件…",
    "The map shows open cases only.": "地图只显示未结案件。",
    "The map needs JavaScript. The case list shows the same cases:": "地图需要启用 JavaScript。案件列表可查看相同的案件：",
    "Open the case": "打开案件",
    "Open cases per grid": "各网格未结案件数",
    "Red outline: the grid has overdue cases": "红色边框：该网格有超时案件",
    "Markers: red overdue, blue on time": "标记：红色为超时，蓝色为未超时",
    "none": "无",
    "%(shown)s of %(total)s open cases on the map.": "地图上显示 %(shown)s 件未结案件，共 %(total)s 件。",
    "The map shows the %(cap)s most recently reported; the grid colours count them all.": (
        "地图只标出最近上报的 %(cap)s 件；网格颜色按全部案件计数。"
    ),
}
