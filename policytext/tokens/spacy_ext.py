"""Optional spaCy bridge: a blank Chinese pipeline on the policytext tokenizer.

``policytext.nlp()`` returns a ``spacy.Language`` (blank ``zh``, no model
download) whose tokenizer is :class:`policytext.Tokenizer`, with two
components:

* ``policytext_sentences`` — sentence boundaries from the structure parser
  (``。！？`` outside quotations, one line = at most one paragraph);
* ``policytext_terms`` — lexicon terms as spans in
  ``doc.spans["policy_terms"]`` labelled by category (a ``PhraseMatcher`` over
  the lexicon forms, plus quoted numbered formulations the lexicon lacks).

Both are linear in the text's length. ``Token.tag_`` is policytext's tag
(:attr:`policytext.Token.pos`) and ``Token.pos_`` its Universal POS
(:func:`upos`); ``nlp(tags=False)`` leaves them empty.

Extensions, registered once under a ``policytext_`` prefix:
``Doc._.policytext_terms`` (the term spans), ``Doc._.policytext_formulations``
(numbered-formulation spans), ``Token._.policytext_category`` and
``Span._.policytext_category``. :func:`remove_extensions` undoes them (tests).

The tokenizer is registered as ``policytext.PolicyTokenizer.v1`` and the
component factories by name, also through ``setup.cfg`` entry points, so a
pipeline saved with ``nlp.to_disk`` loads with ``spacy.load`` without an
explicit import.

spaCy's own clients work on such a pipeline:

* training — ``nlp.initialize()``, ``spacy train`` and ``spacy debug data``
  (add trainable components such as a ``textcat``; the policytext ones are
  rule-based and only annotate). A lexicon table for training is named in the
  config: ``[initialize.tokenizer] lexicon = "mine.tsv"`` (merged over the
  default; the terms component follows the tokenizer's lexicon, or takes its
  own ``[initialize.components.policytext_terms] lexicon``). spaCy validates
  these settings against the signatures, which therefore hold real types
  (:func:`_evaluate_annotations`), not the strings of postponed annotations;
* multiprocessing — the pipeline pickles (module-level classes and extension
  getters, no closures), so ``nlp.pipe(texts, n_process=2)`` works under the
  ``spawn`` and ``forkserver`` start methods;
* evaluation — ``score()`` on the tokenizer (``token_acc/p/r/f``), on
  ``policytext_sentences`` (``sents_p/r/f``) and on ``policytext_terms``
  (``spans_policy_terms_p/r/f`` and ``_per_type``), computed by
  ``spacy.scorer.Scorer`` as spaCy's own components do; ``nlp.evaluate``
  reports them, and ``spacy train`` shows them (default score weight 0: they
  are the same at every step, so the overall score is the trained components').

Examples
--------
>>> import policytext as pt
>>> nlp = pt.nlp()
>>> doc = nlp("要增强“四个意识”。推进机构编制法定化。")
>>> [(s.text, s.label_) for s in doc.spans["policy_terms"]]
[('四个意识', 'numbered'), ('机构编制法定化', 'bianzhi')]
>>> [s.text for s in doc.sents]
['要增强“四个意识”。', '推进机构编制法定化。']

Scored against gold annotation (a ``spacy.training.Example``):

>>> from spacy.training import Example
>>> gold = nlp.make_doc("增强“四个意识”和“三定”规定。")
>>> gold.spans["policy_terms"] = [gold.char_span(3, 7, label="numbered")]
>>> scores = nlp.evaluate([Example(nlp.make_doc(gold.text), gold)])
>>> [(s.text, s.label_) for s in nlp(gold.text)._.policytext_terms]
[('四个意识', 'numbered'), ('“三定”规定', 'bianzhi')]
>>> scores["spans_policy_terms_p"], scores["spans_policy_terms_r"], scores["token_acc"]
(0.5, 1.0, 1.0)
"""

from __future__ import annotations

import re
import typing
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import MissingDependencyError, PolicyTextError
from ..text.structure import split_sentences
from .lexicon import Lexicon
from .numbered import RE_NUMBERED_QUOTED
from .numbered import plausible as _plausible
from .tokenizer import Tokenizer

__all__ = ["nlp", "PolicyTokenizer", "PolicyTerms", "PolicySentences", "make_policy_terms",
           "make_policy_sentences", "register_extensions", "remove_extensions", "SPANS_KEY", "upos", "UPOS_OF_TAG"]

