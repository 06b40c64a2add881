"""Numbers as every entry point takes them: finite, and never a boolean.

JSON and Python let `true`, `NaN`, `Infinity` and `1e400` (read as infinity) pass for numbers; none of
them is an amount, a score, a weight or a setting. The record's number fields and the settings are
typed with these, so a reviewer's correction, a record read back by eval, a gold file and an
environment variable are held to one rule with one message.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AllowInfNan, BeforeValidator


def _not_a_boolean(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"a number is due, not {str(value).lower()}")
    return value


FiniteFloat = Annotated[float, BeforeValidator(_not_a_boolean), AllowInfNan(False)]
Integer = Annotated[int, BeforeValidator(_not_a_boolean)]
