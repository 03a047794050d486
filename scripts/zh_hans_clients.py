"""Simplified Chinese for the API clients (other systems with keys, scopes and webhooks) (msgid → msgstr)."""

ZH_HANS = {
    # gridcity/clients/apps.py, models.py
    "API clients": "接入系统",
    "File service requests through Open311": "通过 Open311 提交服务请求",
    "Exchange work orders with the citizen hotline": "与 12345 热线交换工单",
    "source of its cases": "所报案件来源",
    "scopes": "权限范围",
    "key prefix": "密钥前缀",
    "requests per minute": "每分钟请求上限",
    "Requests beyond this in a minute are refused.": "一分钟内超过此数的请求将被拒绝。",
    "webhook address": "回调地址",
    "Where changes to its cases are sent (POST, JSON).": "其案件的变化发送到此地址（POST，JSON）。",
    "signing secret": "签名密钥",
    "created at": "创建时间",
    "case from a client": "接入系统所报案件",
    "cases from clients": "接入系统所报案件",
    # gridcity/clients/admin.py
    "The key of “%(client)s” is %(key)s. Copy it now: it is stored hashed and cannot be shown again.": (
        "“%(client)s”的密钥是 %(key)s。请立即复制：系统只保存其哈希值，之后无法再次显示。"
    ),
    "Issue a new key (the old one stops working)": "签发新密钥（旧密钥随即失效）",
    "The new key of “%(client)s” is %(key)s. Copy it now: it cannot be shown again.": (
        "“%(client)s”的新密钥是 %(key)s。请立即复制：之后无法再次显示。"
    ),
    # gridcity/clients/signing.py
    "The request must carry a %(header)s header “t=<unix time>,v1=<HMAC-SHA256>”.": (
        "请求必须带有 %(header)s 请求头：“t=<Unix 时间>,v1=<HMAC-SHA256>”。"
    ),
    "The signature's time is more than %(seconds)s seconds away from ours.": "签名时间与本系统时间相差超过 %(seconds)s 秒。",
    "The signature does not match the body.": "签名与请求内容不符。",
    "This request was already received once (replay).": "此请求已经收到过一次（重放）。",
    # gridcity/cases/workflow.py: the hotline's callback
    "Record the hotline's callback": "记录热线回访",
    "Satisfaction must be 0, 1, 2 or 3.": "满意度须为 0、1、2 或 3。",
}
