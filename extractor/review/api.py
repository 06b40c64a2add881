"""The JSON API of DESIGN §8: submit, fetch (corrections applied), flags, decisions, audit trail, export."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError

from extractor.corrections import CorrectionError
from extractor.load import LoadError
from extractor.review.deps import csrf_guard, extractions, store
from extractor.review.jobs import Extractions
from extractor.store import Conflict, NotFound, Store
from schemas import Record
from schemas.numbers import Integer

router = APIRouter(prefix="/api")
Guarded = [Depends(csrf_guard)]
DEFAULT_PAGE = 1000  # fields per page of /api/flags
MAX_PAGE = 5000


class SubmittedText(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    text: str


class DecisionIn(BaseModel):
    pointer: str = Field(pattern=r"^/")
    action: Literal["accept", "correct", "reject"]
    value: Any = None
    reviewer: str = Field(min_length=1, max_length=100)
    version: Integer | None = Field(
        default=None, ge=0, description="the field's version the decision was made on (required to correct or reject)"
    )


def safe_name(name: str | None) -> str:
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    return base[:200] or "document.txt"


async def read_submission(request: Request) -> tuple[str, bytes]:
    """(name, bytes) from a JSON body {"name", "text"} or a multipart upload in the field "file"."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        async with request.form() as form:  # closes the spooled upload when done
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise HTTPException(422, "multipart upload needs a file in the field 'file'")
            return safe_name(upload.filename), await upload.read()
    if content_type == "application/json":
        try:
            body = SubmittedText.model_validate_json(await request.body())
        except ValidationError as exc:
            problem = exc.errors()[0]
            raise HTTPException(422, f"{'.'.join(map(str, problem['loc'])) or 'body'}: {problem['msg']}") from exc
        return safe_name(body.name), body.text.encode("utf-8")
    raise HTTPException(415, 'send JSON {"name", "text"} or a multipart upload with a "file" field')


def submit(name: str, data: bytes, jobs: Extractions, background: BackgroundTasks) -> dict[str, Any]:
    try:
        document, warnings = jobs.submit(name, data)
    except LoadError as exc:
        raise HTTPException(422, str(exc)) from exc
    background.add_task(jobs.run, document.id)
    return {**document_json(document.__dict__), "warnings": list(warnings)}


def document_json(document: dict[str, Any]) -> dict[str, Any]:
    i = document["id"]
    return {
        **document,
        "links": {
            "record": f"/api/documents/{i}",
            "flags": f"/api/flags?document={i}",
            "document_flags": f"/api/documents/{i}/flags",
            "reviews": f"/api/documents/{i}/reviews",
            "export": f"/api/documents/{i}/export",
            "page": f"/documents/{i}",
        },
    }


@router.post("/documents", status_code=202, dependencies=Guarded)
async def post_document(
    request: Request, background: BackgroundTasks, jobs: Annotated[Extractions, Depends(extractions)]
) -> dict[str, Any]:
    """Submit a report; it is extracted in the background (watch `status`)."""
    name, data = await read_submission(request)
    return submit(name, data, jobs, background)


@router.get("/documents")
def list_documents(db: Annotated[Store, Depends(store)]) -> list[dict[str, Any]]:
    return [document_json(d.__dict__) for d in db.documents()]


