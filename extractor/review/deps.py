"""What the routes share: the store, the extraction jobs, the CSRF guard."""

from __future__ import annotations

from fastapi import Request

from extractor.review.jobs import Extractions
from extractor.review.security import check_csrf
from extractor.store import Store

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def extractions(request: Request) -> Extractions:
    return request.app.state.extractions  # type: ignore[no-any-return]


async def csrf_guard(request: Request) -> None:
    """Dependency of every state-changing route (see `security.check_csrf`)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method in ("GET", "HEAD", "OPTIONS") or content_type not in FORM_TYPES:
        check_csrf(request)
        return
    form = await request.form()  # cached: the route reads the same form and closes it
    value = form.get("csrf_token")
    try:
        check_csrf(request, value if isinstance(value, str) else None)
    except Exception:
        await form.close()  # refused: nobody else will close the spooled upload
        raise
