"""The review service: a FastAPI app over the store (JSON API under /api, server-rendered pages).

    app = create_app(Settings(), host="127.0.0.1")

`extractor serve` builds it and runs it with uvicorn.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from extractor.review import api, page_images, pages
from extractor.review.jobs import Extractions
from extractor.review.limits import BodyLimit
from extractor.review.security import Refused, check_host, check_token, is_loopback
from extractor.settings import Settings
from extractor.store import Store

HERE = Path(__file__).parent
UPLOAD_OVERHEAD = 64 * 1024  # multipart boundaries and headers around the file itself


class UnsafeBinding(ValueError):
    """Bound to a non-loopback address without a review token."""


def create_app(settings: Settings, host: str = "127.0.0.1", *, resume: bool = True) -> FastAPI:
    token = settings.review_token.get_secret_value() if settings.review_token else None
    loopback = is_loopback(host)
    if not loopback and not token:
        raise UnsafeBinding(
            f"refusing to serve on {host} without a token: set EXTRACTOR_REVIEW_TOKEN (or bind 127.0.0.1)"
        )
    store = Store(settings.database_url)
    extractions = Extractions(store, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if resume:  # documents a stopped server left unfinished are extracted again, in the background
            threading.Thread(target=extractions.resume, name="resume-extractions", daemon=True).start()
        yield
        store.close()

    app = FastAPI(title="budget-extractor review", lifespan=lifespan, docs_url="/api/docs", redoc_url=None)
    app.state.store = store
    app.state.extractions = extractions
    app.state.settings = settings
    app.state.token = token

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        try:
            check_host(request, loopback)
            if request.url.path not in ("/login", "/static/review.css"):
                check_token(request, token)
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > settings.max_input_bytes + UPLOAD_OVERHEAD:
                raise Refused(
                    413, f"upload too large ({int(length):,} bytes; the limit is {settings.max_input_bytes:,})"
                )
        except Refused as exc:
            if exc.status == 401 and request.method == "GET" and not request.url.path.startswith("/api/"):
                return RedirectResponse("/login", status_code=303)
            if request.url.path.startswith("/api/"):
                return JSONResponse({"detail": str(exc)}, status_code=exc.status)
            return PlainTextResponse(str(exc), status_code=exc.status)
        return await call_next(request)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=exc.status)
        return PlainTextResponse(str(exc), status_code=exc.status)

    app.add_middleware(BodyLimit, limit=settings.max_input_bytes + UPLOAD_OVERHEAD, report_limit=settings.max_input_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(page_images.router)
    app.include_router(pages.router)
    return app
