"""Review: a routed part of a document that gave nothing is a document-level flag, in the API and on the page."""

from __future__ import annotations

from tests.review_helpers import client_for

# an indicator table's header under a heading with no row under it: routed to projects, nothing for the rules to read
REPORT = """示例县数据中心2031年度项目自评
一、项目自评情况
一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 （示例巡检次数等指标见附表，本页未填）
"""


def test_a_routed_part_that_gave_nothing_is_flagged_on_the_document(database: str) -> None:  # SQLite and PostgreSQL
    with client_for(database) as client:
        response = client.post("/api/documents", json={"name": "flat.txt", "text": REPORT})
        assert response.status_code == 202, response.text
        document = response.json()
        flags = client.get(document["links"]["document_flags"]).json()
        assert [(f["flag"], f["family"], f["heading"]) for f in flags] == [("empty_route", "projects", "一、项目自评情况")]
        start, end = flags[0]["span"]
        assert "示例巡检次数" in REPORT[start:end] and "nothing was extracted" in flags[0]["reason"]

        page = client.get(f"/documents/{document['id']}").text
        assert 'id="document-flags"' in page and "1 routed part of the document gave nothing" in page
        assert f'data-span="{start}-{end}"' in page and "一、项目自评情况" in page
        assert client.get("/api/documents/999/flags").status_code == 404


def test_a_document_read_whole_has_no_document_flags(database: str) -> None:  # SQLite and PostgreSQL
    with client_for(database) as client:
        text = "一、收入支出决算总体情况说明\n2031年度收、支总计326.40万元。\n"
        document = client.post("/api/documents", json={"name": "whole.txt", "text": text}).json()
        assert client.get(document["links"]["document_flags"]).json() == []
        assert 'id="document-flags"' not in client.get(f"/documents/{document['id']}").text
