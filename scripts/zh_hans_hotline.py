"""Simplified Chinese for the 12345 hotline exchange (工单转办, 退单, 回访, 满意度) (msgid → msgstr)."""

ZH_HANS = {
    "Citizen hotline exchange (12345)": "12345热线工单对接",
    # Class mapping
    "12345 class code": "12345分类代码",
    "12345 class name": "12345分类名称",
    "12345 class mapping": "12345分类对照",
    "12345 class mappings": "12345分类对照",
    "note": "备注",
    "jurisdiction": "辖区",
    "API client": "接口客户端",
    "minor class": "小类",
    "Leave empty for every hotline client of the jurisdiction.": "留空则适用于本辖区所有热线客户端。",
    "The business class code in 12345's work orders.": "12345工单中的业务分类代码。",
    "This 12345 class is already mapped for the jurisdiction.": "本辖区已有该12345分类的对照。",
    "This 12345 class is already mapped for the API client.": "该接口客户端已有该12345分类的对照。",
    "The API client belongs to another jurisdiction.": "该接口客户端属于其他辖区。",
    # 办理结果 and 满意度 (standards.md §9)
    "Solved": "解决",
    "Not solved": "未解决",
    "Partly solved": "部分解决",
    "Not handled, returned": "不办理退单",
    "Dissatisfied": "不满意",
    "Understanding": "理解",
    "Satisfied": "满意",
    "Very satisfied": "非常满意",
    "Deadline passed": "超期",
    # Access, signature, body
    "The API key is wrong, revoked or of an inactive client.": "API密钥错误、已作废，或客户端已停用。",
    "Send the API key as “Authorization: Bearer <key>”.": "请以“Authorization: Bearer <密钥>”发送API密钥。",
    "This API key may not use the 12345 work-order exchange (scope “hotline”).": (
        "该API密钥无权使用12345工单对接接口（权限范围“hotline”）。"
    ),
    "More than %(count)s requests this minute; try again in %(seconds)s seconds.": (
        "本分钟请求已超过%(count)s次，请%(seconds)s秒后重试。"
    ),
    "The request body is larger than %(size)s bytes.": "请求体超过%(size)s字节。",
    "Send the body as JSON (Content-Type: application/json).": "请求体须为JSON（Content-Type: application/json）。",
    "Sign the body and send the signature in the %(header)s header.": "请对请求体签名，并在%(header)s请求头中发送签名。",
    "The body is not valid JSON: %(problem)s": "请求体不是有效的JSON：%(problem)s",
    "The body nests objects and lists deeper than %(depth)s levels.": "请求体的对象或数组嵌套超过%(depth)s层。",
    "The body must be a JSON object.": "请求体须为JSON对象。",
    "The body contains a NUL character or an unpaired surrogate, which cannot be stored.": (
        "请求体含有空字符（NUL）或不成对的代理字符，无法保存。"
    ),
    "Use %(methods)s here.": "此处请使用%(methods)s。",
    # Fields of a work order or a callback
    "“%(field)s” is not a field of this request.": "“%(field)s”不是本请求的字段。",
    "“%(field)s” is required.": "“%(field)s”为必填项。",
    "“%(field)s” must not be empty.": "“%(field)s”不能为空。",
    "“%(field)s” must be text.": "“%(field)s”须为文本。",
    "“%(field)s” is longer than %(count)s characters.": "“%(field)s”超过%(count)s个字符。",
    "“%(field)s” is not in the expected form.": "“%(field)s”格式不正确。",
    "“%(field)s” must be a number.": "“%(field)s”须为数字。",
    "“%(field)s” must lie between %(low)s and %(high)s.": "“%(field)s”须在%(low)s与%(high)s之间。",
    "“%(field)s” must be a whole number.": "“%(field)s”须为整数。",
    "“%(field)s” must be one of %(choices)s.": "“%(field)s”须为以下之一：%(choices)s。",
    "“%(field)s” must be true or false.": "“%(field)s”须为true或false。",
    "“%(field)s” must be an object.": "“%(field)s”须为对象。",
    "“%(field)s” must be a date and time in ISO 8601, e.g. 2026-11-24T09:30:00+08:00.": (
        "“%(field)s”须为ISO 8601日期时间，如2026-11-24T09:30:00+08:00。"
    ),
    "Give the 12345 business class (“category”) or our class code (“class_code”).": (
        "请提供12345业务分类（“category”）或本平台小类代码（“class_code”）。"
    ),
    "“photos” must be a list of https addresses.": "“photos”须为https地址列表。",
    "At most %(count)s photos.": "照片最多%(count)s张。",
    "Photo %(number)s is not an https address of at most 500 characters.": (
        "第%(number)s张照片不是不超过500个字符的https地址。"
    ),
    "The point (%(lon)s, %(lat)s) lies outside %(jurisdiction)s.": "点（%(lon)s, %(lat)s）不在%(jurisdiction)s范围内。",
    "There is no class “%(code)s” in use (C = component, E = event, then four digits).": (
        "没有在用的小类“%(code)s”（C为部件，E为事件，后接四位数字）。"
    ),
    "The 12345 class “%(code)s %(name)s” is not mapped to one of our classes; "
    "ask the command center to add it, or send “class_code”.": (
        "12345分类“%(code)s %(name)s”尚未对照到本平台小类；请联系指挥中心添加对照，或发送“class_code”。"
    ),
    "Work order %(order)s is already recorded as case %(case)s by someone else.": (
        "工单%(order)s已由他人登记为案卷%(case)s。"
    ),
    "There is no work order %(order)s from you.": "没有您发送的工单%(order)s。",
    # Photo links
    "This link has expired.": "该链接已过期。",
    "No such file, or the link was changed.": "文件不存在，或链接已被改动。",
}
