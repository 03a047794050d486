"""Simplified Chinese for the console's frontage coverage pages: coverage tables, map, work lists,
the Excel import (msgid → msgstr)."""

ZH_HANS = {
    # Coverage
    "Frontage coverage": "门前三包覆盖情况",
    # A literal % in a template's {% translate %} is doubled in the catalogue and halved on output.
    "Signed (%%)": "签订率（%%）",
    "Per town or street": "各镇街",
    "Per zone": "各网区",
    "Per grid": "各网格",
    "Total": "合计",
    "Downloads": "下载",
    "Download the coverage (Excel)": "下载覆盖情况（Excel）",
    "Parties not eligible for awards in": "取消评先资格的责任主体，年度",
    "Download (Excel)": "下载（Excel）",
    "Nothing to count yet.": "暂无可统计的数据。",
    "A party counts as signed while an agreement of it is in force; a draft, an expired or a "
    "terminated agreement does not count.": "责任主体有生效中的责任书才算已签订；草拟、已到期或已终止的责任书不计。",
    "“%(year)s” is not a year between %(first)s and %(last)s.": "“%(year)s”不是 %(first)s 至 %(last)s 之间的年份。",
    "Not eligible for awards": "取消评先资格名单",
    "No jurisdiction is set up yet.": "尚未设置辖区。",
    # The map
    "The map needs JavaScript. The coverage tables show the same parties:": "地图需要 JavaScript。覆盖情况表列出同样的责任主体：",
    "Loading the frontages…": "正在加载责任区…",
    "Frontages by the state of their agreement": "责任区按责任书状态着色",
    "Grey outlines: the grids. Tap a frontage to see its party.": "灰色边线为网格。点击责任区查看其责任主体。",
    "Open the party": "打开责任主体",
    "%(count)s frontages on the map.": "地图上共 %(count)s 处责任区。",
    "No party has a frontage drawn yet.": "尚无责任主体绘制了责任区。",
    "The frontages could not be loaded (%(status)s). Reload the page to try again.": "责任区加载失败（%(status)s）。请刷新页面重试。",
    "No connection to the server. Reload the page when you are online.": "无法连接服务器。联网后请刷新页面。",
    # Work lists
    "The parties %(unit)s is to sign with and its agreements due for renewal.": "%(unit)s待签订的责任主体和待续签的责任书。",
    "Every signing unit's parties not signed yet and the agreements due for renewal.": "各签订单位尚未签订的责任主体和待续签的责任书。",
    "Agreements due for renewal": "待续签的责任书",
    "Term ends": "期满日期",
    "Agreement number": "责任书编号",
    "No agreement is due for renewal.": "暂无待续签的责任书。",
    "Parties not signed yet": "尚未签订的责任主体",
    "No signing rule applies": "无适用的签订规则",
    ("%(counter)s party", "%(counter)s parties"): ["%(counter)s 个责任主体"],
    "Contact": "联系人",
    "Every party has signed.": "所有责任主体均已签订。",
    # The import
    "Import parties from Excel": "从 Excel 导入责任主体",
    (
        "“%(name)s” has %(counter)s problem. Nothing was imported: correct it and upload the file again.",
        "“%(name)s” has %(counter)s problems. Nothing was imported: correct them and upload the file again.",
    ): ["“%(name)s”有 %(counter)s 处问题，未导入任何数据：请改正后重新上传。"],
    "Fill in the template, one party a row, and upload it here (.xlsx, at most %(max_mb)s MB). Every row is "
    "checked first: if any row has a problem, nothing is imported and every problem is listed with its row "
    "and column.": "按模板填写，每行一个责任主体，然后在此上传（.xlsx，不超过 %(max_mb)s MB）。"
    "系统先检查每一行：只要有一行有问题，就不导入任何数据，并按行、列列出全部问题。",
    "Download the template (Excel)": "下载导入模板（Excel）",
    "Excel file": "Excel 文件",
    "Import": "导入",
    "See the register of parties": "查看责任主体名册",
    "Parties template": "责任主体导入模板",
    "Choose an Excel file (.xlsx) to import.": "请选择要导入的 Excel 文件（.xlsx）。",
    "The file “%(name)s” is empty.": "文件“%(name)s”是空的。",
    "The file “%(name)s” is %(size)s MB; the most the console takes is %(limit)s MB.": "文件“%(name)s”有 %(size)s MB，超过了 %(limit)s MB 的上限。",
    "The file “%(name)s” is not an Excel workbook (.xlsx). Save it as .xlsx and try again.": "文件“%(name)s”不是 Excel 工作簿（.xlsx）。请另存为 .xlsx 后重试。",
    "Only the evaluation office and the system administrator may register parties from Excel.": "只有考评办和系统管理员可以从 Excel 导入责任主体。",
}
