"""Server-rendered pages: the queue of flagged fields, a document beside its record, sign-in, upload.

Every piece of document text reaches the page through Jinja's autoescaping; nothing is marked safe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from extractor.review.api import document_flags, read_submission, submit
from extractor.review.deps import csrf_guard, extractions, store
from extractor.review.jobs import Extractions
from extractor.review.labels import LANGUAGES, field_label, flag_name, flag_reason, language
from extractor.review.security import CSRF_COOKIE, TOKEN_COOKIE, new_csrf_token, same
from extractor.store import NotFound, Store

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(flag_name=flag_name, flag_reason=flag_reason, languages=LANGUAGES)
LANGUAGE_COOKIE = "extractor_lang"
FAMILIES = ("figures", "projects", "indicators", "narratives")
QUEUE_PAGE = 500  # fields the queue shows at once (the API pages the rest)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A page with the CSRF token its scripts and forms send back (set as a cookie on first visit), in the
    reviewer's language (`?lang=zh|en`, remembered in a cookie; else the browser's)."""
    token = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    chosen = request.query_params.get("lang")
    lang = language(chosen or request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language"))
    response = templates.TemplateResponse(
        request, name, {**context, "csrf_token": token, "lang": lang}, status_code=status_code
    )
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=False, samesite="strict")
    if chosen in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, chosen, samesite="strict")
    return response


@router.get("/", response_class=HTMLResponse)
def queue(
    request: Request,
    db: Annotated[Store, Depends(store)],
    document: str | None = None,
    family: str | None = None,
    reason: str | None = None,
    decided: bool = False,
) -> Response:
    """The queue: flagged fields across documents, lowest confidence first."""
    document_id = int(document) if document and document.isdigit() else None
    family = family if family in FAMILIES else None
    filters: dict[str, Any] = {"family": family, "reason": reason or None, "undecided_only": not decided}
    fields = db.fields(document_id, **filters, limit=QUEUE_PAGE)
    views = db.views({f["document"] for f in fields})
    for f in fields:
        f["label"] = field_label(views.get(f["document"], {}), f["pointer"])
    documents = db.documents()
    progress = {d.id: db.progress(d.id) for d in documents if d.status == "done"}
    return render(
        request,
        "queue.html",
        {
            "fields": fields,
            "total": db.count_fields(document_id, **filters),
            "documents": documents,
            "progress": progress,
            "reasons": db.reasons(),
            "families": FAMILIES,
            "filters": {"document": document_id, "family": family, "reason": reason or "", "decided": decided},
        },
    )


@router.post("/documents", dependencies=[Depends(csrf_guard)])
async def upload(
    request: Request, background: BackgroundTasks, jobs: Annotated[Extractions, Depends(extractions)]
) -> Response:
    try:
        name, data = await read_submission(request)
        document = submit(name, data, jobs, background)
    except HTTPException as exc:
        return render(request, "error.html", {"message": exc.detail}, status_code=exc.status_code)
    return RedirectResponse(f"/documents/{document['id']}", status_code=303)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int, db: Annotated[Store, Depends(store)]) -> Response:
    """The source text with each field's evidence highlighted, beside the record as a form."""
    try:
        document = db.document(document_id)
    except NotFound as exc:
        return render(request, "error.html", {"message": str(exc)}, status_code=404)
    if document.status != "done":
        return render(request, "pending.html", {"document": document})
    record = db.view(document_id)  # pointers as extracted: a rejected item keeps its place, its value null
    _raw, text = db.source(document_id)
    fields = db.fields(document_id, flagged_only=False)
    fields.sort(key=lambda f: (not f["flagged"], f["confidence"] if f["flagged"] else 0.0))
    for f in fields:
        f["label"] = field_label(record, f["pointer"])
        f["shown"] = _current_value(record, f)
        f["place"] = place_of(record, f["pointer"])
    return render(
        request,
        "document.html",
        {
            "document": document,
            "fields": fields,
            "segments": highlight(text, fields),
            "progress": db.progress(document_id),
            "trail": list(reversed(db.trail(document_id))),
            "threshold": (record.get("review") or {}).get("threshold"),
            "document_flags": document_flags(record),
            "paged": any(f["place"] for f in fields),
        },
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    return render(request, "login.html", {"message": None})


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()]) -> Response:
    expected = request.app.state.token
    if expected is None:
        return RedirectResponse("/", status_code=303)
    if not same(token, expected):
        return render(request, "login.html", {"message": "wrong token"}, status_code=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


def _current_value(record: dict[str, Any], field: dict[str, Any]) -> Any:
    from schemas.pointers import resolve

    try:
        return resolve(record, field["pointer"])
    except (KeyError, IndexError):
        return None  # its item was rejected


def place_of(record: dict[str, Any], pointer: str) -> dict[str, Any] | None:
    """Where the field's evidence stands in the file: {"page": n, "box": [x0, y0, x1, y1] or None} for a
    PDF or image input (the box in fractions of the page), else None."""
    from schemas.pointers import resolve

    tokens = pointer.lstrip("/").split("/")
    cut = 4 if len(tokens) > 4 and tokens[2] == "indicators" else 2
    try:
        item = resolve(record, "/" + "/".join(tokens[:cut]))
    except (KeyError, IndexError):
        return None
    evidence = item.get("evidence") if isinstance(item, dict) else None
    if not isinstance(evidence, dict) or not evidence.get("page"):
        return None
    box = evidence.get("box")
    return {"page": int(evidence["page"]), "box": [float(v) for v in box] if box else None}


def highlight(text: str, fields: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The text cut at every evidence boundary: (piece, space-separated span keys covering it)."""
    spans = {
        (f["evidence"]["start"], f["evidence"]["end"])
        for f in fields
        if f["evidence"]["start"] is not None and f["evidence"]["end"] is not None
    }
    spans = {(s, e) for s, e in spans if 0 <= s < e <= len(text)}
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for s, e in spans:
        starts.setdefault(s, []).append(f"{s}-{e}")
        ends.setdefault(e, []).append(f"{s}-{e}")
    cuts = sorted({0, len(text), *starts, *ends})
    active: set[str] = set()
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        segments.append((text[a:b], " ".join(sorted(active))))
    return segments
