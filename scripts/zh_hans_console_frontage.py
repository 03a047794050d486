"""Simplified Chinese for the console's frontage menu and the media view (msgid → msgstr)."""

ZH_HANS = {
    "Coverage": "签订覆盖",
    "Frontage map": "责任区地图",
    "To sign and renew": "待签订与续签",
    "Import from Excel": "Excel 导入",
    # Drawing a frontage on the party page
    "Draw the frontage": "绘制责任区",
    "Positions": "坐标点",
    "Click the map along the building line, or type “longitude,latitude; …”. End on the first position to draw an area.": "沿建筑线在地图上依次点击，或输入“经度,纬度; …”。回到第一个点即绘制为区域。",
    "From the building line to the kerb.": "从建筑线到路缘石的距离。",
    "Map to draw the frontage on": "绘制责任区的地图",
    "Undo the last position": "撤销上一个点",
    "Close as an area": "闭合为区域",
    "Start again": "重新绘制",
    "The frontage of %(party)s is saved.": "已保存%(party)s的责任区。",
    "Only the evaluation office or the system administrator draws frontages.": "只有考评办或系统管理员可以绘制责任区。",
    # console/views/media.py
    "No such file, or not one you may see.": "没有该文件，或您无权查看。",
}
