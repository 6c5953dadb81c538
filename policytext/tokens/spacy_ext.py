"""Optional spaCy bridge: a blank Chinese pipeline on the policytext tokenizer.

``policytext.nlp()`` returns a ``spacy.Language`` (blank ``zh``, no model
download) whose tokenizer is :class:`policytext.Tokenizer`, with two
components:

* ``policytext_sentences`` — sentence boundaries from the structure parser
  (``。！？`` outside quotations, one line = at most one paragraph);
* ``policytext_terms`` — lexicon terms as spans in
  ``doc.spans["policy_terms"]`` labelled by category (a ``PhraseMatcher`` over
  the lexicon forms, plus quoted numbered formulations the lexicon lacks).

Extensions, registered once under a ``policytext_`` prefix:
``Doc._.policytext_terms`` (the term spans), ``Doc._.policytext_formulations``
(numbered-formulation spans), ``Token._.policytext_category`` and
``Span._.policytext_category``. :func:`remove_extensions` undoes them (tests).

The tokenizer is registered as ``policytext.PolicyTokenizer.v1`` and the
component factories by name, also through ``setup.cfg`` entry points, so a
pipeline saved with ``nlp.to_disk`` loads with ``spacy.load`` without an
explicit import.

Examples
--------
>>> import policytext as pt
>>> nlp = pt.nlp()
>>> doc = nlp("要增强“四个意识”。推进机构编制法定化。")
>>> [(s.text, s.label_) for s in doc.spans["policy_terms"]]
[('四个意识', 'numbered'), ('机构编制法定化', 'bianzhi')]
>>> [s.text for s in doc.sents]
['要增强“四个意识”。', '推进机构编制法定化。']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import MissingDependencyError, PolicyTextError
from ..text.structure import split_sentences
from .lexicon import Lexicon, parse_table, read_table
from .numbered import RE_NUMBERED_QUOTED
from .numbered import plausible as _plausible
from .tokenizer import Tokenizer

__all__ = ["nlp", "PolicyTokenizer", "PolicyTerms", "make_policy_terms", "make_policy_sentences",
           "register_extensions", "remove_extensions", "SPANS_KEY"]

SPANS_KEY = "policy_terms"
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


def _lexicon_to_tsv(lex: Lexicon) -> str:
    rows = ["term\tcategory\taliases\texpansion\tfirst_seen\tpos\tnote"]
    for e in lex:
        rows.append("\t".join([e.term, e.category, "|".join(e.aliases), "|".join(e.expansion),
                               e.first_seen or "", e.pos or "", e.note or ""]))
    return "\n".join(rows) + "\n"


class PolicyTokenizer:
    """A spaCy tokenizer that segments with :class:`policytext.Tokenizer`.

    Words are re-aligned to the text with ``spacy.util.get_words_and_spaces``,
    so ``doc.text == text`` always. Serialisable: ``to_disk`` writes the
    settings and the lexicon table; picklable like the policytext tokenizer.
    """

    def __init__(self, vocab: Any, lexicon: Lexicon | None = None, hmm: bool = False) -> None:
        self.vocab = vocab
        self.tokenizer = Tokenizer(lexicon, hmm=hmm, stopwords=None)

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc
        from spacy.util import get_words_and_spaces

        words = [w for w in self.tokenizer.lcut(text) if not w.isspace()]
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    # -- serialisation ---------------------------------------------------------
    def to_bytes(self, **kwargs: Any) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"hmm": self.tokenizer.hmm, "lexicon": _lexicon_to_tsv(self.tokenizer.lexicon)})

    def from_bytes(self, data: bytes, **kwargs: Any) -> PolicyTokenizer:
        import srsly

        cfg = srsly.msgpack_loads(data)
        self.tokenizer = Tokenizer(Lexicon(parse_table(cfg["lexicon"], "<serialised tokenizer>")),
                                   hmm=cfg["hmm"], stopwords=None)
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"hmm": self.tokenizer.hmm})
        (path / "lexicon.tsv").write_text(_lexicon_to_tsv(self.tokenizer.lexicon), encoding="utf-8")

    def from_disk(self, path: str | Path, **kwargs: Any) -> PolicyTokenizer:
        import srsly

        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json")
        self.tokenizer = Tokenizer(Lexicon(read_table(path / "lexicon.tsv")), hmm=cfg["hmm"], stopwords=None)
        return self


def create_policy_tokenizer(hmm: bool = False) -> Any:
    """Registered as ``policytext.PolicyTokenizer.v1`` (the default lexicon)."""

    def factory(nlp: Any) -> PolicyTokenizer:
        return PolicyTokenizer(nlp.vocab, None, hmm=hmm)

    return factory


class PolicyTerms:
    """Pipeline component: lexicon terms → ``doc.spans["policy_terms"]``."""

    def __init__(self, nlp: Any, name: str = "policytext_terms", spans_key: str = SPANS_KEY,
                 detect_numbered: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.detect_numbered = detect_numbered
        self.patterns: list[dict[str, str]] = []
        self._matcher: Any = None

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, lexicon: Lexicon | str | None = None) -> None:
        """Load the patterns from a lexicon (default: the shipped one, or the tokenizer's)."""
        if lexicon is None:
            tok = getattr(self.nlp, "tokenizer", None)
            lex = tok.tokenizer.lexicon if isinstance(tok, PolicyTokenizer) else Lexicon.default()
        elif isinstance(lexicon, Lexicon):
            lex = lexicon
        else:
            lex = Lexicon.load(lexicon)
        entries = {e.term: e for e in lex}
        self.patterns = [{"label": entries[term].category, "pattern": form, "id": term}
                         for form, term in sorted(lex.forms().items())]
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

        if not self.patterns:
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

    def to_disk(self, path: str | Path, exclude: Any = ()) -> None:
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)

    def from_disk(self, path: str | Path, exclude: Any = ()) -> PolicyTerms:
        import srsly

        self.patterns = list(srsly.read_jsonl(Path(path) / "patterns.jsonl"))
        self._matcher = None
        return self


