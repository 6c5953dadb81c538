"""Lexicon-aware tokenizer: term integrity, false merges, spans, pickling, isolation."""

from __future__ import annotations

import multiprocessing as mp
import pickle
import re
import sys

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_lexicon import REFERENCE_TERMS

import policytext as pt
from policytext.errors import InvalidParameterError
from policytext.text.normalize import normalize
from policytext.tokens.lexicon import Lexicon
from policytext.tokens.tokenizer import Token, Tokenizer


def _boundaries(words):
    out, pos = set(), 0
    for w in words:
        pos += len(w)
        out.add(pos)
    return out


def _split(bounds, s, e):
    return any(i in bounds for i in range(s + 1, e))


def test_term_integrity_on_shared_corpora(shared_files, tokenizer):
    """≥ 99.5% of the occurrences of every lexicon term and alias come out unsplit."""
    lex = Lexicon.default()
    forms = sorted(lex.forms(), key=len, reverse=True)
    plain = jieba.Tokenizer()
    plain.tmp_dir = str(pt._resources.cache_dir())
    total = ours = theirs = 0
    misses = []
    for path in shared_files:
        text = normalize(path.read_text(encoding="utf-8"))
        b_ours = _boundaries(tokenizer.lcut(text))
        b_plain = _boundaries(plain.lcut(text, HMM=False))
        for form in forms:
            for m in re.finditer(re.escape(form), text):
                s, e = m.span()
                total += 1
                if _split(b_ours, s, e):
                    misses.append((path.stem, form, text[max(0, s - 5):e + 5]))
                else:
                    ours += 1
                theirs += not _split(b_plain, s, e)
    print(f"\nterm integrity: policytext {ours / total:.4f} ({ours}/{total}), plain jieba {theirs / total:.4f}")
    for miss in misses:
        print("  split:", miss)
    assert ours / total >= 0.995


def test_reference_terms_whole_at_every_occurrence(reference_doc, tokenizer):
    tokens = tokenizer.tokenize(reference_doc.text)
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    lex = Lexicon.default()
    for term in REFERENCE_TERMS:
        forms = lex.lookup(term).forms
        occurrences = [m.span() for f in forms for m in re.finditer(re.escape(f), reference_doc.text)]
        assert occurrences, term
        for s, e in occurrences:
            inside = [t for t in tokens if t.start < e and t.end > s]
            # whole: no boundary inside the occurrence (it may sit inside a longer term)
            assert not any(s < t.start < e for t in inside), (term, [t.text for t in inside])
            assert any(t.start <= s and e <= t.end and t.is_term for t in inside), term
    del starts, ends


def test_overlap_rule_examples(tokenizer):
    assert tokenizer.lcut("统筹机构编制资源配置") == ["统筹", "机构编制资源配置"]  # a listed term
    lex = Lexicon.from_entries([("机构编制", "bianzhi"), ("编制资源", "bianzhi")])
    tk = Tokenizer(lex, stopwords=None)
    # overlapping terms of equal length: the leftmost wins; no stray 机构
    assert tk.lcut("机构编制资源配置") == ["机构编制", "资源配置"]
    assert tokenizer.lcut("各级党委（党组）要把学习") == ["各级", "党委（党组）", "要", "把", "学习"]


# A probe table of near misses: (sentence, tokens that must appear, lexicon forms that must not).
PROBES = [
    ("安排两个维护人员负责设备", ["维护", "人员"], ["两个维护"]),
    ("组织口头汇报", ["组织", "口头"], ["组织口"]),
    ("加强四个意识形态阵地", ["意识形态"], ["四个意识"]),
    ("开展三定期检查", ["定期检查"], ["三定", "三定规定"]),
    ("这四个自信心强的孩子", ["四个", "自信心"], ["四个自信"]),
    ("当前和今后一个时期", ["时期"], []),
    ("做好两个方面的工作", ["两个", "方面"], []),
    ("组织口径要统一", ["组织", "口径"], ["组织口"]),
    ("召开编委会议研究", ["编委", "会议"], []),
    ("市编办公室主任", ["办公室"], ["编办"]),
    ("党校长期坚持培训", ["党校", "长期"], []),
    ("他是党校长", ["校长"], ["党校"]),
    ("三个务必须落实的要求", ["必须"], ["三个务必"]),
    ("安排四个全面的检查组", ["检查组"], []),
    ("坚决做到两个维护。", ["两个维护"], []),
    ("增强“四个意识”、坚定“四个自信”", ["四个意识", "四个自信"], []),
    ("落实“三定”规定", ["“三定”规定"], []),
    ("落实三定规定", ["三定规定"], []),
    ("深入学习习近平新时代中国特色社会主义思想", ["习近平新时代中国特色社会主义思想"], []),
    ("党的二十大精神", ["党的二十大", "精神"], []),
    ("以党的二十大精神统领", ["以", "党的二十大"], ["以党"]),
    ("服务实体经济", ["服务", "实体经济"], []),
    ("建设法治社会", ["建设", "法治社会"], []),
    ("完善协商民主体系", ["协商民主"], []),
    ("企事业单位民主管理", ["事业单位", "民主"], []),
    ("严格执行机构限额", ["机构限额"], ["执行机构"]),
    ("推进机构编制法定化", ["机构编制法定化"], []),
    ("打造数字编办", ["数字编办"], []),
    ("实行实名制管理", ["实名制管理"], []),
    ("发挥组织口作用", ["组织口"], []),
    ("增强政治机关意识", ["政治机关"], []),
    ("两个一百年奋斗目标", ["两个一百年"], []),
    ("推动高质量发展", ["高质量发展"], []),
    ("实现中华民族伟大复兴", ["中华民族伟大复兴"], []),
]


