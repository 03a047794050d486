"""Simplified Chinese for the outbox (messages sent to other systems' webhooks) (msgid → msgstr)."""

ZH_HANS = {
    # gridcity/outbox/apps.py, models.py
    "Outgoing messages": "外发消息",
    "Waiting to be sent": "待发送",
    "Delivered": "已送达",
    "Given up": "已放弃",
    "API client": "接入系统",
    "topic": "主题",
    "subject": "标题",
    "body": "消息内容",
    "attempts": "尝试次数",
    "next attempt at": "下次发送时间",
    "claimed until": "占用至",
    "delivered at": "送达时间",
    "last error": "最近错误",
    "outgoing message": "外发消息",
    "outgoing messages": "外发消息",
    "Can send outgoing messages again": "可重新发送外发消息",
    "message": "消息",
    "attempt": "第几次",
    "at": "时间",
    "duration (ms)": "耗时（毫秒）",
    "HTTP status": "HTTP 状态码",
    "response (beginning)": "响应内容（开头）",
    "error": "错误",
    "delivery attempt": "发送记录",
    "delivery log": "发送日志",
    # gridcity/outbox/delivery.py: stored as the reason of a failed attempt
    "Not sent: the API client is inactive.": "未发送：该接入系统已停用。",
    "Not sent: the API client has no webhook address.": "未发送：该接入系统未设置回调地址。",
    "The receiver redirected to %(url)s; change the webhook address instead.": "接收方重定向到 %(url)s；请直接修改回调地址。",
    "The receiver answered HTTP %(status)s %(reason)s.": "接收方返回 HTTP %(status)s %(reason)s。",
    "No answer within %(seconds)s seconds.": "%(seconds)s 秒内无响应。",
    "No answer: %(reason)s": "无响应：%(reason)s",
    # gridcity/outbox/admin.py
    "Send again": "重新发送",
    ("%(count)d message will be sent again.", "%(count)d messages will be sent again."): [
        "%(count)d 条消息将重新发送。"
    ],
    (
        "%(count)d message was still waiting to be sent and was left as it is.",
        "%(count)d messages were still waiting to be sent and were left as they are.",
    ): ["%(count)d 条消息仍在等待发送，未作改动。"],
}
