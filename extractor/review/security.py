"""Who may talk to the review server, and which browser requests may change anything.

- Bound to a loopback address, the server serves only requests addressed to a loopback host name
  (a DNS-rebinding page cannot reach it under another name) and needs no token.
- Bound to any other address, it refuses to start without `EXTRACTOR_REVIEW_TOKEN`, and every
  request needs the token: `Authorization: Bearer <token>`, or the cookie set by `/login`.
- Every state-changing request from a browser must prove it comes from our own pages: a request
  whose Origin is another site is refused; a JSON request is allowed (browsers cannot send one
  cross-site without a CORS preflight, which this server never grants); any other (form or
  multipart) request must carry the CSRF token of our cookie in `X-CSRF-Token` or the
  `csrf_token` field. A request with neither Origin nor cookies is a script (curl, httpx), not a
  browser, and is let through.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

CSRF_COOKIE = "extractor_csrf"
TOKEN_COOKIE = "extractor_token"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def check_host(request: Request, loopback_only: bool) -> None:
    """On a loopback-bound server, refuse requests addressed to any other host name (DNS rebinding)."""
    host = request.url.hostname or ""
    if loopback_only and host not in LOOPBACK_NAMES:
        raise Refused(400, f"this review server answers only on 127.0.0.1/localhost, not {host!r}")


def check_token(request: Request, token: str | None) -> None:
    if token is None:
        return
    given = request.headers.get("authorization", "")
    bearer = given[7:] if given.lower().startswith("bearer ") else None
    if same(bearer, token) or same(request.cookies.get(TOKEN_COOKIE), token):
        return
    raise Refused(401, "a review token is required (Authorization: Bearer <token>, or sign in at /login)")


def check_csrf(request: Request, form_token: str | None = None) -> None:
    """Raise `Refused` unless a state-changing request is one of the allowed kinds (module doc)."""
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("origin")
    if origin and origin != "null":
        if urlsplit(origin).netloc != request.headers.get("host"):
            raise Refused(403, f"cross-site request from {origin} refused")
    elif origin == "null":
        raise Refused(403, "request from an opaque origin refused")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    if cookie and (same(request.headers.get("x-csrf-token"), cookie) or same(form_token, cookie)):
        return
    if not origin and not request.headers.get("cookie"):
        return  # not a browser
    raise Refused(403, "missing or wrong CSRF token: reload the page and try again")
