"""Scoring meeting records against gold files.

The definitions are those of the official scorer (`shared/gold/score.py`, copied to
`tests/gold/score.py`); this is an independent implementation inside the package, and
`tests/test_eval_agrees.py` checks that both give the same figures. Every rule below is
written to match that scorer exactly, including its tie-breaking:

- strings are compared after `norm`: page pinyin in parentheses deleted, OpenCC `t2s`,
  then only word characters (letters, digits, CJK; not `_`) kept;
- directives and conveyed items are matched one-to-one, greedily, by bigram coverage
  (the smaller of "share of gold bigrams in pred" and "share of pred bigrams in gold")
  at thresholds 0.7 and 0.6; units and deadlines of a matched directive match "loosely"
  (equal or contained either way); people match by normalised name;
- P/R/F1 are micro-averaged over all documents, accuracies likewise;
- a document without a prediction counts as predicting nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc

# The official scorer's pinyin pattern. It is deliberately NOT luoshi.text.script.PINYIN
# (which knows a few more tone marks): the scorer's definition is the yardstick.
_PINYIN = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜń][a-zü]*[)）]")
_KEEP = re.compile(r"\w")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    # OpenCC t2s directly rather than luoshi.text.script.to_simplified: the text layer may
    # refine its conversion, the yardstick must not move with it.
    return opencc.OpenCC("t2s")

PRF_FIGURES: tuple[str, ...] = (
    "directives",
    "directive_units",
    "directive_deadlines",
    "people",
    "people_roles",
    "conveyed",
)
ACC_FIGURES: tuple[str, ...] = (
    "directive_speaker",
    "directive_parent",
    "people_title",
    "meeting_date",
    "meeting_name",
    "meeting_organizer",
    "noise_removed",
    "body_kept",
)
FIGURES: tuple[str, ...] = PRF_FIGURES + ACC_FIGURES

DIRECTIVE_THRESHOLD = 0.7
CONVEYED_THRESHOLD = 0.6


def norm(s: object) -> str:
    """Simplified script, page pinyin removed, only letters, digits and CJK kept."""
    if s is None:
        return ""
    text = _t2s().convert(_PINYIN.sub("", str(s)))
    return "".join(ch for ch in text if ch != "_" and _KEEP.match(ch))


def bigrams(s: str) -> Counter[str]:
    if len(s) > 1:
        return Counter(s[i : i + 2] for i in range(len(s) - 1))
    return Counter([s])


def coverage(gold: str, pred: str) -> tuple[float, float]:
    """(share of gold bigrams found in pred, share of pred bigrams found in gold)."""
    bg, bp = bigrams(gold), bigrams(pred)
    inter = sum((bg & bp).values())
    return inter / max(1, sum(bg.values())), inter / max(1, sum(bp.values()))


def greedy_match(gold: list[str], pred: list[str], threshold: float) -> dict[int, int]:
    """One-to-one greedy matching by bigram coverage; returns {gold index: pred index}.

    Candidate pairs are taken best first; among equal scores the pair with the higher gold
    index, then the higher pred index, goes first (the official scorer's reverse sort of
    (score, gi, pi) tuples).
    """
    pred_bigrams = [bigrams(p) for p in pred]
    pred_sizes = [sum(b.values()) for b in pred_bigrams]
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        if not g:
            continue
        bg = bigrams(g)
        g_size = max(1, sum(bg.values()))
        for pi, p in enumerate(pred):
            if not p:
                continue
            inter = sum((bg & pred_bigrams[pi]).values())
            score = min(inter / g_size, inter / max(1, pred_sizes[pi]))
            if score >= threshold:
                pairs.append((score, gi, pi))
    pairs.sort(reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def text_of(x: object) -> str:
    """The string of a list entry that may be a plain string or a spanned object."""
    if isinstance(x, Mapping):
        return x.get("text") or x.get("name") or ""
    return x or ""  # type: ignore[return-value]


@dataclass
class PRF:
    """Micro-averaged precision/recall/F1 counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    def add_multisets(self, gold: Iterable[object], pred: Iterable[object]) -> None:
        g, p = Counter(gold), Counter(pred)
        self.add(sum((g & p).values()), sum(p.values()), sum(g.values()))

    def add_loose(self, gold: Iterable[str], pred: Iterable[str]) -> None:
        """One-to-one: a prediction hits a gold string equal to it, containing it, or
        contained in it; gold strings are served in order, each by its first free hit."""
        golds = [g for g in gold if g]
        preds = [p for p in pred if p]
        used: set[int] = set()
        tp = 0
        for g in golds:
            for i, p in enumerate(preds):
                if i not in used and (g in p or p in g):
                    used.add(i)
                    tp += 1
                    break
        self.add(tp, len(preds), len(golds))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Acc:
    """Accuracy counts."""

    ok: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.ok += bool(ok)
        self.n += 1

    @property
    def accuracy(self) -> float:
        return self.ok / self.n if self.n else 0.0