SPANS_KEY = "policy_terms"
_RE_LEADING_SPACE = re.compile(r"\s*")  # \s is str.isspace: the same characters lstrip() removes
_EXTENSIONS = (
    ("Doc", "policytext_terms"),
    ("Doc", "policytext_formulations"),
    ("Token", "policytext_category"),
    ("Span", "policytext_category"),
)


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:  # pragma: no cover - declared dependency
        raise MissingDependencyError("spacy", "policytext.nlp()") from None
    return spacy


def _as_lexicon(lexicon: Lexicon | str | Path | None) -> Lexicon | None:
    """``None`` stays ``None``; a table path is merged over the default lexicon."""
    if lexicon is None or isinstance(lexicon, Lexicon):
        return lexicon
    return Lexicon.load(lexicon)


class PolicyTokenizer:
    """A spaCy tokenizer that segments with :class:`policytext.Tokenizer`.

    Words are re-aligned to the text with ``spacy.util.get_words_and_spaces``,
    so ``doc.text == text`` always. With ``tags`` (default), ``Token.tag_``
    is the policytext tag (:attr:`policytext.Token.pos`: the lexicon's
    ``pos``, ``nz`` for terms without one, else jieba's dictionary tag) and
    ``Token.pos_`` its Universal POS (:func:`upos`); whitespace tokens are
    ``x``/``SPACE``. The tags cost about a fifth of the pipeline's time
    (``benchmarks/bench_spacy.py``); ``tags=False`` leaves them empty.
    Serialisable: ``to_disk`` writes the settings and the lexicon table;
    picklable like the policytext tokenizer.
    """

    def __init__(self, vocab: Any, lexicon: Lexicon | None = None, hmm: bool = False, tags: bool = True) -> None:
        self.vocab = vocab
        self.tokenizer = Tokenizer(lexicon, hmm=hmm, stopwords=None)
        self.tags = bool(tags)

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc
        from spacy.util import get_words_and_spaces

        if not self.tags:
            words, spaces = get_words_and_spaces([w for w in self.tokenizer.lcut(text) if not w.isspace()], text)
            return Doc(self.vocab, words=words, spaces=spaces)
        pairs = [p for p in self.tokenizer._tagged(text) if not p[0].isspace()]
        words, spaces = get_words_and_spaces([w for w, _ in pairs], text)
        tags, pos = [], []
        k = 0
        for w in words:  # whitespace runs that are not a single trailing space are tokens of their own
            if k < len(pairs) and pairs[k][0] == w:
                tag = pairs[k][1]
                k += 1
                tags.append(tag)
                pos.append(upos(tag, w))
            else:
                tags.append("x")
                pos.append("SPACE")
        return Doc(self.vocab, words=words, spaces=spaces, tags=tags, pos=pos)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    def initialize(self, get_examples: Any = None, *, nlp: Any = None,
                   lexicon: Lexicon | str | Path | None = None,
                   pkuseg_model: str | Path | None = None, pkuseg_user_dict: str | Path | None = "default") -> None:
        """Use another lexicon (``[initialize.tokenizer] lexicon`` in a training config).

        ``None`` keeps the current one; a table path is merged over the default.
        ``pkuseg_model`` and ``pkuseg_user_dict`` are the settings of spaCy's
        Chinese tokenizer, which ``spacy.blank("zh")`` and ``spacy init
        fill-config`` write into ``[initialize.tokenizer]``: accepted with
        their defaults, refused otherwise (this tokenizer does not use pkuseg).
        """
        if pkuseg_model is not None:
            raise PolicyTextError("policytext.PolicyTokenizer.v1 segments with jieba and the policytext lexicon, "
                                  "not pkuseg: set [initialize.tokenizer] pkuseg_model = null")
        lex = _as_lexicon(lexicon)
        if lex is not None:
            self.tokenizer = Tokenizer(lex, hmm=self.tokenizer.hmm, stopwords=None)  # keeps self.tags

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        """``token_acc``, ``token_p/r/f`` against the gold tokens (like spaCy's tokenizer)."""
        from spacy.scorer import Scorer
        from spacy.training import validate_examples

        validate_examples(examples, "PolicyTokenizer.score")
        return Scorer.score_tokenization(examples)

    # -- serialisation ---------------------------------------------------------
    def to_bytes(self, **kwargs: Any) -> bytes:
        import srsly

        table, wordings = self.tokenizer.lexicon.to_tables()
        return srsly.msgpack_dumps({"hmm": self.tokenizer.hmm, "tags": self.tags, "lexicon": table,
                                    "expansions": wordings})

    def from_bytes(self, data: bytes, **kwargs: Any) -> PolicyTokenizer:
        import srsly

        cfg = srsly.msgpack_loads(data)
        lexicon = Lexicon.from_tables(cfg["lexicon"], cfg.get("expansions", ""), "<serialised tokenizer>")
        self.tokenizer = Tokenizer(lexicon, hmm=cfg["hmm"], stopwords=None)
        self.tags = bool(cfg.get("tags", True))
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"hmm": self.tokenizer.hmm, "tags": self.tags})
        table, wordings = self.tokenizer.lexicon.to_tables()
        (path / "lexicon.tsv").write_text(table, encoding="utf-8")
        (path / "expansions.tsv").write_text(wordings, encoding="utf-8")

    def from_disk(self, path: str | Path, **kwargs: Any) -> PolicyTokenizer:
        import srsly

        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json")
        wordings = path / "expansions.tsv"  # absent in pipelines saved before wordings were kept
        lexicon = Lexicon.from_tables((path / "lexicon.tsv").read_text(encoding="utf-8"),
                                      wordings.read_text(encoding="utf-8") if wordings.exists() else "",
                                      str(path / "lexicon.tsv"))
        self.tokenizer = Tokenizer(lexicon, hmm=cfg["hmm"], stopwords=None)
        self.tags = bool(cfg.get("tags", True))
        return self


