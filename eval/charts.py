"""Inline SVG charts for the HTML report: grouped bars, the reliability diagram, the flag curve.

In: numbers from the `Summary`. Out: SVG markup (markupsafe `Markup`) with every label escaped; no
scripts, fonts or other external assets, so the report opens without a network.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from eval.metrics import CalibrationBin, CurvePoint

PALETTE = ("#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#a463f2", "#97bbf5")
_W, _H = 640, 280
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 30, 62


def _frame(title: str, x_label: str, y_label: str) -> list[str]:
    """Axes, a 0..1 grid on y, the title and axis labels."""
    plot_h = _H - _TOP - _BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="11">',
        f'<text x="{_W / 2}" y="14" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
    ]
    for k in range(6):
        y = _TOP + plot_h * (1 - k / 5)
        parts.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{k / 5:.1f}</text>')
    parts.append(f'<text x="{_W / 2}" y="{_H - _BOTTOM + 30}" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(
        f'<text x="12" y="{_TOP + plot_h / 2}" text-anchor="middle" transform="rotate(-90 12 {_TOP + plot_h / 2})">'
        f"{escape(y_label)}</text>"
    )
    return parts


def _y(value: float) -> float:
    return _TOP + (_H - _TOP - _BOTTOM) * (1 - max(0.0, min(1.0, value)))


def _x(value: float) -> float:
    return _LEFT + (_W - _LEFT - _RIGHT) * max(0.0, min(1.0, value))


def bar_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]) -> Markup:
    """Grouped bars in [0, 1]: one group per category, one bar per series; an undefined value is "–"."""
    parts = _frame(title, "", "")
    plot_w = _W - _LEFT - _RIGHT
    group_w = plot_w / max(1, len(categories))
    bar_w = group_w * 0.8 / max(1, len(series))
    for c, category in enumerate(categories):
        x0 = _LEFT + c * group_w + group_w * 0.1
        for s, (_name, values) in enumerate(series):
            value = values[c]
            x = x0 + s * bar_w
            if value is None:
                parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{_y(0) - 3:.1f}" text-anchor="middle">–</text>')
                continue
            top = _y(value)
            parts.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{bar_w * 0.92:.1f}" height="{_y(0) - top:.1f}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(f"{category} {_name}: {value:.3f}")}</title></rect>'
            )
            if bar_w >= 22:
                parts.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{top - 2:.1f}" text-anchor="middle" font-size="9">{value:.2f}</text>'
                )
        parts.append(
            f'<text x="{x0 + group_w * 0.4:.1f}" y="{_H - _BOTTOM + 14}" text-anchor="middle">{escape(category[:18])}</text>'
        )
    parts.extend(_legend([name for name, _ in series]))
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend(names: Sequence[str], first: int = 0, spacing: int = 110) -> list[str]:
    parts = []
    for s, name in enumerate(names):
        x = _LEFT + 8 + s * spacing
        y = _H - _BOTTOM + 42
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{PALETTE[(first + s) % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 14}" y="{y + 9}">{escape(name)}</text>')
    return parts


def reliability_diagram(bins: Sequence[CalibrationBin]) -> Markup:
    """Accuracy per confidence bin against the diagonal a calibrated scorer would follow; n above each bar."""
    parts = _frame("Reliability: accuracy per confidence bin", "confidence", "accuracy")
    parts.append(f'<line x1="{_x(0)}" y1="{_y(0)}" x2="{_x(1)}" y2="{_y(1)}" stroke="#999" stroke-dasharray="4 3"/>')
    for b in bins:
        if not b.count or b.accuracy is None:
            continue
        x, width = _x(b.lower), _x(b.upper) - _x(b.lower)
        top = _y(b.accuracy)
        tip = f"confidence {b.lower:.1f}–{b.upper:.1f}: {b.count} fields, accuracy {b.accuracy:.3f}"
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top:.1f}" width="{width - 2:.1f}" height="{_y(0) - top:.1f}" '
            f'fill="{PALETTE[0]}" fill-opacity="0.8"><title>{escape(tip)}</title></rect>'
        )
        parts.append(
            f'<text x="{x + width / 2:.1f}" y="{top - 3:.1f}" text-anchor="middle" font-size="9">n={b.count}</text>'
        )
    for k in range(6):
        parts.append(f'<text x="{_x(k / 5):.1f}" y="{_H - _BOTTOM + 14}" text-anchor="middle">{k / 5:.1f}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def flag_curve_chart(curve: Sequence[CurvePoint], thresholds: Sequence[float]) -> Markup:
    """Share of fields flagged (x) against errors left unflagged (y), one point per threshold."""
    parts = _frame("Flag rate vs escaped errors, over every threshold", "share of fields flagged", "share")
    lines = (
        (
            "wrong among unflagged",
            [(p.flag_rate, None if p.unflagged_accuracy is None else 1 - p.unflagged_accuracy) for p in curve],
        ),
        (
            "wrong fields not flagged",
            [(p.flag_rate, None if p.flag_recall is None else 1 - p.flag_recall) for p in curve],
        ),
    )
    for s, (_name, points) in enumerate(lines):
        drawn = [(x, y) for x, y in points if x is not None and y is not None]
        if drawn:
            path = " ".join(f"{_x(x):.1f},{_y(y):.1f}" for x, y in drawn)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[s + 1]}" stroke-width="2"/>')
    for t in thresholds:
        at = next((p for p in curve if p.threshold >= t), None)
        if at is not None and at.flag_rate is not None:
            parts.append(
                f'<line x1="{_x(at.flag_rate):.1f}" x2="{_x(at.flag_rate):.1f}" y1="{_y(0)}" y2="{_y(1)}" stroke="#333" stroke-dasharray="2 2"/>'
            )
            parts.append(f'<text x="{_x(at.flag_rate) + 3:.1f}" y="{_y(1) + 10}">threshold {t:g}</text>')
    for k in range(6):
        parts.append(f'<text x="{_x(k / 5):.1f}" y="{_H - _BOTTOM + 14}" text-anchor="middle">{k / 5:.1f}</text>')
    parts.extend(_legend([name for name, _ in lines], first=1, spacing=170))
    parts.append("</svg>")
    return Markup("".join(parts))