def _found(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except NotFound as exc:
        status = 409 if "no record yet" in str(exc) else 404
        raise HTTPException(status, str(exc)) from exc


@router.get("/documents/{document_id}/status")
def document_status(document_id: int, db: Annotated[Store, Depends(store)]) -> dict[str, Any]:
    document = _found(db.document, document_id)
    progress = db.progress(document_id) if document.status == "done" else None
    return {**document_json(document.__dict__), "progress": progress}


@router.get("/documents/{document_id}")
def get_record(document_id: int, db: Annotated[Store, Depends(store)]) -> dict[str, Any]:
    """The current record, corrections applied (409 while the document is still being extracted)."""
    return _found(db.record, document_id)  # type: ignore[no-any-return]


@router.get("/documents/{document_id}/export")
def export_record(document_id: int, db: Annotated[Store, Depends(store)]) -> Response:
    """The corrected record as a file: the same JSON as `extractor extract` writes, ready for `extractor eval`."""
    record = Record.model_validate(_found(db.record, document_id))
    stem = PurePath(record.document.name).stem or f"document-{document_id}"
    return Response(
        record.to_json() + "\n",
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{stem}.json"'},
    )


@router.get("/flags")
def flags(
    request: Request,
    response: Response,
    db: Annotated[Store, Depends(store)],
    document: int | None = None,
    family: Literal["figures", "projects", "indicators", "narratives"] | None = None,
    reason: str | None = None,
    undecided: Annotated[bool, Query(description="only fields nobody has decided on yet")] = False,
    all_fields: Annotated[bool, Query(alias="all", description="every field, not only flagged ones")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="fields per page")] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, description="fields to skip")] = 0,
) -> list[dict[str, Any]]:
    """Flagged fields, lowest confidence first: pointer, value, confidence, flags, evidence, version.

    Paged: `X-Total-Count` says how many match, and a `Link: <…>; rel="next"` header names the next page."""
    if document is not None:
        _found(db.document, document)
    filters: dict[str, Any] = {
        "flagged_only": not all_fields, "family": family, "reason": reason, "undecided_only": undecided
    }
    total = db.count_fields(document, **filters)
    page = db.fields(document, **filters, limit=limit, offset=offset)
    response.headers["X-Total-Count"] = str(total)
    if offset + len(page) < total:
        following = request.url.include_query_params(limit=limit, offset=offset + limit)
        response.headers["Link"] = f'<{following.path}?{following.query}>; rel="next"'
    return page


@router.get("/documents/{document_id}/flags")
def get_document_flags(document_id: int, db: Annotated[Store, Depends(store)]) -> list[dict[str, Any]]:
    """Flags on the document as a whole, not on a field: each routed part of it that gave nothing."""
    return document_flags(_found(db.record, document_id))


def document_flags(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's document-level flags: each (chunk, family) the router sent that gave nothing (`meta.run`),
    with the heading and source span a reviewer reads it at."""
    empty = ((record.get("meta") or {}).get("run") or {}).get("empty_routes") or []
    return [
        {"flag": "empty_route", **route, "reason": f"routed to {route['family']}, nothing was extracted from it"}
        for route in empty
    ]


@router.post("/documents/{document_id}/reviews", status_code=201, dependencies=Guarded)
def post_review(document_id: int, decision: DecisionIn, db: Annotated[Store, Depends(store)]) -> Any:
    """Accept, correct or reject one field. `version` is required to correct or reject (428 without it); a stale
    one is refused with 409."""
    if decision.action != "accept" and decision.version is None:
        raise HTTPException(
            428,
            f"{decision.action} needs the field's version (from /api/flags), so that a colleague's decision made "
            "meanwhile is not overwritten: send it as \"version\"",
        )
    try:
        return db.decide(
            document_id, decision.pointer, decision.action, decision.value, decision.reviewer, decision.version
        )
    except CorrectionError as exc:
        raise HTTPException(422, str(exc)) from exc
    except Conflict as exc:
        return JSONResponse({"detail": str(exc), "current_version": exc.current}, status_code=409)
    except NotFound as exc:
        raise HTTPException(409 if "no record yet" in str(exc) else 404, str(exc)) from exc


@router.get("/documents/{document_id}/reviews")
def get_reviews(document_id: int, db: Annotated[Store, Depends(store)]) -> list[dict[str, Any]]:
    """The audit trail: every decision, oldest first, with reviewer, time, previous and new value."""
    return _found(db.trail, document_id)  # type: ignore[no-any-return]