#: Universal POS of the jieba (ICTCLAS) tags, by full tag, then by first letter;
#: ``x`` (and anything else) is PUNCT, SYM or X by the characters (see :func:`upos`).
UPOS_OF_TAG: dict[str, str] = {
    "nr": "PROPN", "nrfg": "PROPN", "nrt": "PROPN", "ns": "PROPN", "nt": "PROPN", "nz": "PROPN",
    "vn": "VERB", "an": "ADJ", "ad": "ADJ", "mq": "NUM", "eng": "X",
    "n": "NOUN", "t": "NOUN", "s": "NOUN", "j": "NOUN", "q": "NOUN", "f": "ADP",
    "v": "VERB", "a": "ADJ", "b": "ADJ", "z": "ADJ", "d": "ADV", "p": "ADP", "c": "CCONJ",
    "u": "PART", "y": "PART", "k": "PART", "h": "PART", "m": "NUM", "r": "PRON",
    "e": "INTJ", "o": "INTJ", "i": "X", "l": "X", "g": "X",
}


def upos(tag: str, word: str = "") -> str:
    """The Universal POS (spaCy's ``pos_``) of a jieba tag (``tag_``).

    Proper names (``nr``, ``ns``, ``nt``) and other proper nouns (``nz``, the
    tag of the lexicon's terms) are PROPN; idioms and set phrases (``i``,
    ``l``) are X, as UD has no class for them; ``x`` is PUNCT, SYM or X by
    the word's characters.

    >>> upos("n"), upos("vn"), upos("nz"), upos("uj"), upos("x", "，"), upos("x", "××")
    ('NOUN', 'VERB', 'PROPN', 'PART', 'PUNCT', 'SYM')
    """
    found = UPOS_OF_TAG.get(tag) or (UPOS_OF_TAG.get(tag[0]) if tag and tag[0] != "x" else None)
    if found is not None:
        return found
    if word.isspace():
        return "SPACE"
    cats = {unicodedata.category(ch)[0] for ch in word}
    return "PUNCT" if cats == {"P"} else "SYM" if cats == {"S"} else "X"


def create_policy_tokenizer(hmm: bool = False, tags: bool = True) -> Any:
    """Registered as ``policytext.PolicyTokenizer.v1`` (the default lexicon)."""

    def factory(nlp: Any) -> PolicyTokenizer:
        return PolicyTokenizer(nlp.vocab, None, hmm=hmm, tags=tags)

    return factory


