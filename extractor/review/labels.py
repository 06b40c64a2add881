"""Human names for JSON Pointers: what a reviewer reads instead of `/projects/2/indicators/5/actual`."""

from __future__ import annotations

from typing import Any

from schemas.pointers import resolve

FIELD_NAMES = {
    "value": "数值",
    "name": "名称",
    "code": "项目编码",
    "total_score": "总分",
    "conclusion": "评价结论",
    "problems": "存在问题",
    "measures": "改进措施",
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "执行数",
    "execution_rate_pct": "执行率%",
    "weight": "分值",
    "score": "得分",
    "level1": "一级指标",
    "level2": "二级指标",
    "comparator": "指标性质",
    "target": "指标值",
    "unit": "度量单位",
    "actual": "实际完成值",
    "deviation_reason": "偏差原因",
    "text": "文本",
}


def _get(record: dict[str, Any], pointer: str) -> Any:
    try:
        return resolve(record, pointer)
    except (KeyError, IndexError, ValueError):
        return None


def field_label(record: dict[str, Any], pointer: str) -> str:
    tokens = pointer.lstrip("/").split("/")
    field = FIELD_NAMES.get(tokens[-1], tokens[-1])
    if tokens[0] == "figures":
        figure = _get(record, f"/figures/{tokens[1]}") or {}
        parts = [figure.get("key", "?"), figure.get("measure", "?"), figure.get("subject"), figure.get("scope")]
        return " · ".join(str(p) for p in parts if p)
    if tokens[0] == "narratives":
        narrative = _get(record, f"/narratives/{tokens[1]}") or {}
        return " · ".join(str(p) for p in ("narrative", narrative.get("kind"), narrative.get("scope")) if p)
    project = _get(record, f"/projects/{tokens[1]}") or {}
    head = f"项目 {int(tokens[1]) + 1} {project.get('name', '')}".strip()
    if len(tokens) > 3 and tokens[2] == "indicators":
        indicator = _get(record, f"/projects/{tokens[1]}/indicators/{tokens[3]}") or {}
        return f"{head} · 指标 {int(tokens[3]) + 1} {indicator.get('name', '')} · {field}"
    if tokens[2] == "budget":
        return f"{head} · 预算 · {field}"
    return f"{head} · {field}"
