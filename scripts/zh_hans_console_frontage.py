"""Simplified Chinese for the console's frontage menu and the media view (msgid → msgstr)."""

ZH_HANS = {
    "Coverage": "签订覆盖",
    "Frontage map": "责任区地图",
    "To sign and renew": "待签订与续签",
    "Import from Excel": "Excel 导入",
    # console/views/media.py
    "No such file, or not one you may see.": "没有该文件，或您无权查看。",
}
