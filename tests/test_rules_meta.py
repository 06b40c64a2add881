"""The report's year (extract/rules/meta.py): which year a final-accounts text reports on."""

from __future__ import annotations

from extractor.extract.rules.meta import report_year


def test_the_year_settled_most_often_wins() -> None:
    text = "2031年度部门决算情况说明\n2031年度“三公”经费支出决算为5万元。2030年度“三公”经费支出决算为6万元。2031年决算。"
    assert report_year(text) == 2031


def test_of_years_settled_equally_often_the_latest_is_the_report_year() -> None:
    # a report looks back on the year before it, never settles a later one
    text = "（一）总体情况\n2030年“三公”经费财政拨款支出决算为3.4万元。\n（二）具体情况\n2031年“三公”经费财政拨款支出决算中，公务接待费0.2万元。"
    assert report_year(text) == 2031


def test_a_year_compared_with_counts_for_nothing() -> None:
    text = "本单位2031年度总收入80万元，较2030年度决算数减少5万元；较2030年度决算数增加1万元。"
    assert report_year(text) == 2031


def test_no_year_named() -> None:
    assert report_year("收入支出决算总体情况说明") is None


def test_a_sentence_reaching_its_settled_amount_names_the_year() -> None:
    # news giving one year's 决算 and the next year's budget, each year named as often, no year right before 决算
    text = ("审计测试署公布：2030年因公出国(境)费、公务用车购置及运行费和公务接待费的财政拨款预算数21.5万元、决算数20.25万元，"
            "2031年预算数21.1万元。2031年财政拨款预算中，因公出国(境)费5万元。2030年财政拨款预算中，因公出国(境)费6万元。")
    assert report_year(text) == 2030


def test_an_execution_figure_settles_its_year() -> None:
    text = "2032年中央本级“三公经费”财政拨款预算7.9亿元。中央本级2031年“三公经费”财政拨款预算执行数为8.1亿元。"
    assert report_year(text) == 2031