@pytest.mark.parametrize("sentence, present, absent", PROBES)
def test_probe_table(tokenizer, sentence, present, absent):
    words = tokenizer.lcut(sentence)
    assert "".join(words) == sentence
    for w in present:
        assert w in words, (sentence, words)
    for w in absent:
        assert w not in words, (sentence, words)


def test_probe_table_size():
    assert len(PROBES) >= 30


def test_token_attributes(tokenizer):
    toks = tokenizer.tokenize("要坚定“四个自信”，推进三定规定落实，为××发展。", offset=100)
    by_text = {t.text: t for t in toks}
    assert by_text["四个自信"].category == "numbered" and by_text["四个自信"].kind == "term"
    assert by_text["三定规定"].term == "“三定”规定" and by_text["三定规定"].norm == "“三定”规定"
    assert by_text["××"].kind == "mask" and not by_text["××"].is_word
    assert by_text["，"].kind == "punct" and by_text["，"].pos == "x"
    assert by_text["推进"].is_stop and not by_text["四个自信"].is_stop
    assert by_text["要"].pos == "v"
    assert toks[0].start == 100
    unknown = Tokenizer(Lexicon.empty()).tokenize("开展“七个一”活动")
    assert [t.text for t in unknown if t.kind == "numbered"] == ["七个一"]


_chars = st.text(
    alphabet=st.sampled_from(list("党的二十大四个意识两个维护机构编制资源配置“”《》，。、 \n\t三定规定××ab12") + ["\u3000"]),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_chars, st.text(max_size=80)))
def test_roundtrip_and_spans(text):
    tk = _shared_tokenizer()
    toks = tk.tokenize(text)
    assert "".join(t.text for t in toks) == text
    pos = 0
    for t in toks:
        assert t.start == pos and text[t.start:t.end] == t.text and t.end > t.start
        pos = t.end
    assert tk.lcut(text) == [t.text for t in toks]


_TK: list[Tokenizer] = []


def _shared_tokenizer() -> Tokenizer:
    if not _TK:
        _TK.append(Tokenizer())
    return _TK[0]


def test_document_tokens_are_cached_and_aligned(reference_doc):
    tk = Tokenizer()
    first = tk.tokenize_document(reference_doc)
    assert tk.tokenize_document(reference_doc) is first
    for sent, toks in zip(reference_doc.sentences, first):
        assert "".join(t.text for t in toks) == sent.text
        assert all(reference_doc.text[t.start:t.end] == t.text for t in toks)
    other = Tokenizer(Lexicon.empty())
    assert other.tokenize_document(reference_doc) is not first


def _worker(tk: Tokenizer) -> list[str]:
    return tk.lcut("增强“四个意识”，落实三定规定")


def test_pickle_and_spawn(tokenizer):
    clone = pickle.loads(pickle.dumps(tokenizer))
    assert clone.lcut("党的二十大") == ["党的二十大"]
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        assert pool.apply(_worker, (tokenizer,)) == tokenizer.lcut("增强“四个意识”，落实三定规定")


def test_jieba_global_tokenizer_untouched(tokenizer):
    before = (jieba.dt.initialized, len(jieba.dt.FREQ) if jieba.dt.initialized else 0, jieba.dt.user_word_tag_tab.copy())
    tokenizer.lcut("机构编制资源配置，数字编办，党的二十大")
    Tokenizer(Lexicon.from_entries([("某个新词汇", "concept")])).lcut("某个新词汇")
    after = (jieba.dt.initialized, len(jieba.dt.FREQ) if jieba.dt.initialized else 0, jieba.dt.user_word_tag_tab)
    assert before == after
    assert "某个新词汇" not in jieba.dt.FREQ