class PolicyTerms:
    """Pipeline component: lexicon terms → ``doc.spans["policy_terms"]``.

    Rule-based (no ``update``): ``spacy train`` runs it but trains nothing.
    Picklable (the matcher is rebuilt lazily after unpickling), serialisable
    with ``to_disk``/``to_bytes``, and scored by :meth:`score`.
    """

    def __init__(self, nlp: Any, name: str = "policytext_terms", spans_key: str = SPANS_KEY,
                 detect_numbered: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.detect_numbered = detect_numbered
        self.patterns: list[dict[str, str]] = []
        self._initialized = False
        self._matcher: Any = None

    def initialize(self, get_examples: Any = None, *, nlp: Any = None,
                   lexicon: Lexicon | str | Path | None = None) -> None:
        """Load the patterns from a lexicon (default: the tokenizer's, else the shipped one).

        ``lexicon`` is a :class:`Lexicon` or a table path (merged over the
        default lexicon), also from a training config:
        ``[initialize.components.policytext_terms] lexicon = "mine.tsv"``.
        """
        lex = _as_lexicon(lexicon)
        if lex is None:
            tok = getattr(self.nlp, "tokenizer", None)
            lex = tok.tokenizer.lexicon if isinstance(tok, PolicyTokenizer) else Lexicon.default()
        entries = {e.term: e for e in lex}
        self.patterns = [{"label": entries[term].category, "pattern": form, "id": term}
                         for form, term in sorted(lex.forms().items())]
        self._initialized = True
        self._matcher = None

    def _build(self) -> Any:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        by_label: dict[str, list[Any]] = {}
        for p in self.patterns:
            by_label.setdefault(p["label"], []).append(self.nlp.make_doc(p["pattern"]))
        for label, docs in by_label.items():
            matcher.add(label, docs)
        return matcher

    def __call__(self, doc: Any) -> Any:
        from spacy.util import filter_spans

        if not (self._initialized or self.patterns):  # patterns set by hand are kept
            self.initialize()
        if self._matcher is None:
            self._matcher = self._build()
        spans = list(self._matcher(doc, as_spans=True))
        if self.detect_numbered:
            for m in RE_NUMBERED_QUOTED.finditer(doc.text):
                if _plausible(m.group("f")):
                    span = doc.char_span(m.start("f"), m.end("f"), label="numbered")
                    if span is not None:
                        spans.append(span)
        doc.spans[self.spans_key] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        """``spans_<key>_p/r/f`` and ``spans_<key>_per_type`` against the gold ``doc.spans[key]``.

        Labelled, overlap allowed, gold docs without the key skipped — the
        settings of spaCy's ``span_ruler`` scorer.
        """
        from spacy.scorer import Scorer
        from spacy.training import validate_examples

        validate_examples(examples, "PolicyTerms.score")
        key = self.spans_key
        kwargs.setdefault("allow_overlap", True)
        kwargs.setdefault("labeled", True)
        kwargs.setdefault("getter", lambda doc, attr: doc.spans.get(key, []))
        kwargs.setdefault("has_annotation", lambda doc: key in doc.spans)
        return Scorer.score_spans(examples, f"spans_{key}", **kwargs)

    # -- serialisation ---------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_matcher"] = None  # rebuilt from the patterns on first use
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _loaded(self, patterns: Iterable[dict[str, str]]) -> PolicyTerms:
        self.patterns = list(patterns)
        self._initialized = True
        self._matcher = None
        return self

    def to_bytes(self, exclude: Any = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, exclude: Any = ()) -> PolicyTerms:
        import srsly

        return self._loaded(srsly.msgpack_loads(data)["patterns"])

    def to_disk(self, path: str | Path, exclude: Any = ()) -> None:
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)

    def from_disk(self, path: str | Path, exclude: Any = ()) -> PolicyTerms:
        import srsly

        return self._loaded(srsly.read_jsonl(Path(path) / "patterns.jsonl"))


class PolicySentences:
    """Pipeline component: sentence starts from the structure rules.

    ``。！？`` outside quotations end a sentence, and so does a line end (one
    line is at most one paragraph). A module-level class, so it pickles;
    scored by :meth:`score`.
    """

    def __init__(self, name: str = "policytext_sentences") -> None:
        self.name = name

    def __call__(self, doc: Any) -> Any:
        """Set every token's ``is_sent_start`` at once (``Doc.from_array``, linear in the length).

        Setting ``Token.is_sent_start`` token by token makes spaCy check the
        whole doc for a parse on every assignment (quadratic: 98 s for 132k
        characters); one ``SENT_START`` array gives the same boundaries.
        """
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):  # as Token.is_sent_start's setter: a parse owns the sentences
            from spacy.errors import Errors

            raise ValueError(Errors.E043)
        import numpy
        from spacy.attrs import IDX, SENT_START

        starts = _sentence_starts(doc.text)
        idx = doc.to_array(IDX).astype(numpy.int64)
        values = numpy.where(numpy.isin(idx, starts), 1, -1).astype(numpy.int64)
        values[0] = 1
        doc.from_array([SENT_START], values.astype(numpy.uint64))  # -1 wraps, as in Doc.to_array
        return doc

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        """``sents_p/r/f`` against the gold sentences (gold docs without them skipped), as spaCy's sentencizer."""
        from spacy.scorer import Scorer
        from spacy.training import validate_examples

        validate_examples(examples, "PolicySentences.score")
        kwargs.setdefault("has_annotation", lambda doc: doc.has_annotation("SENT_START"))
        results = Scorer.score_spans(examples, "sents", **kwargs)
        del results["sents_per_type"]
        return results


