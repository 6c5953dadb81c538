"""Tests of policytext.corpus.metadata: the schema, titles, dates, kinds and metadata tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.corpus.metadata import (
    KINDS,
    SCHEMA,
    is_missing,
    meeting_from_title,
    metadata_rows,
    normalize_metadata,
    read_table,
)
from policytext.errors import DocumentNotFoundError, InputError, InvalidParameterError


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


# -- titles, dates, kinds ---------------------------------------------------------------------------


@pytest.mark.parametrize("title, meeting", [
    ("中国共产党第二十届中央委员会第三次全体会议公报", "二十届三中全会"),
    ("中国共产党第十八届中央委员会第二次全体会议公报", "十八届二中全会"),
    ("（2024年7月18日中国共产党第二十届中央委员会第三次全体会议通过）", "二十届三中全会"),
    ("决胜全面建成小康社会——在中国共产党第十九次全国代表大会上的报告", "十九大"),
    ("在第十四届全国人民代表大会第二次会议上", "十四届全国人大二次会议"),
    ("中国人民政治协商会议第十四届全国委员会第三次会议上的报告", "十四届全国政协三次会议"),
    ("中国共产党第20届中央委员会第3次全体会议公报", "二十届三中全会"),
    ("关于学习贯彻中国共产党第二十届中央委员会第三次全体会议精神的通知", None),
    ("2021年政府工作报告", None),
    ("", None),
    (None, None),
])
def test_meeting_from_title(title, meeting):
    assert meeting_from_title(title) == meeting


@settings(deadline=None)
@given(st.integers(1, 99), st.integers(1, 9))
def test_meeting_from_title_any_plenum(term, session):
    title = f"中国共产党第{_cn(term)}届中央委员会第{_cn(session)}次全体会议公报"
    assert meeting_from_title(title) == f"{_cn(term)}届{_cn(session)}中全会"
    assert meeting_from_title(f"中国共产党第{term}届中央委员会第{session}次全体会议公报") == meeting_from_title(title)


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
       st.sampled_from(["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}年{m}月{d}日", "{y}.{m:02d}.{d:02d}"]))
def test_date_formats_become_iso(date, fmt):
    raw = fmt.format(y=date.year, m=date.month, d=date.day)
    meta = normalize_metadata({"date": raw})
    assert meta["date"] == date.isoformat()
    assert ("date_raw" in meta) == (raw != date.isoformat())
    assert normalize_metadata({"date": date})["date"] == date.isoformat()


@pytest.mark.parametrize("raw, iso", [
    ("2022 (after 2022-10; no date in the text)", "2022"),
    ("2022-10", "2022-10"),
    ("2022-02-30", "2022-02"),
    ("n.d.", None),
])
def test_partial_dates(raw, iso):
    meta = normalize_metadata({"date": raw})
    assert meta.get("date") == iso
    assert meta.get("date_raw") == (None if raw == iso else raw)


@pytest.mark.parametrize("row, kind, kind_raw", [
    ({"kind": "communique"}, "公报", "communique"),
    ({"kind": "congress_report"}, "报告", "congress_report"),
    ({"kind": "gov_work_report"}, "政府工作报告", "gov_work_report"),
    ({"kind": "Decision"}, "决定", "Decision"),
    ({"kind": "讲话"}, "讲话", None),
    ({"kind": "study_document", "title": "中共中央关于认真学习宣传贯彻党的二十大精神的决定"}, "决定", "study_document"),
    ({"title": "关于开展“七个一”活动的通知（中共绍兴市第一中学委员会）"}, "通知", None),
    ({"title": "2022年政府工作报告（全文）"}, "政府工作报告", None),
    ({"kind": "mystery"}, None, "mystery"),
])
def test_kinds(row, kind, kind_raw):
    meta = normalize_metadata(row)
    assert meta.get("kind") == kind
    assert meta.get("kind_raw") == kind_raw


def test_normalize_metadata_keeps_unknown_columns_and_aliases():
    meta = normalize_metadata({"标题": "国务院关于某事的通知", "日期": "2024年1月2日", "chars": 12, "note": " ",
                               "meeting": "", "source": "x"})
    assert meta == {"title": "国务院关于某事的通知", "date": "2024-01-02", "kind": "通知", "issuer": "国务院",
                    "source": "x", "date_raw": "2024年1月2日", "chars": 12}
    assert list(meta)[:5] == ["title", "date", "kind", "issuer", "source"]
    assert normalize_metadata({"meeting": "二十届三中全会", "title": "中国共产党第十九届中央委员会第一次全体会议公报"}
                              )["meeting"] == "二十届三中全会"  # given wins
    assert normalize_metadata({}) == {}
    with pytest.raises(TypeError):
        normalize_metadata(["title"])  # type: ignore[arg-type]


def test_normalize_metadata_rejects_a_non_mapping_with_the_package_message():
    with pytest.raises(InvalidParameterError, match="'row' parameter of normalize_metadata must be an instance of"):
        normalize_metadata("title")  # type: ignore[arg-type]


@pytest.mark.parametrize("title, meeting", [
    ("中国共产党第100届中央委员会第3次全体会议公报", "100届三中全会"),  # beyond 99: kept as written
    ("在中国共产党第20次全国代表大会上的报告", "二十大"),
    ("中国人民政治协商会议第14届全国委员会第2次会议上的报告", "十四届全国政协二次会议"),
])
def test_meeting_from_title_arabic_ordinals(title, meeting):
    assert meeting_from_title(title) == meeting


def test_schema_and_kinds_are_chinese():
    assert SCHEMA[:3] == ("title", "date", "kind")
    assert all("\u4e00" <= v[0] <= "\u9fff" for v in KINDS.values())


def test_is_missing():
    assert [is_missing(v) for v in (None, float("nan"), "  ", pd.NA, pd.NaT, 0, "x", [])] == \
        [True, True, True, True, True, False, False, False]


# -- metadata tables ----------------------------------------------------------------------------------


def test_metadata_rows_by_key_position_and_table(tmp_path):
    docs = [("a", str(tmp_path / "a.txt")), ("sub/b", str(tmp_path / "sub" / "b.txt")), ("c", None)]
    rows, unmatched = metadata_rows({"a.txt": {"date": "2024"}, "a": {"kind": "notice"}, "sub/b": {"x": 1},
                                     "zzz": {}}, docs, tmp_path)
    assert rows == [{"date": "2024", "kind": "notice"}, {"x": 1}, {}]  # two rows of one document merge
    assert unmatched == ["zzz"]
    rows, unmatched = metadata_rows([{"date": "2021"}, {}, {"kind": "x"}], docs, None)
    assert rows == [{"date": "2021"}, {}, {"kind": "x"}] and unmatched == []
    (tmp_path / "left_out.txt").write_text("要学习。", encoding="utf-8")
    table = tmp_path / "meta.tsv"
    table.write_text("文件名\ttitle\nb.txt\t标题\nleft_out.txt\t\n", encoding="utf-8")
    rows, unmatched = metadata_rows("meta.tsv", docs, tmp_path)  # relative to the folder
    assert rows == [{}, {"title": "标题"}, {}] and unmatched == []  # files left out by the pattern are fine
    frame = pd.DataFrame({"name": ["c"], "date": ["2020"]})
    assert metadata_rows(frame, docs, None) == ([{}, {}, {"date": "2020"}], [])


def test_metadata_rows_errors(tmp_path):
    docs = [("a", None)]
    with pytest.raises(DocumentNotFoundError, match="metadata table not found"):
        metadata_rows(tmp_path / "nope.csv", docs, None)
    with pytest.raises(InvalidParameterError, match="'file' or 'name' column"):
        metadata_rows(pd.DataFrame({"title": ["x"]}), docs, None)
    with pytest.raises(InvalidParameterError, match="one per item"):
        metadata_rows([{}, {}], docs, None)
    with pytest.raises(TypeError, match="rows must be mappings"):
        metadata_rows(["x"], docs, None)
    with pytest.raises(TypeError, match="metadata must be"):
        metadata_rows(42, docs, None)


def test_read_table_reports_an_unreadable_table(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"file,date\n\xff\xfe\x00bad,\x81\n")
    with pytest.raises(InputError, match="is not a readable CSV table"):
        read_table(bad)
    good = tmp_path / "good.tsv"
    good.write_text("\ufefffile\tdate\na.txt\tNA\n", encoding="utf-8")  # BOM, and no NA guessing
    assert read_table(good).to_dict(orient="records") == [{"file": "a.txt", "date": "NA"}]