def same_date(gold: object, pred: object) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    g, p = str(gold), str(pred)
    if g.startswith("--"):
        return p[-5:] == g[-5:]
    return p == g


def loose_equal(gold: object, pred: object) -> bool:
    g, p = norm(gold), norm(pred)
    if not g:
        return not p
    return len(p) >= min(3, len(g)) and (g in p or p in g)


@dataclass
class DocReport:
    """What happened to one document, for `--per-doc`."""

    id: str
    predicted: bool
    directives_gold: int = 0
    directives_pred: int = 0
    directives_matched: int = 0
    people_gold: int = 0
    people_pred: int = 0
    people_matched: int = 0
    error: str | None = None


@dataclass
class Scores:
    """All counters of a scoring run; `figures()` gives the rounded report."""

    counters: dict[str, PRF | Acc] = field(
        default_factory=lambda: {
            **{k: PRF() for k in PRF_FIGURES},
            **{k: Acc() for k in ACC_FIGURES},
        }
    )
    documents: int = 0
    predicted: int = 0
    docs: list[DocReport] = field(default_factory=list)

    def prf(self, key: str) -> PRF:
        c = self.counters[key]
        assert isinstance(c, PRF)
        return c

    def acc(self, key: str) -> Acc:
        c = self.counters[key]
        assert isinstance(c, Acc)
        return c

    def figures(self, digits: int = 3) -> dict[str, Any]:
        """The official scorer's `--json` output: same keys, same rounding."""
        out: dict[str, Any] = {"documents": self.documents, "predicted": self.predicted}
        for key, c in self.counters.items():
            if isinstance(c, PRF):
                out[key] = {
                    "precision": round(c.precision, digits),
                    "recall": round(c.recall, digits),
                    "f1": round(c.f1, digits),
                }
            else:
                out[key] = {"accuracy": round(c.accuracy, digits), "n": c.n}
        return out

    def headline(self, digits: int = 3) -> dict[str, float]:
        """One number per figure: F1 for P/R/F1 figures, accuracy for the others."""
        figs = self.figures(digits)
        return {k: figs[k]["f1"] if k in PRF_FIGURES else figs[k]["accuracy"] for k in FIGURES}


def _records(value: object) -> list[Mapping[str, Any]]:
    return [x for x in value if isinstance(x, Mapping)] if isinstance(value, list) else []