def _sentence_starts(text: str) -> list[int]:
    """Character offsets where the structure rules start a sentence (first non-space character)."""
    starts = []
    pos = 0
    for line in text.split("\n"):
        for a, _ in split_sentences(line):
            starts.append(pos + _RE_LEADING_SPACE.match(line, a).end())  # type: ignore[union-attr]
        pos += len(line) + 1
    return starts


def make_policy_terms(nlp: Any, name: str, spans_key: str, detect_numbered: bool) -> PolicyTerms:
    """Factory of the ``policytext_terms`` component."""
    return PolicyTerms(nlp, name, spans_key, detect_numbered)


def make_policy_sentences(nlp: Any, name: str) -> PolicySentences:
    """Factory of ``policytext_sentences``: sentence starts from the structure rules."""
    return PolicySentences(name)


def _evaluate_annotations(*funcs: Callable[..., Any]) -> None:
    """Replace the string annotations of ``funcs`` by the objects they name.

    spaCy turns these signatures into pydantic models (factory configs,
    ``[initialize]`` settings) and pydantic resolves a string such as
    ``"Lexicon | str | Path | None"`` in spaCy's namespace, where ``Lexicon``
    does not exist (``PydanticUserError``).
    """
    for func in funcs:
        func.__annotations__ = typing.get_type_hints(func)


_evaluate_annotations(PolicyTokenizer.initialize, PolicyTerms.initialize, create_policy_tokenizer,
                      make_policy_terms, make_policy_sentences)

# Score weights: the figures appear in ``spacy train``'s table, with weight 0 in
# the overall score: rule-based components score the same at every step, so a
# weight would only rescale the score (to 1/3 beside a textcat when the dev data
# lacks gold sentences and terms). Set ``[training.score_weights]`` to count them.
_TERMS_SCORES: dict[str, float | None] = {f"spans_{SPANS_KEY}_f": 0.0, f"spans_{SPANS_KEY}_p": 0.0,
                                          f"spans_{SPANS_KEY}_r": 0.0, f"spans_{SPANS_KEY}_per_type": None}
_SENTS_SCORES: dict[str, float | None] = {"sents_f": 0.0, "sents_p": 0.0, "sents_r": 0.0}
_REGISTERED = False


def _register_spacy() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    spacy = _spacy()
    from spacy.language import Language

    spacy.util.registry.tokenizers.register("policytext.PolicyTokenizer.v1", func=create_policy_tokenizer)
    if not Language.has_factory("policytext_terms"):
        Language.factory("policytext_terms", default_config={"spans_key": SPANS_KEY, "detect_numbered": True},
                         assigns=["doc.spans"], default_score_weights=_TERMS_SCORES, func=make_policy_terms)
    if not Language.has_factory("policytext_sentences"):
        Language.factory("policytext_sentences", assigns=["token.is_sent_start", "doc.sents"],
                         default_score_weights=_SENTS_SCORES, func=make_policy_sentences)
    register_extensions()
    _REGISTERED = True


# Extension getters: module-level functions, so that spaCy can send them to
# worker processes (``Underscore.get_state()`` is pickled for ``n_process``).
def _doc_terms(doc: Any) -> list[Any]:
    return list(doc.spans.get(SPANS_KEY, []))


def _doc_formulations(doc: Any) -> list[Any]:
    return [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "numbered"]


# The category getters read an index of the term spans (built once per span
# group, not once per call): a scan of ``doc.spans`` per token made a loop over
# the tokens of a long document quadratic (minutes for 130k characters). The
# index is rebuilt when the doc, the span group, its length or its first or last
# span changes; ``group[i] = span`` in the middle of the group is not noticed.
_INDEX: list[Any] = [None]


