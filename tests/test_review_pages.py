"""The page images of a converted document through the review API: GET /api/documents/{id}/pages/{n}.png."""

from __future__ import annotations

import io

from PIL import Image

from tests.input_files import text_pdf
from tests.review_helpers import client_for, submit_mini


def test_a_pdf_document_serves_its_pages_as_png_and_a_text_one_has_none(database: str) -> None:  # SQLite and PostgreSQL
    with client_for(database) as client:  # closed after: the store's connections with it
        pdf = text_pdf("2031年度收入总计123.45万元。", size=(300, 200))
        response = client.post("/api/documents", files={"file": ("report.pdf", pdf, "application/pdf")})
        assert response.status_code == 202, response.text
        document = response.json()["id"]
        page = client.get(f"/api/documents/{document}/pages/1.png")
        assert page.status_code == 200 and page.headers["content-type"] == "image/png"
        width, height = Image.open(io.BytesIO(page.content)).size
        assert abs(width / height - 300 / 200) < 0.02
        assert client.get(f"/api/documents/{document}/pages/2.png").status_code == 404
        assert client.get(f"/api/documents/{document}/pages/0.png").status_code == 422
        text = submit_mini(client)
        missing = client.get(f"/api/documents/{text}/pages/1.png")
        assert missing.status_code == 404 and "no page images" in missing.json()["detail"]
        assert client.get("/api/documents/999/pages/1.png").status_code == 404
