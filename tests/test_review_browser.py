"""The review UI in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A real uvicorn server on 127.0.0.1 over a real SQLite file: open the queue, open a flagged field,
correct it with the keyboard, see the correction applied, in the audit trail, and still there
after a reload. `REVIEW_SCREENSHOT=docs/review.png` saves the screenshot the README shows.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from schemas.catalog import FIGURE_KEYS, FLAG_LABELS, MEASURE_LABELS
from tests.input_files import text_pdf
from tests.review_helpers import MINI, live_server, settings_for

CHROMIUM = os.environ.get("EXTRACTOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    with live_server(settings_for(tmp_path / "review.db")) as url:
        yield url


@pytest.fixture()
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `make test` installs Debian's chromium (or set EXTRACTOR_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield instance
        instance.close()


def test_a_reviewer_corrects_a_flagged_field_with_the_keyboard(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    submitted = httpx.post(f"{server}/api/documents", json={"name": "mini.txt", "text": MINI.read_text(encoding="utf-8")})
    assert submitted.status_code == 202
    document = submitted.json()["id"]
    for _ in range(200):
        if httpx.get(f"{server}/api/documents/{document}/status").json()["status"] == "done":
            break
        time.sleep(0.05)
    flagged = httpx.get(f"{server}/api/flags?document={document}").json()
    target = flagged[0]

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/")
    page.fill("#reviewer", "ann")
    page.dispatch_event("#reviewer", "change")
    first_link = page.locator("a.flag-link").first
    assert first_link.get_attribute("data-pointer") == target["pointer"]
    figure = httpx.get(f"{server}/api/documents/{document}").json()["figures"][int(target["pointer"].split("/")[2])]
    # the reports' own words, the record's key on hover
    assert first_link.inner_text() == f"{FIGURE_KEYS[figure['key']][0]} · {MEASURE_LABELS[figure['measure']]}"
    assert f"{figure['key']} · {figure['measure']}" in (first_link.get_attribute("title") or "")
    first_link.click()
    page.wait_for_url(f"**/documents/{document}*")

    field = page.locator(f'li.field[data-pointer="{target["pointer"]}"]')
    assert "current" in (field.get_attribute("class") or "")
    assert page.locator("#source mark.current").count() >= 1  # its evidence is highlighted
    page.keyboard.press("e")
    value_box = field.locator(".value")
    value_box.fill("4321.5")
    value_box.press("Enter")
    field.locator(".message", has_text="saved").wait_for()
    assert page.locator("#corrected").inner_text() == "1"
    assert page.locator("#trail tbody tr").first.inner_text().count("4321.5") == 1
    if os.environ.get("REVIEW_SCREENSHOT"):
        page.screenshot(path=os.environ["REVIEW_SCREENSHOT"])

    record = httpx.get(f"{server}/api/documents/{document}").json()
    assert record["assessments"][target["pointer"]]["source"] == "review"
    index = int(target["pointer"].split("/")[2])
    assert record["figures"][index]["value"] == 4321.5

    page.reload()
    assert page.locator(f'li.field[data-pointer="{target["pointer"]}"] .value').input_value() == "4321.5"
    trail = page.locator("#trail tbody tr").first.inner_text()
    assert "ann" in trail and "correct" in trail and target["pointer"] in trail

    # next field with j, accept with a: the keyboard flow moves on by itself
    page.keyboard.press("j")
    second = page.locator("li.field.current").get_attribute("data-pointer")
    page.keyboard.press("a")
    page.locator(f'li.field[data-pointer="{second}"] .state', has_text="accept by ann").wait_for()
    assert len(httpx.get(f"{server}/api/documents/{document}/reviews").json()) == 2


def test_document_text_with_html_is_shown_as_text(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    text = MINI.read_text(encoding="utf-8") + "\n<img src=x onerror=\"document.title='pwned'\">"
    document = httpx.post(f"{server}/api/documents", json={"name": "<i onmouseover=alert(1)>evil.txt", "text": text}).json()["id"]
    page = browser.new_page()
    page.goto(f"{server}/documents/{document}")
    assert page.title() != "pwned"
    source = page.locator("#source").inner_text()
    assert "<script>alert(1)</script>" in source and "<img src=x" in source
    assert page.locator("#source script, #source img").count() == 0
    page.goto(f"{server}/")
    assert "<i onmouseover=alert(1)>evil.txt" in page.locator("section.documents").inner_text()


def test_labels_and_flag_reasons_follow_the_reviewers_language(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    document = httpx.post(f"{server}/api/documents", json={"name": "mini.txt", "text": MINI.read_text(encoding="utf-8")}).json()["id"]
    for _ in range(200):
        if httpx.get(f"{server}/api/documents/{document}/status").json()["status"] == "done":
            break
        time.sleep(0.05)
    flagged = httpx.get(f"{server}/api/flags?document={document}").json()
    flag = flagged[0]["flags"][0]

    chinese = browser.new_context(locale="zh-CN").new_page()  # the browser's language: Chinese
    chinese.goto(f"{server}/")
    tag = chinese.locator("table.flags .tag").first
    assert tag.inner_text() == FLAG_LABELS["zh"][flag][0]
    assert flag in (tag.get_attribute("title") or "")  # the flag's key on hover
    chinese.goto(f"{server}/documents/{document}")
    field = chinese.locator(f'li.field[data-pointer="{flagged[0]["pointer"]}"]')
    assert FLAG_LABELS["zh"][flag][1] in field.locator(".reasons").inner_text()
    assert field.locator(".tag").first.inner_text() == FLAG_LABELS["zh"][flag][0]
    label = field.locator(".label")
    assert MEASURE_LABELS["actual"] in label.inner_text() and "actual" in (label.get_attribute("title") or "")

    english = browser.new_context(locale="en-US").new_page()
    english.goto(f"{server}/documents/{document}")
    field = english.locator(f'li.field[data-pointer="{flagged[0]["pointer"]}"]')
    assert field.locator(".tag").first.inner_text() == FLAG_LABELS["en"][flag][0]
    with english.expect_navigation():  # the reviewer's setting wins over the browser's, and is kept
        english.click('nav.langs a[lang="zh"]')
    assert "?lang=zh" in english.url
    assert english.locator(f'li.field[data-pointer="{flagged[0]["pointer"]}"] .tag').first.inner_text() == FLAG_LABELS["zh"][flag][0]
    english.goto(f"{server}/")
    assert english.locator("table.flags .tag").first.inner_text() == FLAG_LABELS["zh"][flag][0]


def test_a_pdf_documents_page_is_shown_with_the_evidence_box_drawn_on_it(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    pdf = text_pdf("说明：本年度无变化。", "2031年度收入总计123.45万元。", size=(360, 260))
    submitted = httpx.post(f"{server}/api/documents", files={"file": ("report.pdf", pdf, "application/pdf")})
    assert submitted.status_code == 202, submitted.text
    document = submitted.json()["id"]
    for _ in range(400):
        if httpx.get(f"{server}/api/documents/{document}/status").json()["status"] == "done":
            break
        time.sleep(0.05)
    record = httpx.get(f"{server}/api/documents/{document}").json()
    index, figure = next((i, f) for i, f in enumerate(record["figures"]) if f["value"] == 123.45)
    x0, y0, x1, y1 = figure["evidence"]["box"]
    assert figure["evidence"]["page"] == 1 and y0 > 0.15  # the second paragraph, not the page's top

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/documents/{document}#f=" + f"/figures/{index}/value")
    image = page.locator("#page-image")
    image.wait_for(state="visible")
    page.wait_for_function("document.getElementById('page-image').naturalWidth > 0")
    assert image.get_attribute("src") == f"/api/documents/{document}/pages/1.png"
    assert page.locator("#page-caption").inner_text() == "page 1"
    drawn = page.locator("#evidence-box")
    assert drawn.is_visible()
    shown, frame = image.bounding_box(), drawn.bounding_box()
    assert shown is not None and frame is not None
    # the box stands where the evidence is on the page image (fractions of the image's drawn size)
    assert abs((frame["x"] - shown["x"]) / shown["width"] - x0) < 0.01
    assert abs((frame["y"] - shown["y"]) / shown["height"] - y0) < 0.01
    assert abs(frame["width"] / shown["width"] - (x1 - x0)) < 0.01
    assert abs(frame["height"] / shown["height"] - (y1 - y0)) < 0.01
    # the pixels under the box are the figure's text: dark ink inside it
    pixels = page.evaluate(
        """([x0, y0, x1, y1]) => {
          const img = document.getElementById('page-image');
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
          const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
          const w = Math.round((x1 - x0) * img.naturalWidth), h = Math.round((y1 - y0) * img.naturalHeight);
          const data = ctx.getImageData(Math.round(x0 * img.naturalWidth), Math.round(y0 * img.naturalHeight), w, h).data;
          let dark = 0; for (let i = 0; i < data.length; i += 4) if (data[i] < 100) dark++;
          return dark;
        }""",
        [x0, y0, x1, y1],
    )
    assert pixels > 20
    # a text document has no page to show
    text_document = httpx.post(f"{server}/api/documents", json={"name": "mini.txt", "text": MINI.read_text(encoding="utf-8")}).json()["id"]
    for _ in range(200):
        if httpx.get(f"{server}/api/documents/{text_document}/status").json()["status"] == "done":
            break
        time.sleep(0.05)
    page.goto(f"{server}/documents/{text_document}")
    assert page.locator("#page-view").count() == 0