def score_document(
    raw: str,
    gold: Mapping[str, Any],
    pred: Mapping[str, Any] | None,
    scores: Scores,
) -> DocReport:
    """Add one document's counts to `scores`. `raw` is the document's text as read."""
    pred = pred or {}
    report = DocReport(id=str(gold.get("id")), predicted=bool(pred))

    # directives
    gd = gold.get("directives") or []
    pd = pred.get("directives") or []
    gtexts = [norm(d.get("text")) for d in gd]
    ptexts = [norm(d.get("text")) for d in pd]
    dm = greedy_match(gtexts, ptexts, DIRECTIVE_THRESHOLD)
    scores.prf("directives").add(len(dm), len(pd), len(gd))
    report.directives_gold, report.directives_pred, report.directives_matched = (
        len(gd), len(pd), len(dm))
    gid_index = {d.get("id"): i for i, d in enumerate(gd)}
    pid_index = {d.get("id"): i for i, d in enumerate(pd)}
    for gi, pi in dm.items():
        g, p = gd[gi], pd[pi]
        scores.prf("directive_units").add_loose(
            [norm(text_of(u)) for u in g.get("units") or []],
            [norm(text_of(u)) for u in p.get("units") or []],
        )
        scores.prf("directive_deadlines").add_loose(
            [norm(text_of(u)) for u in g.get("deadlines") or []],
            [norm(text_of(u)) for u in p.get("deadlines") or []],
        )
        scores.acc("directive_speaker").add(
            norm(g.get("speaker")) == norm(text_of(p.get("speaker"))))
        g_parent, p_parent = g.get("parent"), p.get("parent")
        if g_parent is not None or p_parent is not None:
            want = gid_index.get(g_parent)
            got = pid_index.get(p_parent)
            scores.acc("directive_parent").add(
                want is not None and got is not None and dm.get(want) == got)

    # people: gold names deduplicated keeping the last entry, predictions keeping the first
    gold_people = {norm(x.get("name")): x for x in gold.get("people") or []}
    pred_people: dict[str, Mapping[str, Any]] = {}
    for x in pred.get("people") or []:
        pred_people.setdefault(norm(x.get("name")), x)
    hits = set(gold_people) & set(pred_people)
    scores.prf("people").add(len(hits), len(pred_people), len(gold_people))
    report.people_gold, report.people_pred, report.people_matched = (
        len(gold_people), len(pred_people), len(hits))
    for name in hits:
        scores.acc("people_title").add(
            loose_equal(gold_people[name].get("title"), pred_people[name].get("title")))
    scores.prf("people_roles").add_multisets(
        [(n, norm(r)) for n, x in gold_people.items() for r in x.get("roles") or []],
        [(n, norm(r)) for n, x in pred_people.items() for r in x.get("roles") or []],
    )

    # conveyed
    gc = [norm(text_of(x)) for x in gold.get("conveyed") or []]
    pc = [norm(text_of(x)) for x in pred.get("conveyed") or []]
    scores.prf("conveyed").add(len(greedy_match(gc, pc, CONVEYED_THRESHOLD)), len(pc), len(gc))

    # meeting
    gm = gold.get("meeting") or {}
    pm = pred.get("meeting") or {}
    scores.acc("meeting_date").add(same_date(gm.get("date"), pm.get("date")))
    scores.acc("meeting_name").add(loose_equal(gm.get("name"), pm.get("name")))
    scores.acc("meeting_organizer").add(loose_equal(gm.get("organizer"), pm.get("organizer")))

    # cleaning: every listed noise line gone (beyond the copies that are body), body kept
    pred_text = pred.get("text") or ""
    clean = norm(pred_text)
    raw_lines = Counter(norm(line) for line in raw.splitlines())
    clean_lines = Counter(norm(line) for line in pred_text.splitlines())
    listed = Counter(norm(x) for x in gold.get("noise_lines") or [])
    for s, k in listed.items():
        if not s:
            continue
        allowed = max(0, raw_lines.get(s, k) - k)
        left = clean_lines.get(s, 0)
        for i in range(k):
            scores.acc("noise_removed").add(left <= allowed + i)
    for g in gtexts:
        if g:
            scores.acc("body_kept").add(coverage(g, clean)[0] >= 0.95 if clean else False)
    scores.docs.append(report)
    return report


@dataclass(frozen=True)
class GoldDoc:
    stem: str
    gold_path: Path
    text_path: Path


def gold_documents(gold_dir: str | Path) -> list[GoldDoc]:
    """Every `X.gold.json` in `gold_dir` (sorted by file name) with its `X.txt`."""
    gdir = Path(gold_dir)
    out = []
    for gpath in sorted(gdir.glob("*.gold.json")):
        stem = gpath.name[: -len(".gold.json")]
        out.append(GoldDoc(stem, gpath, gdir / f"{stem}.txt"))
    return out


def read_raw(path: Path) -> str:
    """The document text as the scorer sees it (universal newlines, UTF-8)."""
    return path.read_text(encoding="utf-8")


def prediction_key(record: Mapping[str, Any]) -> str:
    """The document stem a record belongs to: its source path's file name, else its id."""
    src = (record.get("source") or {}).get("path") or record.get("id") or ""
    return Path(str(src)).name.split(".")[0]


def load_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    """Records of a JSONL file keyed by `prediction_key` (a later line wins)."""
    preds: dict[str, dict[str, Any]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        preds[prediction_key(rec)] = rec
    return preds


def score_predictions(
    gold_dir: str | Path, predictions: Mapping[str, Mapping[str, Any] | None]
) -> Scores:
    """Score predictions (keyed by document stem) against every gold file in `gold_dir`."""
    scores = Scores()
    docs = gold_documents(gold_dir)
    scores.documents = len(docs)
    for doc in docs:
        gold = json.loads(doc.gold_path.read_text(encoding="utf-8"))
        pred = predictions.get(doc.stem)
        if doc.stem in predictions:
            scores.predicted += 1
        score_document(read_raw(doc.text_path), gold, pred, scores)
    return scores


def format_figures(figures: Mapping[str, Any]) -> str:
    """The official scorer's plain-text report."""
    lines = [f"documents {figures['documents']}, with a prediction {figures['predicted']}"]
    for key, value in figures.items():
        if isinstance(value, dict):
            lines.append(f"{key:22s} " + "  ".join(f"{a}={b}" for a, b in value.items()))
    return "\n".join(lines)
