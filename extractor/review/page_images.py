"""Page images of converted documents: GET /api/documents/{id}/pages/{n}.png.

For a PDF (text or scanned) the page rendered with pypdfium2; for an image file its n-th frame. The
evidence of such a document carries `page` and `box` (fractions of the page, top-left origin), so a
client draws the box on this image at any size. Other kinds have no pages to show (404).
"""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import Response

from extractor.convert import ConvertError, sniff
from extractor.review.deps import store
from extractor.store import NotFound, Store

router = APIRouter(prefix="/api")
DPI = 110  # a page fits a screen's width


@router.get("/documents/{document_id}/pages/{number}.png", response_class=Response)
def page_image(document_id: int, number: Annotated[int, Path(ge=1)], db: Annotated[Store, Depends(store)]) -> Response:
    """Page `number` (1-based) of a PDF or image document as PNG."""
    try:
        document = db.document(document_id)
        raw, _text = db.source(document_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    try:
        kind = sniff(raw, document.name)
    except ConvertError:
        kind = "other"
    if kind == "pdf":
        png = _pdf_page(raw, number)
    elif kind == "image":
        png = _image_frame(raw, number)
    else:
        raise HTTPException(404, f"{document.name}: a {kind} document has no page images")
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _pdf_page(raw: bytes, number: int) -> bytes:
    from extractor.convert.pdf_text import open_pdfium

    try:
        document = open_pdfium(raw)
    except ConvertError as exc:
        raise HTTPException(404, str(exc)) from exc
    try:
        if number > len(document):
            raise HTTPException(404, f"page {number} of {len(document)}")
        image = document[number - 1].render(scale=DPI / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _image_frame(raw: bytes, number: int) -> bytes:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        frames = list(ImageSequence.Iterator(Image.open(io.BytesIO(raw))))
    except (UnidentifiedImageError, OSError) as exc:
        raise HTTPException(404, f"not a readable image ({exc})") from exc
    if number > len(frames):
        raise HTTPException(404, f"page {number} of {len(frames)}")
    out = io.BytesIO()
    frames[number - 1].convert("RGB").save(out, format="PNG")
    return out.getvalue()