def test_cache_goes_to_private_dir(tmp_path):
    """Caches are written under POLICYTEXT_CACHE (mode 0700), never in a shared temp folder."""
    import subprocess

    code = (
        "import policytext as pt, os;"
        "pt.Tokenizer().lcut('党的二十大'); pt.Tokenizer(backend='jieba').lcut('党的二十大');"
        "print(sorted(os.listdir(os.environ['POLICYTEXT_CACHE'])))"
    )
    cache, tmp = tmp_path / "cache", tmp_path / "tmp"
    tmp.mkdir()
    env = {"POLICYTEXT_CACHE": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "jieba.cache" in out.stdout and "jieba.bands." in out.stdout
    assert ".tmp" not in out.stdout  # cache files are written atomically, no temporary file is left
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    assert list(tmp.iterdir()) == []


def test_hmm_option_and_errors():
    assert Tokenizer(hmm=True).lcut("党的二十大") == ["党的二十大"]
    with pytest.raises(pt.PolicyTextError):
        Tokenizer(backend="nope")
    with pytest.raises(TypeError):
        Tokenizer().lcut(None)  # type: ignore[arg-type]
    assert Tokenizer().tokenize("") == []


def test_tokenize_function_and_token_type():
    assert pt.tokenize("推进机构编制法定化") == ["推进", "机构编制法定化"]
    t = Token("党", 0, 1, "n")
    assert t.norm == "党" and t.is_word and not t.is_term


@pytest.mark.parametrize("hmm", [False, True])
def test_backends_give_identical_tokens_on_the_whole_corpus(shared_files, hmm):
    """The compiled backend (rjieba) is used only because its tokens equal jieba's."""
    pytest.importorskip("rjieba")
    text = "\n".join(normalize(p.read_text(encoding="utf-8")) for p in shared_files)
    fast = Tokenizer(backend="rjieba", hmm=hmm).tokenize(text)
    slow = Tokenizer(backend="jieba", hmm=hmm).tokenize(text)
    assert len(fast) > 100_000
    assert fast == slow  # texts, spans, POS, kinds, categories, stop flags


def test_backend_selection():
    assert Tokenizer(backend="jieba").backend == "jieba"
    import os

    assert Tokenizer(dictionary=os.path.join(os.path.dirname(jieba.__file__), "dict.txt")).backend == "jieba"
    with pytest.raises(pt.PolicyTextError, match="Available names: auto, jieba, rjieba"):
        Tokenizer(backend="nope")


# -- parameters checked through policytext._validation; public names other modules use --------------

def test_parameter_errors_name_the_parameter(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"The 'lexicon' parameter of Tokenizer must be an instance of "
                                                    r"'Lexicon', a path .* or None\. Got 3\.5 instead\."):
        Tokenizer(lexicon=3.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"The 'stopwords' parameter of Tokenizer must be .*Got 5 instead"):
        Tokenizer(stopwords=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'stopwords' parameter of Tokenizer got the unknown value 'none'"):
        Tokenizer(stopwords="none")
    with pytest.raises(InvalidParameterError, match=r"The 'text' parameter of Tokenizer\.lcut must be a str\. Got None"):
        Tokenizer().lcut(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"The 'text' parameter of Tokenizer\.tokenize must be a str"):
        Tokenizer().tokenize(b"x")  # type: ignore[arg-type]
    assert Tokenizer(stopwords=["推进"]).stopwords == frozenset({"推进"})
    assert Tokenizer(stopwords=None).stopwords == frozenset()


def test_lexicon_table_as_any_path_like(tmp_path):
    table = tmp_path / "mine.tsv"
    table.write_text("term\tcategory\n某个新词汇\tconcept\n", encoding="utf-8")

    class Where:  # an os.PathLike that is not a pathlib.Path
        def __fspath__(self) -> str:
            return str(table)

    for lexicon in (table, str(table), Where(), [Where()]):
        assert "某个新词汇" in Tokenizer(lexicon, stopwords=None).lcut("推进某个新词汇")


def test_forced_spans_is_what_lcut_keeps_whole():
    tk = Tokenizer(Lexicon.from_entries([("机构编制", "bianzhi")]), stopwords=None)
    text = "推进机构编制改革，开展“七个一”活动，为××发展"
    spans = tk.forced_spans(text)
    assert [(text[s:e], kind) for s, e, kind, _ in spans] == [("机构编制", "term"), ("七个一", "numbered"), ("××", "mask")]
    assert spans[0][3].category == "bianzhi" and spans[1][3] is None
    words = tk.lcut(text)
    assert all(text[s:e] in words for s, e, _, _ in spans)
    assert not hasattr(tk, "_forced")  # one name: the private alias is gone


def test_frequency_bands_and_term_automaton_are_public():
    from policytext.tokens import backends
    from policytext.tokens import tokenizer as tkmod

    bands = backends.frequency_bands(None)
    assert isinstance(bands, backends.FrequencyBands)
    assert bands.get("发展") == backends.BANDS[-1] and bands.get("不是一个词") == 0
    assert not hasattr(tkmod, "_bands") and not hasattr(tkmod, "_automaton")  # one name each
    ac = tkmod.term_automaton(("机构编制", "", "编制资源"))  # any iterable; empty forms are dropped
    assert ac.find_matches_as_indexes("机构编制资源配置", overlapping=True) == [(0, 0, 4), (1, 2, 6)]
    assert tkmod.term_automaton([]) is None
