"""Engines a batch runs on: `local` (extractor.batch: processes or threads on this machine, the default) and
`ray` (extractor.engines.ray: the same batch on Ray Data, on a local cluster or an existing one).

Both take the same plan and settings and give the same `BatchResult`, records and progress; Ray is an optional
extra (`pip install 'budget-extractor[ray]'`), imported only when asked for.
"""

from __future__ import annotations

from typing import Literal

Engine = Literal["local", "ray"]
ENGINES: tuple[str, ...] = ("local", "ray")


class EngineUnavailable(RuntimeError):
    """The engine asked for is not installed or cannot start; the message is one line saying what to do."""


def need_ray() -> None:
    """Raise `EngineUnavailable` when Ray (with Ray Data) or fsspec is not installed."""
    try:
        import fsspec  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise EngineUnavailable(
            f"--engine ray needs Ray Data ({exc.name} is not installed): pip install 'budget-extractor[ray]'"
        ) from exc
