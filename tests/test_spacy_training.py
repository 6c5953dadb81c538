"""spaCy's own training clients on a pipeline holding the policytext components (issue 18, item 1).

``nlp.initialize()``, ``spacy init fill-config``, ``spacy train`` and ``spacy debug data`` run on a
pipeline ``policytext_sentences`` + ``policytext_terms`` + a ``textcat``: the config below names the
policytext tokenizer and factories only by their registered names (spaCy finds them through the
entry points, the config imports nothing).
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import policytext as pt  # noqa: E402
from policytext.tokens import spacy_ext  # noqa: E402
from policytext.tokens.lexicon import Lexicon  # noqa: E402

# Two classes a bag of words separates; 120 training docs (spacy debug data wants at least 100 to
# train a new pipeline) and 24 evaluation docs, none of them also in the training data.
CLAUSES = {
    "bianzhi": ["推进机构编制法定化", "落实“三定”规定", "严控机构编制总量", "统筹使用各类编制资源",
                "盘活编制存量", "抓好镇街编制动态调整"],
    "theory": ["深入学习党的二十大精神", "增强“四个意识”", "坚定“四个自信”", "坚持习近平新时代中国特色社会主义思想",
               "深刻领悟“两个确立”的决定性意义", "做到“两个维护”"],
}
TRAIN_LEADS = ["要", "必须", "进一步", "切实", "全面", "持续", "不断", "着力", "坚决", "扎实"]
DEV_LEADS = ["务必", "始终"]


def _rows(leads: list[str]) -> list[tuple[str, str]]:
    return [(f"{lead}{clause}。", label) for lead in leads for label, clauses in CLAUSES.items() for clause in clauses]


LABELS = ("bianzhi", "theory")

CONFIG = """
[paths]
train = null
dev = null
lexicon = null

[system]
seed = 0
gpu_allocator = null

[nlp]
lang = "zh"
pipeline = ["policytext_sentences","policytext_terms","textcat"]
batch_size = 8

[nlp.tokenizer]
@tokenizers = "policytext.PolicyTokenizer.v1"
hmm = false

[components]

[components.policytext_sentences]
factory = "policytext_sentences"

[components.policytext_terms]
factory = "policytext_terms"

[components.textcat]
factory = "textcat"

