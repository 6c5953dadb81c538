"""The vectorised internals of policytext.analysis.compare equal plain reference loops (issue 8)."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from itertools import pairwise

import numpy as np
import pandas as pd

import policytext as pt
from policytext.analysis.compare import compare, g2_keyness, novel_phrases
from policytext.analysis.compare import keyness as _key
from policytext.analysis.compare import mentions as _men
from policytext.analysis.compare import novel as _novel
from policytext.analysis.compare import profile as _prof
from policytext.analysis.compare import similarity as _sim
from policytext.analysis.compare._common import units
from policytext.tokens.tags import is_content
from policytext.tokens.tokenizer import default_tokenizer

# -- the vectorised internals equal the former Python loops --------------------------------------

def _reference_profile(doc, tokenizer):
    """Plain loops for what ``_profile`` computes with numpy: counts, categories, sections, vocab and runs.

    Person names (``prof.people``, detected by the module) are marked here by a direct search of
    each occurrence's tokens; phrase tokens follow the module docstring: nominal words and terms,
    one-character adjectives / distinguishing words directly before a phrase token, no person.
    Returns the runs of phrase tokens as lists of ``(start, end, norm, first_ok, last_ok, neighbour_ok)``.
    """
    people = _prof._profile(_fresh(doc), tokenizer).people
    words = []  # (token, unit index)
    for u, (sid, toks) in enumerate(units(doc, tokenizer)):
        for k, t in enumerate(toks):
            if t.kind in ("word", "term", "numbered"):
                words.append((t, u, k, sid))
    person = [False] * len(words)
    by_start = {w[0].start: i for i, w in enumerate(words)}
    for name in people:
        i = doc.text.find(name)
        while i >= 0:
            a = by_start.get(i)
            if a is not None:
                b, end = a, words[a][0].end
                while end < i + len(name) and b + 1 < len(words) and words[b + 1][2] == words[b][2] + 1 \
                        and words[b + 1][1] == words[b][1]:
                    b += 1
                    end = words[b][0].end
                if end == i + len(name):
                    for k in range(a, b + 1):
                        person[k] = True
                    nxt = b + 1
                    if nxt < len(words) and words[nxt][0].text == "同志" and words[nxt][0].start == end:
                        person[nxt] = True
            i = doc.text.find(name, i + 1)
    counts, cats, sections = {}, {}, {}
    for (t, _, _, sid), p in zip(words, person):
        if t.category:
            cats.setdefault(t.term or t.text, t.category)
        if is_content(t) and not p:
            norm = t.term or t.text
            counts[norm] = counts.get(norm, 0) + 1
            top = sid.split(".", 1)[0] if sid else ""
            if top:
                sections.setdefault(top, {})
                sections[top][norm] = sections[top].get(norm, 0) + 1
    for sid, _ in units(doc, tokenizer):  # sections without content still have an entry
        top = sid.split(".", 1)[0] if sid else ""
        if top:
            sections.setdefault(top, {})
    roles = [_prof._phrase_role(t) for t, *_ in words]

    def adjacent(i):  # word i + 1 directly follows word i in the same unit
        return i + 1 < len(words) and words[i + 1][1] == words[i][1] and words[i + 1][2] == words[i][2] + 1

    def complement(i):  # a one-character adjective right after a verb
        return bool(roles[i] & _prof._SHORT) and i > 0 and adjacent(i - 1) and bool(roles[i - 1] & _prof._VERB)

    member = [False] * len(words)
    for i in range(len(words) - 1, -1, -1):  # right to left: a modifier needs a phrase token after it
        if person[i]:
            continue
        member[i] = bool(roles[i] & _prof._NOMINAL) or bool(
            roles[i] & _prof._MODIFIER and not complement(i) and adjacent(i) and member[i + 1])
    # words that stand before a boundary somewhere (not followed by a keyword candidate of keyterms)
    can_end = {(t.text, t.category) for i, (t, *_) in enumerate(words)
               if not adjacent(i) or not roles[i + 1] & _prof._CANDIDATE}
    runs, run = [], []
    for i, (t, *_) in enumerate(words):
        if not member[i]:
            continue
        stop = bool(roles[i] & _prof._STOP)
        item = (t.start, t.end, t.term or t.text, not stop,
                bool(roles[i] & _prof._NOMINAL) and (t.text, t.category) in can_end, not stop)
        if run and i > 0 and member[i - 1] and adjacent(i - 1):
            run.append(item)
        else:
            if run:
                runs.append(run)
            run = [item]
    if run:
        runs.append(run)
    vocab = frozenset(t.term or t.text for t, *_ in words)
    return Counter(counts), cats, {k: Counter(v) for k, v in sections.items()}, vocab, runs


def _reference_candidates(text, runs, max_n, min_count):
    freq = Counter()
    for run in runs:
        for i in range(len(run)):
            if run[i][3]:
                for j in range(i + 1, min(i + max_n, len(run))):
                    if run[j][4]:
                        freq[text[run[i][0]:run[j][1]]] += 1
    cands = {}
    for run in runs:
        m = len(run)
        for i in range(m):
            if not run[i][3]:
                continue
            left = run[i - 1][2] if i > 0 and run[i - 1][5] else None
            for j in range(i + 1, min(i + max_n, m)):
                phrase = text[run[i][0]:run[j][1]]
                if not run[j][4] or freq[phrase] < min_count:
                    continue
                c = cands.setdefault(phrase, ([x[2] for x in run[i:j + 1]], [], [], [], []))
                c[1].append((run[i][0], run[j][1]))
                c[2].append(left)
                c[3].append(run[j + 1][2] if j + 1 < m and run[j + 1][5] else None)
                c[4].append(j + 1 < m)
    return cands


def _reference_keyness(pa, pb, per):
    terms = sorted(set(pa.counts) | set(pb.counts))
    ca = [pa.counts.get(t, 0) for t in terms]
    cb = [pb.counts.get(t, 0) for t in terms]
    g2, _, lr = g2_keyness(ca, cb, pa.n_tokens, pb.n_tokens)
    df = pd.DataFrame({
        "term": terms, "category": [pb.categories.get(t) or pa.categories.get(t) for t in terms],
        "count_a": ca, "count_b": cb,
        "rate_a": [c * per / pa.chars if pa.chars else 0.0 for c in ca],
        "rate_b": [c * per / pb.chars if pb.chars else 0.0 for c in cb],
        "g2": g2, "p": [math.erfc(math.sqrt(abs(x) / 2.0)) for x in g2.tolist()], "log_ratio": lr,
    })
    df["_total"] = df["count_a"] + df["count_b"]
    df = df.sort_values(["g2", "_total", "term"], ascending=[False, False, True], kind="mergesort")
    return df.drop(columns="_total").reset_index(drop=True)


def _reference_example(doc, forms):
    text = doc.text
    hits = [i for i in (text.find(f) for f in forms if f) if i >= 0]
    if not hits:
        return ""
    pos = min(hits)
    i = bisect_right([s.start for s in doc.sentences], pos) - 1
    if i >= 0 and any(f in doc.sentences[i].text for f in forms):
        return doc.sentences[i].text.strip()
    for sent in doc.sentences:
        if any(f in sent.text for f in forms):
            return sent.text.strip()
    a, b = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return text[a:b if b >= 0 else len(text)].strip()


def _reference_tfidf_cosine(vectors):
    df = Counter()
    for v in vectors:
        df.update(v.keys())
    n = len(vectors)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    if not vocab:
        return np.zeros((n, n))
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in sorted(df)])
    m = np.zeros((n, len(vocab)))
    for i, v in enumerate(vectors):
        for t, c in v.items():
            m[i, vocab[t]] = c
    m *= idf
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    m /= norms[:, None]
    return np.clip(m @ m.T, 0.0, 1.0)


def _fresh(doc):
    return pt.parse(doc.text, metadata=dict(doc.metadata))


def test_vectorised_profile_and_candidates_equal_reference(shared_docs):
    tk = default_tokenizer()
    docs = list(shared_docs.values())
    assert docs
    for doc in docs:
        d = _fresh(doc)
        prof = _prof._profile(d, tk)
        counts, cats, sections, vocab, runs = _reference_profile(d, tk)
        assert prof.counts == counts and prof.categories == cats and prof.sections == sections
        assert prof.vocab == vocab and prof.n_tokens == sum(counts.values())
        for max_n, min_count in ((4, 2), (2, 1), (8, 3)):
            got = _novel._phrase_candidates(d, tk, max_n=max_n, min_count=min_count)
            ref = _reference_candidates(d.text, runs, max_n, min_count)
            assert list(got) == list(ref)  # same phrases in the same order
            for phrase, c in got.items():
                assert (list(c.tokens), c.occ, c.left, c.right, c.inner) == ref[phrase]
    print(f"profiles and phrase candidates of {len(docs)} documents equal the reference loops")


def test_vectorised_keyness_examples_and_cosine_equal_reference(shared_docs):
    tk = default_tokenizer()
    names = sorted(shared_docs)
    pairs = [("congress_19_report", "congress_20_report")] if "congress_20_report" in shared_docs else []
    pairs += list(pairwise(names))[:4]
    for a_name, b_name in pairs:
        da, db = _fresh(shared_docs[a_name]), _fresh(shared_docs[b_name])
        pa, pb = _prof._profile(da, tk), _prof._profile(db, tk)
        pd.testing.assert_frame_equal(_key._keyness_frame(pa, pb, per=10_000), _reference_keyness(pa, pb, 10_000),
                                      check_exact=True)
        vectors = [v for _, _, v in _sim._section_vectors(da, tk) + _sim._section_vectors(db, tk)]
        assert np.array_equal(_sim._tfidf_cosine(vectors), _reference_tfidf_cosine(vectors))
        assert np.array_equal(_sim._tfidf_cosine([pa.counts, pb.counts]),
                              _reference_tfidf_cosine([pa.counts, pb.counts]))
        cmp = compare(da, db)
        forms_of = _men._lexicon_forms(tk.lexicon)
        for frame, doc in ((cmp.new_terms, db), (cmp.dropped_terms, da)):
            for term, kind, example in frame[["term", "kind", "example"]].itertuples(index=False):
                forms = forms_of.get(term, (term,)) if kind != "phrase" else (term,)
                assert example == _reference_example(doc, forms), term
            for term in frame["term"].head(30):  # the fallback path (first sentence containing a form)
                assert _men._example(doc, (term, "\n" + term)) == _reference_example(doc, (term, "\n" + term))
        # every lexicon term: first position from the automaton equals str.find over its forms
        first = _men._lexicon_first(db, tk.lexicon)
        for term, pos in first.items():
            assert pos == min(i for i in (db.text.find(f) for f in forms_of[term]) if i >= 0)


def test_example_fallback_finds_the_first_sentence_with_a_form():
    doc = pt.parse("一、推动高质量\n发展新质生产力。\n二、总体要求\n要推动高质量发展。")
    # the first occurrence of 高质量发展 spans the heading line break; the example is the first sentence holding it
    assert _men._example(doc, ("高质量\n发展", "高质量发展")) == _reference_example(doc, ("高质量\n发展", "高质量发展"))
    assert _men._example(doc, ("推动高质量发展",)) == "要推动高质量发展。"
    assert _men._example(doc, ("不存在",)) == ""


def test_content_terms_follow_the_package_rule():
    """Keyness, similarity and sections count the package's content tokens (tokens.tags.is_content).

    The module's former rule took every non-stopword of two characters or more with a Han character or a
    Latin letter: pronouns, adverbs, time and place words, numerals, Latin words (我国 共同 如期 国内 5G).
    """
    text = "我国要共同推进改革，如期实现国内发展目标，推进5G建设。"
    toks = default_tokenizer().tokenize(text)
    words = {t.text for t in toks if t.kind == "word" and not t.is_stop and len(t.text) >= 2}
    assert {"我国", "共同", "如期", "国内", "5G"} <= words
    assert set(_prof._profile(pt.parse(text), default_tokenizer()).counts) == {t.norm for t in toks if is_content(t)}
    cmp = compare("要推进改革。", text)
    assert cmp.keyness["term"].tolist() == ["推进改革"]
    assert (cmp.similarity.cosine, cmp.similarity.jaccard) == (1.0, 1.0)


def _reference_novel_phrases(target, reference, tk, *, min_count=2, max_n=4, min_chars=3):
    """``novel_phrases`` before the rewrite: a substring test per phrase and a scan of all kept occurrences."""
    cands = _novel._phrase_candidates(target, tk, max_n=max_n, min_count=min_count)
    def variable(side):
        return None in side or len(set(side)) > 1

    pool = [(p, c) for p, c in cands.items() if len(p) >= min_chars and variable(c.left) and variable(c.right)
            and not all(c.inner) and p not in reference.text]
    pool.sort(key=lambda x: (-len(x[1].tokens), -len(x[0]), -len(x[1].occ), x[0]))
    kept, covered = [], []
    vocab = _prof._profile(reference, tk).vocab
    for phrase, c in pool:
        if sum(1 for s, e in c.occ if not any(cs <= s and e <= ce for cs, ce in covered)) >= min_count:
            kept.append((phrase, len(c.occ), sum(1 for t in c.tokens if t not in vocab) / len(c.tokens)))
            covered.extend(c.occ)
    kept.sort(key=lambda x: (-x[1], -x[2], -len(x[0]), x[0]))
    return kept


def test_novel_phrases_equal_reference(shared_docs):
    tk = default_tokenizer()
    names = sorted(shared_docs)
    checked = 0
    for a_name, b_name in list(pairwise(names))[:6]:
        a, b = shared_docs[a_name], shared_docs[b_name]
        for kw in ({}, {"min_count": 1, "max_n": 6}, {"max_n": 2, "min_chars": 2}):
            got = novel_phrases(b, a, tokenizer=tk, **kw)
            assert got == _reference_novel_phrases(b, a, tk, **kw)
            checked += len(got)
    print(f"{checked} novel phrases equal the reference")