def make_policy_terms(nlp: Any, name: str, spans_key: str, detect_numbered: bool) -> PolicyTerms:
    """Factory of the ``policytext_terms`` component."""
    return PolicyTerms(nlp, name, spans_key, detect_numbered)


def make_policy_sentences(nlp: Any, name: str) -> Any:
    """Factory of ``policytext_sentences``: sentence starts from the structure rules."""

    def set_sentences(doc: Any) -> Any:
        starts = set()
        pos = 0
        for line in doc.text.split("\n"):
            for a, _ in split_sentences(line):
                starts.add(pos + a + (len(line[a:]) - len(line[a:].lstrip())))
            pos += len(line) + 1
        for tok in doc:
            tok.is_sent_start = tok.i == 0 or tok.idx in starts
        return doc

    return set_sentences


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
                         func=make_policy_terms)
    if not Language.has_factory("policytext_sentences"):
        Language.factory("policytext_sentences", func=make_policy_sentences)
    register_extensions()
    _REGISTERED = True


def register_extensions() -> None:
    """Register the ``policytext_*`` extensions (once; never over someone else's)."""
    from spacy.tokens import Doc, Span, Token

    owners: dict[str, Any] = {"Doc": Doc, "Span": Span, "Token": Token}

    def terms(doc: Any) -> list[Any]:
        return list(doc.spans.get(SPANS_KEY, []))

    def formulations(doc: Any) -> list[Any]:
        return [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "numbered"]

    def token_category(tok: Any) -> str | None:
        for s in tok.doc.spans.get(SPANS_KEY, []):
            if s.start <= tok.i < s.end:
                return s.label_
        return None

    def span_category(span: Any) -> str | None:
        for s in span.doc.spans.get(SPANS_KEY, []):
            if s.start == span.start and s.end == span.end:
                return s.label_
        return None

    getters = {"policytext_terms": terms, "policytext_formulations": formulations}
    for owner_name, attr in _EXTENSIONS:
        owner = owners[owner_name]
        getter = getters.get(attr) or (token_category if owner_name == "Token" else span_category)
        if owner.has_extension(attr):
            existing = owner.get_extension(attr)
            if existing[2] is not None and getattr(existing[2], "__module__", "") == __name__:
                continue
            raise PolicyTextError(f"{owner_name}._.{attr} is already registered by someone else; not overwriting it")
        owner.set_extension(attr, getter=getter)


def remove_extensions() -> None:
    """Remove the ``policytext_*`` extensions (for tests)."""
    global _REGISTERED
    from spacy.tokens import Doc, Span, Token

    owners: dict[str, Any] = {"Doc": Doc, "Span": Span, "Token": Token}
    for owner_name, attr in _EXTENSIONS:
        if owners[owner_name].has_extension(attr):
            owners[owner_name].remove_extension(attr)
    _REGISTERED = False


def nlp(lexicon: Lexicon | str | Path | None = None, *, hmm: bool = False) -> Any:
    """A blank Chinese spaCy pipeline on the policytext tokenizer.

    Parameters
    ----------
    lexicon : Lexicon | path, optional
        Default: the shipped lexicon. A path is merged over the default.
    hmm : bool
        jieba's HMM for unknown words (off by default).

    Returns
    -------
    spacy.Language
        ``nlp.pipe_names == ["policytext_sentences", "policytext_terms"]``.
    """
    spacy = _spacy()
    _register_spacy()
    lex = None if lexicon is None else (lexicon if isinstance(lexicon, Lexicon) else Lexicon.load(lexicon))
    config = {"nlp": {"tokenizer": {"@tokenizers": "policytext.PolicyTokenizer.v1", "hmm": hmm}}}
    pipeline = spacy.blank("zh", config=config)
    if lex is not None:
        pipeline.tokenizer = PolicyTokenizer(pipeline.vocab, lex, hmm=hmm)
    pipeline.add_pipe("policytext_sentences")
    terms = pipeline.add_pipe("policytext_terms")
    terms.initialize(nlp=pipeline, lexicon=lex)
    return pipeline


# Importing this module (which spaCy does through the ``spacy_factories`` and
# ``spacy_tokenizers`` entry points when it loads a saved pipeline) registers
# the tokenizer, the factories and the extensions. ``import policytext`` alone
# never imports it.
_register_spacy()
