"""The review HTTP API (FastAPI TestClient) on SQLite and on PostgreSQL: every endpoint, refusals, races."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from extractor.cli import app as cli
from extractor.review.app import UnsafeBinding, create_app
from extractor.store import Store
from schemas import Record
from tests.review_helpers import BASE, MINI, client_for, live_server, settings_for, submit_mini


@pytest.fixture()
def client(database: str):  # type: ignore[no-untyped-def]
    with client_for(database) as c:
        yield c


def _flagged(client: TestClient, document: int) -> list[dict]:
    response = client.get(f"/api/flags?document={document}")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_submit_json_runs_the_extraction_and_serves_the_record(client: TestClient) -> None:
    document = submit_mini(client)
    status = client.get(f"/api/documents/{document}/status").json()
    assert status["status"] == "done" and status["progress"]["checked"] == 0
    record = client.get(f"/api/documents/{document}").json()
    Record.model_validate(record)
    assert record["document"]["name"] == "mini.txt"
    keys = {(f["key"], f["value"]) for f in record["figures"]}
    assert ("grand_total_revenue", 1519.86) in keys
    assert [d["id"] for d in client.get("/api/documents").json()] == [document]


def test_submit_multipart_upload_keeps_the_bytes(client: TestClient) -> None:
    data = MINI.read_text(encoding="utf-8").encode("gb18030")
    response = client.post("/api/documents", files={"file": ("../../etc/mini-gbk.txt", data, "text/plain")})
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["name"] == "mini-gbk.txt"  # no path from the client reaches the store
    record = client.get(f"/api/documents/{body['id']}").json()
    assert record["meta"]["run"]["encoding"] == "gb18030"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"files": {"file": ("a.bin", b"\x00\x01\x02binary", "application/octet-stream")}}, "a.bin: binary file"),
        ({"json": {"name": "empty.txt", "text": ""}}, "empty.txt: empty file"),
        ({"json": {"name": "x.txt"}}, "text: Field required"),
        ({"content": b"name=x", "headers": {"content-type": "text/plain"}}, "send JSON"),
    ],
)
def test_bad_submissions_get_one_clear_error_and_store_nothing(client: TestClient, payload: dict, message: str) -> None:
    response = client.post("/api/documents", **payload)
    assert response.status_code in (415, 422)
    assert message in response.json()["detail"]
    assert client.get("/api/documents").json() == []


def test_oversized_upload_is_refused_before_it_is_read(database: str) -> None:
    with client_for(database, max_input_bytes=1000) as c:
        response = c.post("/api/documents", json={"name": "big.txt", "text": "预算" * 20000})
        assert response.status_code == 413 and "too large" in response.json()["detail"]
        response = c.post(
            "/api/documents", json={"name": "mid.txt", "text": "预" * 400}
        )  # 1200 bytes, under the overhead
        assert response.status_code == 422 and "mid.txt: too large" in response.json()["detail"]


def test_flags_are_lowest_confidence_first_with_evidence_and_filters(client: TestClient) -> None:
    document = submit_mini(client)
    flagged = _flagged(client, document)
    assert flagged, "the mini report's sums do not add up: its figures must be flagged"
    confidences = [f["confidence"] for f in flagged]
    assert confidences == sorted(confidences)
    threshold = client.get(f"/api/documents/{document}").json()["review"]["threshold"]
    assert all(f["confidence"] < threshold for f in flagged)
    first = flagged[0]
    assert set(first) >= {"pointer", "value", "confidence", "flags", "evidence", "version"}
    text = MINI.read_text(encoding="utf-8")
    assert text[first["evidence"]["start"] : first["evidence"]["end"]].replace(" ", "") == first["evidence"][
        "quote"
    ].replace(" ", "")
    assert all(
        "sum_mismatch" in f["flags"] for f in client.get(f"/api/flags?document={document}&reason=sum_mismatch").json()
    )
    assert client.get(f"/api/flags?document={document}&family=indicators").json() == []
    every = client.get(f"/api/flags?document={document}&all=true").json()
    assert len(every) > len(flagged)
    assert client.get("/api/flags?document=999").status_code == 404


def test_decisions_apply_to_the_record_export_and_trail(client: TestClient, tmp_path: Path) -> None:
    document = submit_mini(client)
    flagged = {f["pointer"]: f for f in _flagged(client, document)}
    pointer = next(p for p in flagged if p.startswith("/figures/"))
    response = client.post(
        f"/api/documents/{document}/reviews",
        json={"pointer": pointer, "action": "correct", "value": "1234.5", "reviewer": "ann", "version": 0},
    )
    assert response.status_code == 201, response.text
    decision = response.json()
    assert (
        decision["value"] == 1234.5 and decision["previous"] == flagged[pointer]["value"] and decision["version"] == 1
    )
    record = client.get(f"/api/documents/{document}").json()
    index = int(pointer.split("/")[2])
    assert record["figures"][index]["value"] == 1234.5
    assert record["assessments"][pointer]["source"] == "review"
    trail = client.get(f"/api/documents/{document}/reviews").json()
    assert [(d["pointer"], d["action"], d["reviewer"]) for d in trail] == [(pointer, "correct", "ann")]
    after = {f["pointer"]: f for f in _flagged(client, document)}
    assert after[pointer]["version"] == 1 and after[pointer]["decision"]["action"] == "correct"
    assert pointer not in {f["pointer"] for f in client.get(f"/api/flags?document={document}&undecided=true").json()}

    export = client.get(f"/api/documents/{document}/export")
    assert export.status_code == 200 and 'filename="mini.json"' in export.headers["content-disposition"]
    exported = Record.model_validate_json(export.text)
    assert exported.figures[index].value == 1234.5
    # eval reads exported corrected records like any prediction
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    (tmp_path / "pred" / "mini.json").write_text(export.text, encoding="utf-8")
    gold = json.loads(export.text)
    gold.pop("assessments")
    gold.pop("review")
    (tmp_path / "gold" / "mini.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "mini.txt").write_bytes(MINI.read_bytes())
    args = [
        "eval",
        "--gold",
        str(tmp_path / "gold"),
        "--pred",
        str(tmp_path / "pred"),
        "--sources",
        str(tmp_path / "src"),
    ]
    result = CliRunner().invoke(cli, [*args, "--json", str(tmp_path / "summary.json")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["figures"]["f1"] == 1.0
    assert summary["review"]["flag_rate"] < 1.0  # the corrected field is no longer flagged


def test_refused_corrections_say_why(client: TestClient) -> None:
    document = submit_mini(client)
    pointer = next(f["pointer"] for f in _flagged(client, document) if f["pointer"].startswith("/figures/"))
    url = f"/api/documents/{document}/reviews"
    cases = [
        ({"pointer": pointer, "action": "correct", "value": "八点六", "reviewer": "ann", "version": 0}, 422, "refused"),
        ({"pointer": "/figures/99/value", "action": "accept", "reviewer": "ann"}, 422, "names no reviewable value"),
        ({"pointer": pointer, "action": "approve", "reviewer": "ann"}, 422, "action"),
        ({"pointer": pointer, "action": "accept", "reviewer": ""}, 422, "reviewer"),
    ]
    for body, status, text in cases:
        response = client.post(url, json=body)
        assert response.status_code == status, body
        assert text in json.dumps(response.json(), ensure_ascii=False)
    assert client.get(f"/api/documents/{document}/reviews").json() == []
    assert client.post("/api/documents/77/reviews", json=cases[1][0]).status_code == 404


def test_a_stale_version_is_refused_not_overwritten(client: TestClient) -> None:
    document = submit_mini(client)
    pointer = _flagged(client, document)[0]["pointer"]
    url = f"/api/documents/{document}/reviews"
    first = client.post(
        url, json={"pointer": pointer, "action": "correct", "value": "1", "reviewer": "ann", "version": 0}
    )
    assert first.status_code == 201
    second = client.post(
        url, json={"pointer": pointer, "action": "correct", "value": "2", "reviewer": "bo", "version": 0}
    )
    assert second.status_code == 409
    assert second.json()["current_version"] == 1 and "reload" in second.json()["detail"]
    third = client.post(
        url, json={"pointer": pointer, "action": "correct", "value": "2", "reviewer": "bo", "version": 1}
    )
    assert third.status_code == 201
    assert [d["value"] for d in client.get(url).json()] == [1.0, 2.0]


def test_two_reviewers_racing_on_one_version_one_wins_one_is_told(client: TestClient) -> None:
    document = submit_mini(client)
    pointer = _flagged(client, document)[0]["pointer"]
    url = f"/api/documents/{document}/reviews"
    barrier = threading.Barrier(6)
    statuses: list[int] = []

    def decide(name: str) -> None:
        barrier.wait()
        body = {"pointer": pointer, "action": "correct", "value": "5", "reviewer": name, "version": 0}
        statuses.append(client.post(url, json=body).status_code)

    threads = [threading.Thread(target=decide, args=(f"r{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 409, 409, 409, 409, 409]
    assert len(client.get(url).json()) == 1


def test_reject_removes_the_value_from_the_record(client: TestClient) -> None:
    document = submit_mini(client)
    before = client.get(f"/api/documents/{document}").json()
    pointer = next(f["pointer"] for f in _flagged(client, document) if f["pointer"].startswith("/figures/"))
    response = client.post(
        f"/api/documents/{document}/reviews",
        json={"pointer": pointer, "action": "reject", "reviewer": "ann", "version": 0},
    )
    assert response.status_code == 201
    after = client.get(f"/api/documents/{document}").json()
    assert len(after["figures"]) == len(before["figures"]) - 1


def test_a_restart_on_the_same_database_loses_nothing(database: str) -> None:
    db = database
    with client_for(db) as c:
        document = submit_mini(c)
        flagged = _flagged(c, document)
        for i, f in enumerate(flagged[:3]):
            body = {
                "pointer": f["pointer"],
                "action": "correct" if i == 0 else "accept",
                "value": "7",
                "reviewer": "ann",
                "version": 0,
            }
            assert c.post(f"/api/documents/{document}/reviews", json=body).status_code == 201
        record_before = c.get(f"/api/documents/{document}").json()
        trail_before = c.get(f"/api/documents/{document}/reviews").json()
    with client_for(db) as c:
        assert c.get(f"/api/documents/{document}/reviews").json() == trail_before
        assert c.get(f"/api/documents/{document}").json() == record_before
        assert len(trail_before) == 3


def test_a_document_left_queued_is_extracted_when_the_server_starts(database: str) -> None:
    db = database
    store = Store(db)
    raw = MINI.read_bytes()
    pending = store.add_document("mini.txt", "0" * 64, raw, raw.decode("utf-8"))
    store.set_status(pending.id, "running")  # the server died mid-extraction
    store.close()
    app = create_app(settings_for(db), resume=False)
    app.state.extractions.resume()
    with TestClient(app, base_url=BASE) as c:
        assert c.get(f"/api/documents/{pending.id}/status").json()["status"] == "done"


def test_record_of_an_unfinished_or_failed_document_is_409(database: str) -> None:
    db = database
    store = Store(db)
    doc = store.add_document("x.txt", "0" * 64, b"x", "x")
    store.set_status(doc.id, "failed", "x.txt: model unavailable")
    store.close()
    with client_for(db) as c:
        response = c.get(f"/api/documents/{doc.id}")
        assert response.status_code == 409 and "status: failed" in response.json()["detail"]
        assert c.get("/api/documents/12345").status_code == 404


def test_cross_site_and_tokenless_requests_are_refused(database: str) -> None:
    with client_for(database) as c:
        body = {"name": "mini.txt", "text": MINI.read_text(encoding="utf-8")}
        evil = c.post("/api/documents", json=body, headers={"Origin": "http://evil.example"})
        assert evil.status_code == 403 and "cross-site" in evil.json()["detail"]
        files = {"file": ("mini.txt", MINI.read_bytes(), "text/plain")}
        c.cookies.set("extractor_csrf", "abc")
        forged = c.post("/api/documents", files=files, headers={"Origin": BASE})
        assert forged.status_code == 403 and "CSRF" in forged.json()["detail"]
        ok = c.post("/api/documents", files=files, headers={"Origin": BASE, "X-CSRF-Token": "abc"})
        assert ok.status_code == 202
        rebound = c.get("/api/documents", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400


def test_a_public_binding_needs_a_token(database: str) -> None:
    with pytest.raises(UnsafeBinding, match="EXTRACTOR_REVIEW_TOKEN"):
        create_app(settings_for(database), host="0.0.0.0", resume=False)
    app = create_app(settings_for(database, review_token="s3cret"), host="0.0.0.0", resume=False)
    with TestClient(app, base_url="http://review.example") as c:
        assert c.get("/api/documents").status_code == 401
        assert c.get("/", follow_redirects=False).headers["location"] == "/login"
        assert c.get("/api/documents", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.post("/login", data={"token": "wrong"}).status_code == 401
        assert c.post("/login", data={"token": "s3cret"}, follow_redirects=False).status_code == 303
        assert c.get("/api/documents").status_code == 200  # the sign-in cookie


def test_pages_render_and_escape_document_text(client: TestClient) -> None:
    document = submit_mini(client)
    queue = client.get("/")
    assert queue.status_code == 200 and "mini.txt" in queue.text and "/documents/" in queue.text
    page = client.get(f"/documents/{document}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<mark data-spans=" in page.text
    assert client.get("/documents/999").status_code == 404


@pytest.mark.parametrize(
    ("raw_value", "message"),
    [
        ("true", "not true"),
        ("false", "not false"),
        ("NaN", "finite number"),
        ("Infinity", "finite number"),
        ("-Infinity", "finite number"),
        ("1e400", "finite number"),
        ('"1e400"', "finite number"),
        ('"nan"', "finite number"),
    ],
)
def test_a_number_is_due_not_a_boolean_nan_or_infinity(client: TestClient, raw_value: str, message: str) -> None:
    document = submit_mini(client)
    pointer = next(f["pointer"] for f in _flagged(client, document) if f["pointer"].startswith("/figures/"))
    body = (
        f'{{"pointer": "{pointer}", "action": "correct", "value": {raw_value}, "reviewer": "ann", "version": 0}}'
    )  # raw JSON: NaN, Infinity and 1e400 as a client would send them
    response = client.post(
        f"/api/documents/{document}/reviews", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]
    assert client.get(f"/api/documents/{document}/reviews").json() == []
    exported = client.get(f"/api/documents/{document}/export").text
    assert "NaN" not in exported and "Infinity" not in exported


def test_a_version_that_is_a_boolean_is_refused(client: TestClient) -> None:
    document = submit_mini(client)
    pointer = _flagged(client, document)[0]["pointer"]
    body = {"pointer": pointer, "action": "accept", "reviewer": "ann", "version": True}
    response = client.post(f"/api/documents/{document}/reviews", json=body)
    assert response.status_code == 422


@pytest.mark.parametrize("action", ["correct", "reject"])
def test_correct_and_reject_need_the_version_they_were_made_on(client: TestClient, action: str) -> None:
    document = submit_mini(client)
    pointer = _flagged(client, document)[0]["pointer"]
    body = {"pointer": pointer, "action": action, "value": "12", "reviewer": "ann"}
    response = client.post(f"/api/documents/{document}/reviews", json=body)
    assert response.status_code == 428
    assert "version" in response.json()["detail"]
    assert client.get(f"/api/documents/{document}/reviews").json() == []
    accepted = client.post(f"/api/documents/{document}/reviews", json={**body, "action": "accept"})
    assert accepted.status_code == 201  # accepting changes no value: no version needed


def test_after_a_reject_every_other_field_keeps_its_pointer(client: TestClient) -> None:
    document = submit_mini(client)
    extracted = client.get(f"/api/documents/{document}").json()
    last = len(extracted["figures"]) - 1
    url = f"/api/documents/{document}/reviews"
    reject = {"pointer": "/figures/0/value", "action": "reject", "reviewer": "ann", "version": 0}
    assert client.post(url, json=reject).status_code == 201
    correct = {"pointer": f"/figures/{last}/value", "action": "correct", "value": "5", "reviewer": "ann", "version": 0}
    response = client.post(url, json=correct)
    assert response.status_code == 201, response.text  # the last figure is still there to decide on
    assert response.json()["previous"] == extracted["figures"][last]["value"]
    second = client.post(url, json={**correct, "pointer": "/figures/1/value", "value": "6"}).json()
    assert second["previous"] == extracted["figures"][1]["value"]
    record = client.get(f"/api/documents/{document}").json()
    assert len(record["figures"]) == last and record["figures"][-1]["value"] == 5.0 and record["figures"][0]["value"] == 6.0


def test_flags_are_paged_with_the_total_and_a_link_to_the_next_page(client: TestClient) -> None:
    document = submit_mini(client)
    every = client.get(f"/api/flags?document={document}&all=true&limit=5000").json()
    assert len(every) > 6
    seen = []
    url = f"/api/flags?document={document}&all=true&limit=4"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["x-total-count"] == str(len(every))
        page = response.json()
        assert len(page) <= 4
        seen.extend(f["pointer"] for f in page)
        link = response.headers.get("link")
        url = link.split(">")[0].lstrip("<") if link else ""
    assert seen == [f["pointer"] for f in every]
    assert client.get(f"/api/flags?document={document}&limit=0").status_code == 422
    assert client.get(f"/api/flags?document={document}&limit=100000").status_code == 422
    reason = every[0]["flags"][0] if every[0]["flags"] else "sum_mismatch"
    by_reason = client.get(f"/api/flags?document={document}&all=true&reason={reason}")
    assert by_reason.json() and all(reason in f["flags"] for f in by_reason.json())
    assert by_reason.headers["x-total-count"] == str(sum(reason in f["flags"] for f in every))
    assert client.get(f"/api/flags?document={document}&all=true&reason=sum%mismatch").json() == []  # no wildcards


def test_a_chunked_upload_is_held_to_the_size_limit(database: str) -> None:
    with client_for(database, max_input_bytes=1000) as c:

        def chunks():  # type: ignore[no-untyped-def]
            yield b'{"name": "big.txt", "text": "'
            for _ in range(100):
                yield "预算".encode() * 500
            yield b'"}'

        response = c.post("/api/documents", content=chunks(), headers={"content-type": "application/json"})
        assert response.request.headers.get("transfer-encoding") == "chunked"
        assert response.status_code == 413 and "upload too large" in response.json()["detail"]
        assert c.get("/api/documents").json() == []


def test_a_chunked_upload_to_the_running_server_is_cut_off_at_the_limit(database: str) -> None:
    import http.client
    from urllib.parse import urlsplit

    def chunks():  # type: ignore[no-untyped-def]
        # a well-formed form whose file part never ends: the cap, not the form parser, has to stop it
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
        for _ in range(200):  # 2 MB, no Content-Length
            yield b"x" * 10_000

    with live_server(settings_for(database, max_input_bytes=50_000)) as url:
        address = urlsplit(url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=20)
        try:
            connection.request(
                "POST",
                "/api/documents",
                body=chunks(),
                headers={"Content-Type": "multipart/form-data; boundary=b"},
                encode_chunked=True,
            )
            response = connection.getresponse()
            status, detail = response.status, json.loads(response.read())["detail"]
        except (BrokenPipeError, ConnectionResetError):  # the server answered and closed while we still sent
            status, detail = 413, "upload too large"
        finally:
            connection.close()
        assert status == 413 and "upload too large" in detail
        with TestClient(create_app(settings_for(database), resume=False), base_url=BASE) as c:
            assert c.get("/api/documents").json() == []
