"""A scikit-learn analyzer of content tokens (session 8, F1 item 4; U8 finding 9).

``TfidfVectorizer(tokenizer=pt.Tokenizer().lcut)`` keeps punctuation; ``Tokenizer.analyzer()``
gives the package's content tokens (canonical terms), and travels through ``clone``, pickling
and ``cross_val_score(n_jobs=2)``.
"""

from __future__ import annotations

import copy
import pickle
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import Lexicon, Tokenizer
from policytext.tokens.tags import is_content
from policytext.tokens.tokenizer import Analyzer

sklearn = pytest.importorskip("sklearn")

_PIECES = ["要增强“四个意识”。", "推进机构编制法定化", "，", "的", "数字政府", "××", "abc", " ", "\n", "12%", "放管服改革",
           "营商环境", "！", "和", "党的二十大精神"]


def test_content_tokens_and_norms():
    tk = Tokenizer()
    text = "要增强“四个意识”，深化放管服改革，加快建设数字政府。"
    assert tk.analyzer()(text) == [t.norm for t in tk(text) if is_content(t)]
    words = tk.analyzer(content_only=False)(text)
    assert "，" not in words and "。" not in words and "要" in words
    lex = Lexicon.from_entries([("放管服", "action", ["放管服改革"])])
    alias = Tokenizer(lex)
    assert "放管服" in alias.analyzer()(text) and "放管服改革" in alias.analyzer(norm=False)(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=15))
def test_no_punctuation_or_space(pieces):
    text = "".join(pieces)
    for analyze in (_CONTENT, _WORDS):
        for w in analyze(text):
            assert w.strip() == w and w
            assert not all(unicodedata.category(ch)[0] in "PZ" for ch in w)
    assert set(_CONTENT(text)) <= set(_WORDS(text)) | {t.norm for t in _CONTENT.tokenizer(text) if t.is_term}


_CONTENT = Tokenizer().analyzer()
_WORDS = Tokenizer().analyzer(content_only=False)


def test_pickle_copy_clone_and_repr():
    from sklearn.base import clone
    from sklearn.feature_extraction.text import TfidfVectorizer

    an = Tokenizer().analyzer()
    text = "推进机构编制法定化，增强“四个意识”。"
    for other in (pickle.loads(pickle.dumps(an)), copy.deepcopy(an), clone(TfidfVectorizer(analyzer=an)).analyzer):
        assert isinstance(other, Analyzer) and other(text) == an(text)
    assert "analyzer(content_only=True, norm=True)" in repr(an)


def test_pipeline_cross_val_score_two_jobs():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score
    from sklearn.pipeline import make_pipeline

    a = ["推进机构编制法定化，严格机构编制管理。", "加强机构编制工作，优化机构编制资源配置。", "落实“三定”规定，推进机构编制法定化。"]
    b = ["增强“四个意识”，坚定“四个自信”。", "深入学习党的二十大精神，增强“四个意识”。", "做到“两个维护”，坚定“四个自信”。"]
    texts, labels = (a + b) * 3, ([0] * 3 + [1] * 3) * 3
    pipe = make_pipeline(TfidfVectorizer(analyzer=Tokenizer().analyzer()), LogisticRegression())
    scores = cross_val_score(pipe, texts, labels, cv=3, n_jobs=2)
    assert len(scores) == 3 and scores.mean() == 1.0
    vocab = pipe.fit(texts, labels)[0].vocabulary_
    assert "四个意识" in vocab and "机构编制法定化" in vocab
    assert not {"，", "。", "“", "”"} & set(vocab)
