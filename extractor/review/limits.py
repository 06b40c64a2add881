"""A cap on request bodies, counted as they arrive: a chunked upload (no Content-Length) is held to it too.

The app's guard refuses a declared Content-Length over the cap before anything is read; this ASGI
middleware counts the bytes actually received and, past the cap, stops the request while the route
is still reading it and answers 413, so no upload is ever held in full.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    def __init__(self, received: int, report_limit: int) -> None:
        super().__init__(f"upload too large (over {received:,} bytes and still coming; the limit is {report_limit:,})")


class BodyLimit:
    """`limit`: bytes a request body may have (a report's `report_limit` and the form around it)."""

    def __init__(self, app: ASGIApp, limit: int, report_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.report_limit = report_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(received, self.report_limit)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except Exception as exc:
            cause = _too_large(exc)
            if started or cause is None:
                raise
            if str(scope.get("path", "")).startswith("/api/"):
                await JSONResponse({"detail": str(cause)}, status_code=413)(scope, receive, send)
            else:
                await PlainTextResponse(str(cause), status_code=413)(scope, receive, send)


def _too_large(exc: BaseException) -> BodyTooLarge | None:
    """The cap's exception, raised as itself or inside the task groups middleware wraps a read in."""
    if isinstance(exc, BodyTooLarge):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            found = _too_large(inner)
            if found is not None:
                return found
    return _too_large(exc.__cause__) if exc.__cause__ is not None else None
