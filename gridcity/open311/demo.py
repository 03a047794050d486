"""The demo county's Open311 attributes: what a public reporting app asks for a few classes."""

from gridcity.catalog.models import MinorClass

from .models import Datatype, ServiceAttribute

# (kind, major code, minor code) -> attributes as (code, order, datatype, required, description,
# datatype_description, values)
DEMO_ATTRIBUTES = {
    ("component", "01", "01"): [  # 上水井盖
        (
            "damage",
            1,
            Datatype.SINGLEVALUELIST,
            True,
            "井盖是什么情况？",
            "",
            [
                ("missing", "丢失，井口敞开"),
                ("displaced", "移位或翻转"),
                ("broken", "破损"),
                ("sunken", "下沉或凸起"),
            ],
        ),
        (
            "warning_placed",
            2,
            Datatype.SINGLEVALUELIST,
            False,
            "现场是否已设置警示？",
            "",
            [("yes", "是"), ("no", "否")],
        ),
    ],
    ("event", "01", "02"): [  # 暴露垃圾
        (
            "amount",
            1,
            Datatype.SINGLEVALUELIST,
            True,
            "垃圾大约有多少？",
            "",
            [("bags", "几袋以内"), ("cart", "约一手推车"), ("truck", "需要车辆清运")],
        ),
        (
            "kinds",
            2,
            Datatype.MULTIVALUELIST,
            False,
            "有哪些垃圾？",
            "可多选",
            [
                ("household", "生活垃圾"),
                ("construction", "建筑垃圾"),
                ("greenery", "枯枝落叶"),
                ("bulky", "大件废弃物"),
            ],
        ),
    ],
    ("event", "05", "04"): [  # 店外经营
        ("shop_name", 1, Datatype.STRING, False, "店铺名称", "招牌上的名称", []),
        ("width", 2, Datatype.NUMBER, False, "占用人行道的宽度", "单位：米", []),
        ("seen_at", 3, Datatype.DATETIME, False, "最近一次看到的时间", "如 2026-05-01T18:30:00+08:00", []),
        (
            "notice",
            4,
            Datatype.TEXT,
            False,
            "店外经营指超出门窗外墙摆卖或经营。请站在人行道上拍摄，拍清店招和占道范围。",
            "",
            [],
        ),
    ],
}
_INFORMATIONAL = {"notice"}  # shown to the reporter, nothing to answer


def add_demo_attributes():
    """Give three demo classes their attributes (idempotent: found by class and code)."""
    for (kind, major, minor), attributes in DEMO_ATTRIBUTES.items():
        minor_class = MinorClass.objects.get(major__kind=kind, major__code=major, code=minor)
        for code, order, datatype, required, description, hint, values in attributes:
            ServiceAttribute.objects.update_or_create(
                minor_class=minor_class,
                code=code,
                defaults={
                    "order": order,
                    "datatype": datatype,
                    "required": required,
                    "variable": code not in _INFORMATIONAL,
                    "description": description,
                    "datatype_description": hint,
                    "values": [{"key": key, "name": name} for key, name in values],
                },
            )
