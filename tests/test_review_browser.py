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
    assert first_link.inner_text() == target["pointer"]
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
