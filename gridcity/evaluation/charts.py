"""Charts drawn on the server as SVG: a unit's daily scores and the bulletin's bar chart of scores.

Plain SVG markup, no JavaScript: a page shows it as it is, WeasyPrint prints it in the bulletin,
and each point of a line is a link. Scores run from 0 to 100; the grade bands of
standards.md §7.3 (A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40) are drawn as guide lines.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
GRADE_LINES = ((90, "A"), (75, "B"), (60, "C"), (40, "D"))
# The usual colours of the grades (standards.md §7.3: green, blue, yellow, orange, red).
GRADE_COLOURS = {"A": "#2e9d52", "B": "#1f6fb2", "C": "#e6a700", "D": "#ef7d22", "E": "#d93025"}
NO_GRADE_COLOUR = "#9aa3b2"


def _number(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line_chart(points, *, title, width=760, height=260, high=100):
    """An SVG line of ``points``: [(label, value or None, href, tooltip)], one per day in order.
    A None value breaks the line (no score that day)."""
    left, right, top, bottom = 36, 24, 12, 28
    plot_width, plot_height = width - left - right, height - top - bottom
    step = plot_width / max(len(points) - 1, 1)

    def x(index):
        return left + index * step

    def y(value):
        return top + (high - float(value)) / high * plot_height

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" font-family=\'{FONT}\' '
        'font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{left}" y="{top}" width="{plot_width}" height="{plot_height}" fill="#fff" stroke="#c5ccd8"/>',
    ]
    for value, grade in GRADE_LINES:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_width}" y1="{_number(y(value))}" y2="{_number(y(value))}" '
            f'stroke="{GRADE_COLOURS[grade]}" stroke-dasharray="4 3" stroke-width="0.8"/>'
            f'<text x="{left - 4}" y="{_number(y(value) + 4)}" text-anchor="end" fill="#5b6577">{value}</text>'
            f'<text x="{left + plot_width + 4}" y="{_number(y(value) + 4)}" fill="{GRADE_COLOURS[grade]}">'
            f"{grade}</text>"
        )
    parts.append(f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" fill="#5b6577">{high}</text>')
    parts.append(
        f'<text x="{left - 4}" y="{top + plot_height + 4}" text-anchor="end" fill="#5b6577">0</text>'
    )
    # The line, broken where a day has no score.
    run = []
    for index, (_label, value, _href, _tooltip) in enumerate([*points, (None, None, None, None)]):
        if value is None:
            if len(run) > 1:
                coordinates = " ".join(f"{_number(px)},{_number(py)}" for px, py in run)
                parts.append(
                    f'<polyline points="{coordinates}" fill="none" stroke="#0b4f8a" stroke-width="2"/>'
                )
            run = []
        else:
            run.append((x(index), y(value)))
    label_every = max(1, round(len(points) / 10))
    for index, (label, value, href, tooltip) in enumerate(points):
        if index % label_every == 0:
            parts.append(
                f'<text x="{_number(x(index))}" y="{height - 8}" text-anchor="middle" fill="#5b6577">'
                f"{escape(label)}</text>"
            )
        if value is None:
            continue
        parts.append(
            f'<a href="{escape(href)}"><circle class="point" cx="{_number(x(index))}" cy="{_number(y(value))}" '
            f'r="4" fill="#0b4f8a"><title>{escape(tooltip)}</title></circle></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def bar_chart(bars, *, title, width=640, bar_height=16, gap=6, label_width=180, high=100):
    """Horizontal SVG bars of ``bars``: [(label, value or None, grade)], top to bottom, coloured
    by grade; a None value draws no bar."""
    right, top = 40, 6
    plot_width = width - label_width - right
    height = top * 2 + len(bars) * (bar_height + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" font-family=\'{FONT}\' '
        'font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for value, grade in GRADE_LINES:
        px = label_width + plot_width * value / high
        parts.append(
            f'<line x1="{_number(px)}" x2="{_number(px)}" y1="{top}" y2="{height - top}" '
            f'stroke="{GRADE_COLOURS[grade]}" stroke-dasharray="3 3" stroke-width="0.6"/>'
        )
    for index, (label, value, grade) in enumerate(bars):
        row_top = top + index * (bar_height + gap)
        middle = row_top + bar_height / 2 + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{_number(middle)}" text-anchor="end" fill="#1d2433">'
            f"{escape(label)}</text>"
        )
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{_number(middle)}" fill="#5b6577">—</text>')
            continue
        length = plot_width * min(float(value), high) / high
        colour = GRADE_COLOURS.get(grade, NO_GRADE_COLOUR)
        parts.append(
            f'<rect x="{label_width}" y="{row_top}" width="{_number(length)}" height="{bar_height}" '
            f'fill="{colour}"/>'
            f'<text x="{_number(label_width + length + 4)}" y="{_number(middle)}" fill="#1d2433">'
            f"{escape(_number(float(value)))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