[components.textcat.model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
ngram_size = 1
no_output_layer = false
length = 4096

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
seed = ${system.seed}
gpu_allocator = ${system.gpu_allocator}
max_steps = 6
eval_frequency = 3
patience = 0
dropout = 0.1

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 200
tolerance = 0.2

[initialize]

[initialize.tokenizer]
lexicon = ${paths.lexicon}
"""


def _spacy_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spacy", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _docbins(tmp_path: Path, lexicon: Path) -> tuple[Path, Path]:
    from spacy.tokens import DocBin

    nlp = pt.nlp(lexicon=lexicon)  # the tokens the training config makes: no misaligned tokens
    paths = []
    for name, rows in [("train", _rows(TRAIN_LEADS)), ("dev", _rows(DEV_LEADS))]:
        db = DocBin()
        for text, label in rows:
            # dev docs carry gold sentences and term spans (here: the pipeline's own), so that
            # spacy train reports sents_f and spans_policy_terms_f beside the textcat's figures
            doc = nlp(text) if name == "dev" else nlp.make_doc(text)
            doc.cats = {lab: float(lab == label) for lab in LABELS}
            db.add(doc)
        path = tmp_path / f"{name}.spacy"
        db.to_disk(path)
        paths.append(path)
    return paths[0], paths[1]


def test_initialize_keeps_the_terms():
    nlp = pt.nlp()
    nlp.initialize()
    doc = nlp("要增强“四个意识”。推进机构编制法定化。")
    assert [(s.text, s.label_) for s in doc.spans["policy_terms"]] == [("四个意识", "numbered"),
                                                                         ("机构编制法定化", "bianzhi")]
    assert [s.text for s in doc.sents] == ["要增强“四个意识”。", "推进机构编制法定化。"]


def test_initialize_keeps_a_custom_lexicon_and_reads_one_from_the_config(tmp_path):
    custom = tmp_path / "mine.tsv"
    custom.write_text("term\tcategory\n镇街编制动态调整\tbianzhi\n", encoding="utf-8")
    text = "抓好镇街编制动态调整。"
    def terms(nlp, text):
        doc = nlp(text)
        return [(s.text, s.label_) for s in doc.spans["policy_terms"]]

    nlp = pt.nlp(lexicon=custom)
    nlp.initialize()  # re-reads the tokenizer's lexicon: the custom term stays
    assert terms(nlp, text) == [("镇街编制动态调整", "bianzhi")]
    plain = pt.nlp()
    assert terms(plain, text) == [("镇街", "institution"), ("编制动态调整", "bianzhi")]
    # the [initialize] block of a training config: a table path for the tokenizer (the terms follow it)
    plain.config["initialize"]["tokenizer"]["lexicon"] = str(custom)
    plain.initialize()
    assert [t.text for t in plain(text)][1] == "镇街编制动态调整"
    assert terms(plain, text) == [("镇街编制动态调整", "bianzhi")]
    # ... or for the terms component alone (the tokens stay the default ones; the span covers two)
    other = pt.nlp()
    other.config["initialize"]["components"]["policytext_terms"] = {"lexicon": str(custom)}
    other.initialize()
    assert [t.text for t in other(text)][1:3] == ["镇街", "编制动态调整"]
    assert terms(other, text) == [("镇街编制动态调整", "bianzhi")]
    other.get_pipe("policytext_terms").initialize(nlp=other, lexicon=custom)
    assert len(other.get_pipe("policytext_terms").patterns) == len(plain.get_pipe("policytext_terms").patterns)
    # a Lexicon object is accepted by the component as before
    other.get_pipe("policytext_terms").initialize(nlp=other, lexicon=Lexicon.from_entries([("数字编办", "bianzhi")]))
    assert terms(other, "打造数字编办") == [("数字编办", "bianzhi")]
    # the zh defaults spaCy writes into [initialize.tokenizer] validate; pkuseg itself is refused
    assert plain.config["initialize"]["tokenizer"]["pkuseg_model"] is None
    with pytest.raises(pt.PolicyTextError, match="not pkuseg"):
        plain.tokenizer.initialize(pkuseg_model="mixed")


def test_signatures_spacy_validates_hold_real_types():
    """spaCy builds pydantic models from these signatures; string annotations break them."""
    funcs = [spacy_ext.PolicyTerms.initialize, spacy_ext.PolicyTokenizer.initialize, spacy_ext.make_policy_terms,
             spacy_ext.make_policy_sentences, spacy_ext.create_policy_tokenizer]
    for func in funcs:
        for param in inspect.signature(func).parameters.values():
            assert not isinstance(param.annotation, str), (func.__qualname__, param.name, param.annotation)
    from spacy.schemas import validate_init_settings

    terms = pt.nlp().get_pipe("policytext_terms")
    assert validate_init_settings(terms.initialize, {"lexicon": "x.tsv"}) == {"lexicon": "x.tsv"}


def test_spacy_train_and_debug_data(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("term\tcategory\n镇街编制动态调整\tbianzhi\n", encoding="utf-8")
    train, dev = _docbins(tmp_path, lexicon)
    base = tmp_path / "base.cfg"
    base.write_text(CONFIG, encoding="utf-8")
    overrides = ["--paths.train", str(train), "--paths.dev", str(dev), "--paths.lexicon", str(lexicon)]

    filled = _spacy_cli("init", "fill-config", str(base), "config.cfg", cwd=tmp_path)
    assert filled.returncode == 0, filled.stdout + filled.stderr

    debug = _spacy_cli("debug", "data", "config.cfg", *overrides, cwd=tmp_path)
    assert debug.returncode == 0, debug.stdout + debug.stderr
    assert "Pipeline can be initialized with data" in debug.stdout and "Corpus is loadable" in debug.stdout
    assert "Text Classification: 2 label(s)" in debug.stdout and "✘" not in debug.stdout
    assert "misaligned" not in debug.stdout

    trained = _spacy_cli("train", "config.cfg", "--output", "out", *overrides, cwd=tmp_path)
    assert trained.returncode == 0, trained.stdout + trained.stderr
    assert "policytext_sentences" in trained.stdout and "textcat" in trained.stdout
    assert "Saved pipeline to output directory" in trained.stdout
    header = next(line.split() for line in trained.stdout.splitlines() if "LOSS" in line)
    assert header[-2:] == ["CATS_SCORE", "SCORE"] and "SENTS_F" in header
    rows = [line.split() for line in trained.stdout.splitlines() if re.match(r"\s*\d+\s+\d+\s+\d", line)]
    assert [int(row[1]) for row in rows] == [0, 3, 6]  # max_steps, eval_frequency
    # the rule-based figures weigh 0: the overall score is the textcat's
    assert float(rows[-1][-1]) == pytest.approx(float(rows[-1][-2]) / 100, abs=0.006)
    performance = json.loads((tmp_path / "out" / "model-last" / "meta.json").read_text(encoding="utf-8"))["performance"]
    assert performance["sents_f"] == 1.0 and performance["spans_policy_terms_f"] == 1.0
    assert performance["cats_score"] > 0.5

    nlp = spacy.load(tmp_path / "out" / "model-last")
    assert nlp.pipe_names == ["policytext_sentences", "policytext_terms", "textcat"]
    doc = nlp("抓好镇街编制动态调整，增强“四个意识”。深入学习党的二十大精神。")
    assert set(doc.cats) == set(LABELS)
    # the lexicon named in [initialize.tokenizer] was saved with the trained pipeline
    assert [(s.text, s.label_) for s in doc.spans["policy_terms"]] == [
        ("镇街编制动态调整", "bianzhi"), ("四个意识", "numbered"), ("党的二十大", "meeting")]
    assert len(list(doc.sents)) == 2
