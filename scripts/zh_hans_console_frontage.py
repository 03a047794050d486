"""Simplified Chinese for the console's frontage section frame: its menu (msgid → msgstr)."""

ZH_HANS = {
    "Coverage": "签订覆盖",
    "Frontage map": "责任区地图",
    "To sign and renew": "待签订与续签",
    "Import from Excel": "Excel 导入",
}
