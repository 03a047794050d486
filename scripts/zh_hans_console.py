"""Simplified Chinese for the console's shared pieces: top bar, error pages (msgid → msgstr)."""

ZH_HANS = {
    "Staff console": "工作台",
    "To close": "待结案",
    "Not allowed": "无权操作",
    "You may not open this page.": "您无权打开此页面。",
    "Back to my work": "返回我的工作",
    "Not found": "未找到",
    "There is nothing at this address.": "此地址没有内容。",
    "Your account has no role yet; ask the system administrator.": "您的账号尚未分配角色，请联系系统管理员。",
}
