"""A user's own numbered term wins over the numeral guard (session 8, F1 item 3; U8 finding 7).

The guard keeps ordinary counts apart from the shipped numbered terms (安排两个维护人员 counts staff),
but it also split a user's explicit row: 实施三个一百工程 gave 三个/一百/工程 and no forced span. A form
the user adds is now exempt from that part of the guard; the shipped forms keep it, also in a user's
lexicon, and ordinary counts still split.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import Lexicon, Tokenizer

USER_TSV = "term\tcategory\taliases\n三个一百\tnumbered\t\n两个先行示范区\tnumbered\t两个先行\n"

#: Ordinary counts and near misses of the shipped numbered terms: (sentence, tokens present, forms absent).
COUNTS = [
    ("安排两个维护人员负责设备", ["维护", "人员"], ["两个维护"]),
    ("加强四个意识形态阵地", ["意识形态"], ["四个意识"]),
    ("这四个自信心强的孩子", ["四个", "自信心"], ["四个自信"]),
    ("三个务必须落实的要求", ["必须"], ["三个务必"]),
    ("安排三个人员", ["三个", "人员"], []),
    ("做好两个方面的工作", ["两个", "方面"], []),
    ("坚决做到两个维护。", ["两个维护"], []),
    ("增强“四个意识”、坚定“四个自信”", ["四个意识", "四个自信"], []),
    ("两个一百年奋斗目标", ["两个一百年"], []),
]


@pytest.fixture(scope="module")
def user_tk(tmp_path_factory):
    path = tmp_path_factory.mktemp("lex") / "mine.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    return Tokenizer(Lexicon.load(path))


@pytest.mark.parametrize("text, term", [
    ("实施三个一百工程。", "三个一百"),
    ("实施三个一百。", "三个一百"),
    ("建设两个先行示范区", "两个先行示范区"),
    ("加快两个先行建设", "两个先行"),
])
def test_user_numbered_rows_are_kept_whole(user_tk, text, term):
    assert term in user_tk.lcut(text)
    spans = [(text[s:e], kind, entry.term) for s, e, kind, entry in user_tk.forced_spans(text)]
    assert (term, "term", user_tk.lexicon.canonical(term)) in spans
    tok = next(t for t in user_tk(text) if t.text == term)
    assert tok.category == "numbered" and tok.kind == "term"


def test_without_the_user_row_they_split():
    assert Tokenizer().lcut("实施三个一百工程。") == ["实施", "三个", "一百", "工程", "。"]


@pytest.mark.parametrize("sentence, present, absent", COUNTS)
def test_shipped_numbered_terms_keep_their_guard_in_a_user_lexicon(user_tk, sentence, present, absent):
    for tk in (Tokenizer(), user_tk):
        words = tk.lcut(sentence)
        assert "".join(words) == sentence
        for w in present:
            assert w in words, (sentence, words)
        for w in absent:
            assert w not in words, (sentence, words)


def test_a_row_repeating_a_shipped_form_keeps_the_guard(tmp_path):
    path = tmp_path / "repeat.tsv"
    path.write_text("term\tcategory\n两个维护\tnumbered\n", encoding="utf-8")
    tk = Tokenizer(Lexicon.load(path))
    assert "两个维护" not in tk.lcut("安排两个维护人员")
    # the same form under another category is the user's own decision
    path.write_text("term\tcategory\n两个维护\tconcept\n", encoding="utf-8")
    assert "两个维护" in Tokenizer(Lexicon.load(path)).lcut("安排两个维护人员")


def test_user_rows_from_code_and_after_pickling():
    lex = Lexicon.empty().merge(Lexicon.from_entries([("三个一百", "numbered")]))
    tk = Tokenizer(lex)
    assert tk.lcut("实施三个一百工程") == ["实施", "三个一百", "工程"]
    assert pickle.loads(pickle.dumps(tk)).lcut("实施三个一百工程") == ["实施", "三个一百", "工程"]


def test_spacy_pipeline_saved_and_loaded_keeps_both_behaviours(tmp_path, user_tk):
    spacy = pytest.importorskip("spacy")
    import policytext as pt

    nlp = pt.nlp(user_tk.lexicon)
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    for pipe in (nlp, loaded):
        assert "三个一百" in [t.text for t in pipe("实施三个一百工程。")]
        assert "两个维护" not in [t.text for t in pipe("安排两个维护人员")]


_MERGED = Tokenizer(Lexicon.default().merge(Lexicon.from_entries([("三个一百", "numbered")])))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["三个一百", "工程", "人员", "两个", "维护", "实施", "。", "年", "三个", "一百", "“", "”"]),
                max_size=12))
def test_every_user_term_occurrence_is_a_token(pieces):
    tk = _MERGED
    text = "".join(pieces)
    words = tk.lcut(text)
    assert "".join(words) == text
    # every occurrence is a token of its own, or lies inside a longer numbered formulation the text quotes whole
    # (“三个一百工程”: the longest form wins, as between lexicon terms); two known terms side by side in quotes
    # (“三个一百三个一百”) stay two tokens
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w)
    for i in (k for k in range(len(text)) if text.startswith("三个一百", k)):
        j = max(n for n, a in enumerate(starts) if a <= i)
        w, a = words[j], starts[j]
        quoted_whole = 0 < a and text[a - 1] == "“" and text[a + len(w):a + len(w) + 1] == "”"
        assert w == "三个一百" or (quoted_whole and w != "三个一百" * (len(w) // 4) and "三个一百" in w), (text, words)