def _span_index(doc: Any) -> tuple[list[tuple[int, int, str]], list[int] | None]:
    """``(spans, starts)``: the term spans as ``(start, end, label)`` in group order, and
    their starts when the spans are sorted and do not overlap (else None: scan)."""
    group = doc.spans.get(SPANS_KEY)
    if group is None or not len(group):
        return [], None
    first, last = group[0], group[-1]
    key = (len(group), first.start, first.end, last.start, last.end)
    cached = _INDEX[0]
    if cached is not None and cached[0]() is doc and cached[1] is group and cached[2] == key:
        return cached[3], cached[4]
    import weakref

    spans = [(s.start, s.end, str(s.label_)) for s in group]
    ordered = all(a[1] <= b[0] for a, b in zip(spans, spans[1:])) and all(a < b for a, b, _ in spans)
    starts = [a for a, _, _ in spans] if ordered else None
    _INDEX[0] = (weakref.ref(doc), group, key, spans, starts)
    return spans, starts


def _token_category(tok: Any) -> str | None:
    spans, starts = _span_index(tok.doc)
    i = tok.i
    if starts is not None:
        j = bisect_right(starts, i) - 1
        return spans[j][2] if j >= 0 and i < spans[j][1] else None
    for a, b, label in spans:
        if a <= i < b:
            return label
    return None


def _span_category(span: Any) -> str | None:
    spans, starts = _span_index(span.doc)
    a, b = span.start, span.end
    if starts is not None:
        j = bisect_right(starts, a) - 1
        return spans[j][2] if j >= 0 and spans[j][:2] == (a, b) else None
    for s, e, label in spans:
        if s == a and e == b:
            return label
    return None


_GETTERS: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("Doc", "policytext_terms"): _doc_terms,
    ("Doc", "policytext_formulations"): _doc_formulations,
    ("Token", "policytext_category"): _token_category,
    ("Span", "policytext_category"): _span_category,
}


def register_extensions() -> None:
    """Register the ``policytext_*`` extensions (once; never over someone else's)."""
    from spacy.tokens import Doc, Span, Token

    owners: dict[str, Any] = {"Doc": Doc, "Span": Span, "Token": Token}
    for owner_name, attr in _EXTENSIONS:
        owner = owners[owner_name]
        if owner.has_extension(attr):
            existing = owner.get_extension(attr)
            if existing[2] is not None and getattr(existing[2], "__module__", "") == __name__:
                continue
            raise PolicyTextError(f"{owner_name}._.{attr} is already registered by someone else; not overwriting it")
        owner.set_extension(attr, getter=_GETTERS[owner_name, attr])


def remove_extensions() -> None:
    """Remove the ``policytext_*`` extensions (for tests)."""
    global _REGISTERED
    from spacy.tokens import Doc, Span, Token

    owners: dict[str, Any] = {"Doc": Doc, "Span": Span, "Token": Token}
    for owner_name, attr in _EXTENSIONS:
        if owners[owner_name].has_extension(attr):
            owners[owner_name].remove_extension(attr)
    _REGISTERED = False


def nlp(lexicon: Lexicon | str | Path | None = None, *, hmm: bool = False, tags: bool = True) -> Any:
    """A blank Chinese spaCy pipeline on the policytext tokenizer.

    Parameters
    ----------
    lexicon : Lexicon | path, optional
        Default: the shipped lexicon. A path is merged over the default.
    hmm : bool
        jieba's HMM for unknown words (off by default).
    tags : bool
        Fill ``Token.tag_`` (policytext/jieba tag) and ``Token.pos_``
        (Universal POS, :func:`upos`); False leaves them empty, a little faster.

    Returns
    -------
    spacy.Language
        ``nlp.pipe_names == ["policytext_sentences", "policytext_terms"]``.
    """
    spacy = _spacy()
    _register_spacy()
    lex = _as_lexicon(lexicon)
    config = {"nlp": {"tokenizer": {"@tokenizers": "policytext.PolicyTokenizer.v1", "hmm": hmm, "tags": tags}}}
    pipeline = spacy.blank("zh", config=config)
    if lex is not None:
        pipeline.tokenizer = PolicyTokenizer(pipeline.vocab, lex, hmm=hmm, tags=tags)
    pipeline.add_pipe("policytext_sentences")
    terms = pipeline.add_pipe("policytext_terms")
    terms.initialize(nlp=pipeline, lexicon=lex)
    return pipeline


# Importing this module (which spaCy does through the ``spacy_factories`` and
# ``spacy_tokenizers`` entry points when it loads a saved pipeline) registers
# the tokenizer, the factories and the extensions. ``import policytext`` alone
# never imports it.
_register_spacy()
