"""Measure the extractor against gold records in the SPEC shape.

    vn-welfare-extract eval GOLD [GOLD ...] [--pred PRED.jsonl] [--out PRED.jsonl]
                            [--show N] [--kind TYPE] [--json OUT] [--workers N]
    python -m vn_welfare_extract.evaluate GOLD ...

A GOLD directory holds ``articles.jsonl`` (one article a line: ``id``, ``published``, ``title``,
``text``) and ``gold/<id>.json`` (one record per article, SPEC shape, offsets into ``text``);
a directory of ``<id>.json`` files alone works with ``--pred``. Without GOLD the project's own
corpus is scored.

Per type it prints precision / recall / F1 at two levels, with the matching rules of the shared
development scorer (so the numbers on the development set are the same):

- span: the item was found. Dates, amounts, counts: spans overlap (greedy one-to-one matching
  by overlap length). Officials: the same person (normalised name). Policies: the same
  document (kind + number, or kind + title for unnumbered laws; years agree when both known).
- value: found AND right. Dates: ISO value (and ``end_value`` when gold has one); amounts:
  integer + currency; counts: integer; officials: a right title; policies: the issuer when gold
  names one.

When the gold has ``facts`` (SPEC section 7) they are scored too: a predicted fact is found when
it has the gold's type and shares an anchor value (an amount, a beneficiary or case number, a
speaker); it is right when every linked field the gold gives (see ``FACT_FIELDS``) agrees. Gold
records without ``facts`` take them from a facts directory (``--facts DIR``: ``<id>.json`` files
holding ``{"doc_id": .., "facts": [..]}``; by default the project's ``tests/realfacts``, the
hand-checked facts of the real development articles), matched by article id.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .wordlists import TONE_MARKS

TYPES: tuple[str, ...] = ("dates", "amounts", "counts", "officials", "policies")
# The supporting types (SPEC §6), scored only against gold records that carry them (the corpus's
# ``support/<id>.json``); not in the headline.
SUPPORT_TYPES: tuple[str, ...] = ("organizations", "locations")
KINDS: tuple[str, ...] = ("MISSED", "SPURIOUS", "WRONG")
# Fact fields compared at value level when the gold fact gives them (free text such as
# ``what`` or the quoted sentence is not compared).
FACT_FIELDS: tuple[str, ...] = ("location", "as_of", "amount", "beneficiaries", "count", "policy", "official", "approx")

Json = dict[str, Any]

# --------------------------------------------------------------------------------------------
# Comparison keys (the same folding as the shared scorer)

# Punctuation and spacing that never distinguish two names.
_PUNCT_RE = re.compile(r"[\s\-–,.&()/:;\"'“”]+")
# A title listing several posts: `Bộ trưởng, Chủ nhiệm` or `Bí thư kiêm Chủ tịch`.
_TITLE_SPLIT_RE = re.compile(r"[,;]| kiêm ")
# A trailing year on a law's title: `Luật Đất đai năm 2013` -> `luật đất đai`.
_TRAILING_YEAR_RE = re.compile(r"( năm)? \d{4}$")
_DIGITS_RE = re.compile(r"\d+")


def _syllable_key(w: str) -> str:
    """A syllable without its tone mark, plus the tone: `hoà` and `hòa` get the same key."""
    d = unicodedata.normalize("NFD", w)
    tones = "".join(sorted(c for c in d if c in TONE_MARKS))
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONE_MARKS))
    return base + tones


def norm(s: Any) -> str:
    """Comparison key: NFC, casefold, tone placement folded, punctuation and spacing folded."""
    if s is None:
        return ""
    t = unicodedata.normalize("NFC", str(s)).casefold()
    t = _PUNCT_RE.sub(" ", t).strip()
    return " ".join(_syllable_key(w) for w in t.split())


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty prediction against empty gold is perfect."""
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _span(item: Mapping[str, Any]) -> tuple[int, int] | None:
    s, e = item.get("start"), item.get("end")
    if isinstance(s, int) and "end" in item:
        return (s, e)  # type: ignore[return-value]
    return None


def _date_value(it: Mapping[str, Any]) -> tuple[str | None, str | None]:
    v: Any = it.get("value")
    ev: Any = it.get("end_value")
    if isinstance(v, dict):  # tolerate {"value": .., "end": ..}
        ev = v.get("end", ev)
        v = v.get("value", v.get("start"))
    return (str(v) if v is not None else None, str(ev) if ev is not None else None)


def _money_value(it: Mapping[str, Any]) -> tuple[Any, str]:
    cur = (it.get("currency") or "VND").upper().replace("VNĐ", "VND").replace("ĐỒNG", "VND")
    return (it.get("value"), cur)


def value_ok(kind: str, g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    """Is the predicted value right for a span-matched gold item?"""
    if kind == "dates":
        gv, gev = _date_value(g)
        pv, pev = _date_value(p)
        if gv is None:
            return pv is None
        if gv != pv:
            return False
        return gev is None or gev == pev
    if kind == "amounts":
        return _money_value(g) == _money_value(p)
    if kind == "counts":
        return bool(g.get("value") == p.get("value"))
    return False


def match_spans(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by overlap length (longest overlap first)."""
    pairs: list[tuple[int, int, int]] = []
    for i, g in enumerate(gold):
        gs = _span(g)
        if not gs:
            continue
        for j, p in enumerate(pred):
            ps = _span(p)
            if not ps:
                continue
            ov = min(gs[1], ps[1]) - max(gs[0], ps[0])
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _ov, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def titles_of(o: Mapping[str, Any]) -> set[str]:
    """Normalised titles of an official; `Bộ trưởng, Chủ nhiệm` counts as two titles."""
    out: set[str] = set()
    for t in o.get("titles") or []:
        raw = t.get("title") if isinstance(t, dict) else t
        for part in _TITLE_SPLIT_RE.split(str(raw or "")):
            k = norm(part)
            if k:
                out.add(k)
    return out


def posts_of(o: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``[(title key, organisation key)]`` for each stated post; ``A, B`` titles split as in
    ``titles_of``."""
    out: list[tuple[str, str]] = []
    for t in o.get("titles") or []:
        raw = t.get("title") if isinstance(t, dict) else t
        org = norm(t.get("organization")) if isinstance(t, dict) else ""
        for part in _TITLE_SPLIT_RE.split(str(raw or "")):
            k = norm(part)
            if k:
                out.append((k, org))
    return out


def org_ok(g: str, p: str) -> bool:
    """The same body: equal keys, or one holds the other as a contiguous run of words and adds at
    most 3 words (``Vingroup`` ~ ``Tập đoàn Vingroup``); never a bare head word against a body."""
    if g == p:
        return True
    if not g or not p:
        return False
    a, b = g.split(), p.split()
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(long_) - len(short) > 3:
        return False
    n = len(short)
    return any(long_[i : i + n] == short for i in range(len(long_) - n + 1))


def titles_match(gold: set[str], pred: set[str]) -> bool:
    """Some gold title equals a predicted one, or one is the other plus a qualifier."""
    return any(g == p or g.startswith(p + " ") or p.startswith(g + " ") for g in gold for p in pred)


def policy_key(p: Mapping[str, Any]) -> tuple[str, str]:
    """Kind + number; for an unnumbered document, kind + title without the kind word and year."""
    kind = norm(p.get("kind"))
    num = p.get("number")
    if num not in (None, ""):
        return (kind, norm(num).lstrip("0") or "0")
    title = norm(p.get("title") or p.get("name") or "")
    if title.startswith(kind + " "):
        title = title[len(kind) + 1 :]
    return (kind, _TRAILING_YEAR_RE.sub("", title))


# --------------------------------------------------------------------------------------------
# Tallies and failures


@dataclass(slots=True)
class Tally:
    gold: int = 0
    pred: int = 0
    span_tp: int = 0
    value_tp: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.span_tp += other.span_tp
        self.value_tp += other.value_tp

    def span(self) -> tuple[float, float, float]:
        return prf(self.span_tp, self.pred, self.gold)

    def value(self) -> tuple[float, float, float]:
        return prf(self.value_tp, self.pred, self.gold)

    def to_dict(self) -> Json:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "span_tp": self.span_tp,
            "value_tp": self.value_tp,
            "span": list(self.span()),
            "value": list(self.value()),
        }


@dataclass(slots=True)
class Failure:
    """One scoring failure: ``kind`` is MISSED (gold not found), SPURIOUS (prediction not in
    gold) or WRONG (found with a wrong value)."""

    doc_id: str
    type: str
    kind: str
    gold_text: Any = None
    gold_value: Any = None
    pred_text: Any = None
    pred_value: Any = None
    span: tuple[int, int] | None = None
    rule: str | None = None

    def to_dict(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "type": self.type,
            "kind": self.kind,
            "gold_text": self.gold_text,
            "gold_value": self.gold_value,
            "pred_text": self.pred_text,
            "pred_value": self.pred_value,
            "span": list(self.span) if self.span else None,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Report:
    """Scores of one gold set (or several added together)."""

    name: str
    docs: int = 0
    missing_predictions: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in TYPES})
    posts: Tally = field(default_factory=Tally)  # (name, title, organisation); not in the headline
    facts: Tally = field(default_factory=Tally)
    facts_docs: int = 0  # gold records that carry a ``facts`` list
    support: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in SUPPORT_TYPES})
    support_docs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SUPPORT_TYPES, 0))
    failures: list[Failure] = field(default_factory=list)

    @property
    def headline(self) -> float:
        """Mean value-F1 over the five types (the shared scorer's headline)."""
        return sum(self.tallies[k].value()[2] for k in TYPES) / len(TYPES)

    def add(self, other: Report) -> None:
        self.docs += other.docs
        self.missing_predictions += other.missing_predictions
        for k in TYPES:
            self.tallies[k].add(other.tallies[k])
        self.posts.add(other.posts)
        self.facts.add(other.facts)
        self.facts_docs += other.facts_docs
        for k in SUPPORT_TYPES:
            self.support[k].add(other.support[k])
            self.support_docs[k] += other.support_docs[k]
        self.failures.extend(other.failures)

    def value_f1(self) -> dict[str, float]:
        out = {k: self.tallies[k].value()[2] for k in TYPES}
        out["posts"] = self.posts.value()[2]
        if self.facts_docs:
            out["facts"] = self.facts.value()[2]
        out.update({k: self.support[k].value()[2] for k in SUPPORT_TYPES if self.support_docs[k]})
        return out

    def to_dict(self) -> Json:
        """The shared scorer's JSON shape, plus ``facts`` and ``failures``."""
        out: Json = {"docs": self.docs, "missing_predictions": self.missing_predictions}
        for k in TYPES:
            out[k] = self.tallies[k].to_dict()
        out["posts"] = self.posts.to_dict()
        out["headline_value_f1"] = self.headline
        out["facts"] = self.facts.to_dict() if self.facts_docs else None
        for k in SUPPORT_TYPES:
            out[k] = self.support[k].to_dict() if self.support_docs[k] else None
        out["failures"] = [f.to_dict() for f in self.failures]
        return out

    def table(self) -> str:
        lines = [
            f"{self.name}: {self.docs} gold docs, {self.missing_predictions} without a prediction",
            f"{'type':13} {'gold':>5} {'pred':>5}  {'span P':>6} {'span R':>6} {'span F':>6}  "
            f"{'val P':>6} {'val R':>6} {'val F':>6}",
        ]
        rows = [(k, self.tallies[k]) for k in TYPES]
        rows.append(("posts", self.posts))
        if self.facts_docs:
            rows.append(("facts", self.facts))
        rows.extend((k, self.support[k]) for k in SUPPORT_TYPES if self.support_docs[k])
        for k, x in rows:
            sp, vp = x.span(), x.value()
            lines.append(
                f"{k:13} {x.gold:5} {x.pred:5}  {sp[0]:6.3f} {sp[1]:6.3f} {sp[2]:6.3f}  {vp[0]:6.3f} {vp[1]:6.3f} {vp[2]:6.3f}"
            )
        lines.append(f"headline (mean value-F1 over 5 types): {self.headline:.3f}")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Scoring one document


def _score_spans(doc_id: str, kind: str, g: Mapping[str, Any], p: Mapping[str, Any], rep: Report) -> None:
    gl, pl = g.get(kind) or [], p.get(kind) or []
    m = match_spans(gl, pl)
    a = rep.tallies[kind]
    a.gold += len(gl)
    a.pred += len(pl)
    a.span_tp += len(m)
    for i, j in m:
        if value_ok(kind, gl[i], pl[j]):
            a.value_tp += 1
        else:
            rep.failures.append(
                Failure(doc_id, kind, "WRONG", gl[i].get("text"), gl[i].get("value"), pl[j].get("text"), pl[j].get("value"),
                        _span(gl[i]), pl[j].get("rule"))
            )
    matched_g = {i for i, _ in m}
    matched_p = {j for _, j in m}
    for i, it in enumerate(gl):
        if i not in matched_g:
            rep.failures.append(Failure(doc_id, kind, "MISSED", it.get("text"), it.get("value"), span=_span(it)))
    for j, it in enumerate(pl):
        if j not in matched_p:
            rep.failures.append(
                Failure(doc_id, kind, "SPURIOUS", pred_text=it.get("text"), pred_value=it.get("value"), span=_span(it),
                        rule=it.get("rule"))
            )


def _first_span(o: Mapping[str, Any]) -> tuple[int, int] | None:
    for m in o.get("mentions") or []:
        if isinstance(m, dict) and _span(m):
            return _span(m)
    return None


def _score_officials(doc_id: str, g: Mapping[str, Any], p: Mapping[str, Any], rep: Report) -> None:
    go = {norm(o.get("name")): o for o in g.get("officials") or []}
    plist = [o for o in p.get("officials") or [] if norm(o.get("name"))]
    po: dict[str, Any] = {}
    for o in plist:
        po.setdefault(norm(o.get("name")), o)
    a = rep.tallies["officials"]
    a.gold += len(go)
    a.pred += len(plist)  # a person listed twice costs precision
    for k, o in go.items():
        if k in po:
            a.span_tp += 1
            gt, pt = titles_of(o), titles_of(po[k])
            if titles_match(gt, pt) or (not gt and not pt):
                a.value_tp += 1
            else:
                rep.failures.append(
                    Failure(doc_id, "officials", "WRONG", o.get("name"), sorted(gt), po[k].get("name"), sorted(pt),
                            _first_span(o), po[k].get("rule"))
                )
        else:
            rep.failures.append(
                Failure(doc_id, "officials", "MISSED", o.get("name"), sorted(titles_of(o)), span=_first_span(o))
            )
    for k, o in po.items():
        if k not in go:
            rep.failures.append(
                Failure(doc_id, "officials", "SPURIOUS", pred_text=o.get("name"), pred_value=sorted(titles_of(o)),
                        span=_first_span(o), rule=o.get("rule"))
            )
    _score_posts(doc_id, go, po, rep)


def _score_posts(doc_id: str, go: Mapping[str, Any], po: Mapping[str, Any], rep: Report) -> None:
    """Who holds which post in which body: one ``(name, title, organisation)`` triple per post,
    matched one-to-one within a person (the shared scorer's ``posts`` line)."""
    a = rep.posts
    for k, o in go.items():
        gposts = posts_of(o)
        pposts = posts_of(po[k]) if k in po else []
        a.gold += len(gposts)
        used: set[int] = set()
        for gt, gorg in gposts:
            hit = None
            for j, (pt, porg) in enumerate(pposts):
                if j not in used and titles_match({gt}, {pt}):
                    if hit is None:
                        hit = j
                    if not gorg or org_ok(gorg, porg):
                        hit = j
                        break
            if hit is None:
                rep.failures.append(Failure(doc_id, "posts", "MISSED", o.get("name"), f"{gt} | {gorg}", span=_first_span(o)))
                continue
            used.add(hit)
            a.span_tp += 1
            pt, porg = pposts[hit]
            # where the post ends and the body begins may differ (`Chủ tịch HĐQT` + bank vs `Chủ tịch` + `HĐQT bank`)
            if not gorg or org_ok(gorg, porg) or f"{gt} {gorg}" == f"{pt} {porg}".strip():
                a.value_tp += 1
            else:
                rep.failures.append(
                    Failure(doc_id, "posts", "WRONG", o.get("name"), f"{gt} | {gorg}", o.get("name"), f"{pt} | {porg}",
                            _first_span(o), po[k].get("rule"))
                )
    for o in po.values():
        a.pred += len(posts_of(o))


def _score_policies(doc_id: str, g: Mapping[str, Any], p: Mapping[str, Any], rep: Report) -> None:
    gl, pl = g.get("policies") or [], p.get("policies") or []
    a = rep.tallies["policies"]
    a.gold += len(gl)
    a.pred += len(pl)  # a document listed twice costs precision
    used: set[int] = set()
    for x in gl:
        k, gy = policy_key(x), x.get("year")
        cand = [
            j
            for j, y in enumerate(pl)
            if j not in used
            and policy_key(y) == k
            and (gy is None or y.get("year") is None or str(gy) == str(y.get("year")))
        ]
        if not cand:
            rep.failures.append(Failure(doc_id, "policies", "MISSED", str(k), x.get("code"), span=_first_span(x)))
            continue
        j = cand[0]
        used.add(j)
        a.span_tp += 1
        gi, pi = norm(x.get("issuer")), norm(pl[j].get("issuer"))
        if not gi or gi == pi:
            a.value_tp += 1
        else:
            rep.failures.append(
                Failure(doc_id, "policies", "WRONG", str(k), x.get("issuer"), str(k), pl[j].get("issuer"),
                        _first_span(x), pl[j].get("rule"))
            )
    for j, y in enumerate(pl):
        if j not in used:
            rep.failures.append(
                Failure(doc_id, "policies", "SPURIOUS", pred_text=str(policy_key(y)), pred_value=y.get("code"),
                        span=_first_span(y), rule=y.get("rule"))
            )


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple, set)) else [v]


def _fact_anchors(f: Mapping[str, Any]) -> set[tuple[str, Any]]:
    """Values that identify a fact: its amount, its beneficiary or case numbers, its speaker."""
    out: set[tuple[str, Any]] = set()
    for v in _as_list(f.get("amount")):
        if isinstance(v, int):
            out.add(("amount", v))
    for key in ("beneficiaries", "count"):
        for v in _as_list(f.get(key)):
            if isinstance(v, int):
                out.add(("n", v))
    for v in _as_list(f.get("official")):
        if norm(v):
            out.add(("official", norm(v)))
    return out


def _fact_field_ok(name: str, g: Any, p: Any) -> bool:
    if name in ("beneficiaries", "amount", "count") or isinstance(g, list):
        gs = {norm(v) if isinstance(v, str) else v for v in _as_list(g)}
        ps = {norm(v) if isinstance(v, str) else v for v in _as_list(p)}
        return gs == ps
    if isinstance(p, list):  # a predicted list holds the gold value
        return any(_fact_field_ok(name, g, x) for x in p)
    if isinstance(g, str):
        if norm(g) == norm(p):
            return True
        if name == "policy":  # `Nghị quyết 68` ~ `68/NQ-CP`: the same document number
            gd, pd = _DIGITS_RE.findall(g), _DIGITS_RE.findall(str(p or ""))
            return bool(gd) and gd[:1] == pd[:1]
        return False
    return bool(g == p)


def fact_wrong_fields(g: Mapping[str, Any], p: Mapping[str, Any]) -> list[str]:
    """The linked fields the gold fact gives that the prediction gets wrong."""
    return [k for k in FACT_FIELDS if g.get(k) not in (None, [], "") and not _fact_field_ok(k, g[k], p.get(k))]


def _fact_summary(f: Mapping[str, Any]) -> Json:
    return {k: f[k] for k in ("type", *FACT_FIELDS) if f.get(k) not in (None, [], "")}


def _one_to_one(pairs: Sequence[tuple[Any, ...]]) -> tuple[dict[int, int], set[int]]:
    """Greedy one-to-one matching of candidate pairs ``(*score, -j, -i)`` (gold ``i``, prediction
    ``j``), best score first (ties: earlier prediction, then earlier gold): gold -> prediction in
    matching order, and the matched predictions."""
    used_g: dict[int, int] = {}
    used_p: set[int] = set()
    for *_score, negj, negi in sorted(pairs, reverse=True):
        i, j = -negi, -negj
        if i not in used_g and j not in used_p:
            used_g[i] = j
            used_p.add(j)
    return used_g, used_p


def _score_facts(doc_id: str, g: Mapping[str, Any], p: Mapping[str, Any], rep: Report) -> None:
    if "facts" not in g or g.get("facts") is None:
        return
    rep.facts_docs += 1
    gl, pl = g.get("facts") or [], p.get("facts") or []
    a = rep.facts
    a.gold += len(gl)
    a.pred += len(pl)
    # Most shared anchors first, then fewest wrong fields (two statements by one official
    # pair by their dates), then document order.
    pairs: list[tuple[int, int, int, int]] = []
    for i, x in enumerate(gl):
        ga = _fact_anchors(x)
        for j, y in enumerate(pl):
            if norm(x.get("type")) != norm(y.get("type")):
                continue
            shared = len(ga & _fact_anchors(y))
            if shared:
                pairs.append((shared, -len(fact_wrong_fields(x, y)), -j, -i))
    used_g, used_p = _one_to_one(pairs)
    for i, j in used_g.items():
        a.span_tp += 1
        wrong = fact_wrong_fields(gl[i], pl[j])
        if not wrong:
            a.value_tp += 1
        else:
            rep.failures.append(
                Failure(doc_id, "facts", "WRONG", gl[i].get("type"), {k: gl[i].get(k) for k in wrong},
                        pl[j].get("type"), {k: pl[j].get(k) for k in wrong}, rule=pl[j].get("rule"))
            )
    for i, x in enumerate(gl):
        if i not in used_g:
            rep.failures.append(Failure(doc_id, "facts", "MISSED", x.get("type"), _fact_summary(x)))
    for j, y in enumerate(pl):
        if j not in used_p:
            sent = y.get("sentence") if isinstance(y.get("sentence"), dict) else {}
            rep.failures.append(
                Failure(doc_id, "facts", "SPURIOUS", pred_text=y.get("type"), pred_value=_fact_summary(y),
                        span=_span(sent) if sent else None, rule=y.get("rule"))
            )


def _support_ok(kind: str, g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    """Right: the same normalised name; a location also at the same level, with the same code
    when the gold gives one."""
    if norm(g.get("name")) != norm(p.get("name")):
        return False
    return kind != "locations" or (g.get("level") == p.get("level") and g.get("code") in (None, p.get("code")))


def _score_support(doc_id: str, kind: str, g: Mapping[str, Any], p: Mapping[str, Any], rep: Report) -> None:
    """Organisations and locations are entities with mentions: found when a predicted entity
    shares a mention span (overlap) with the gold one (one-to-one, most shared mentions first,
    then a right one first), right when ``_support_ok``."""
    if g.get(kind) is None:
        return
    rep.support_docs[kind] += 1
    gl, pl = g.get(kind) or [], p.get(kind) or []
    a = rep.support[kind]
    a.gold += len(gl)
    a.pred += len(pl)
    pairs: list[tuple[int, bool, int, int]] = []
    for i, x in enumerate(gl):
        for j, y in enumerate(pl):
            shared = sum(1 for m in x.get("mentions") or [] for n in y.get("mentions") or []
                         if (s := _span(m)) and (t := _span(n)) and s[0] < t[1] and t[0] < s[1])
            if shared:
                pairs.append((shared, _support_ok(kind, x, y), -j, -i))
    used_g, used_p = _one_to_one(pairs)
    for i, j in used_g.items():
        a.span_tp += 1
        if _support_ok(kind, gl[i], pl[j]):
            a.value_tp += 1
        else:
            rep.failures.append(Failure(doc_id, kind, "WRONG", gl[i].get("name"), gl[i].get("level"), pl[j].get("name"),
                                        pl[j].get("level"), _first_span(gl[i]), pl[j].get("rule")))
    for i, x in enumerate(gl):
        if i not in used_g:
            rep.failures.append(Failure(doc_id, kind, "MISSED", x.get("name"), x.get("level"), span=_first_span(x)))
    for j, y in enumerate(pl):
        if j not in used_p:
            rep.failures.append(Failure(doc_id, kind, "SPURIOUS", pred_text=y.get("name"), pred_value=y.get("level"),
                                        span=_first_span(y), rule=y.get("rule")))


def score_doc(doc_id: str, gold: Mapping[str, Any], pred: Mapping[str, Any], rep: Report) -> None:
    """Add one article's comparison to ``rep``."""
    for kind in ("dates", "amounts", "counts"):
        _score_spans(doc_id, kind, gold, pred, rep)
    _score_officials(doc_id, gold, pred, rep)
    _score_policies(doc_id, gold, pred, rep)
    _score_facts(doc_id, gold, pred, rep)
    for kind in SUPPORT_TYPES:
        _score_support(doc_id, kind, gold, pred, rep)


def score(gold: Mapping[str, Mapping[str, Any]], preds: Mapping[str, Mapping[str, Any]], name: str = "gold") -> Report:
    """Score predictions (records keyed by doc id) against gold records keyed by doc id.
    A gold article without a prediction counts as an empty record."""
    rep = Report(name)
    for gid, g in gold.items():
        p = preds.get(gid)
        if p is None:
            rep.missing_predictions += 1
            p = {}
        rep.docs += 1
        score_doc(gid, g, p, rep)
    return rep


# --------------------------------------------------------------------------------------------
# Loading gold and predictions


def load_gold(gold_dir: str | os.PathLike[str]) -> dict[str, Json]:
    """Every ``<id>.json`` in ``gold_dir`` (a ``<id>.resolved.json`` beside it wins), keyed by
    ``doc_id`` (or ``id``)."""
    out: dict[str, Json] = {}
    files = sorted(glob.glob(os.path.join(os.fspath(gold_dir), "*.json")))
    resolved = {f for f in files if f.endswith(".resolved.json")}
    for f in files:
        if f not in resolved and f.replace(".json", ".resolved.json") in resolved:
            continue
        with open(f, encoding="utf-8") as fh:
            g = json.load(fh)
        gid = g.get("doc_id") or g.get("id")
        g["id"] = gid
        out[gid] = g
    return out


def load_jsonl(path: str | os.PathLike[str]) -> list[Json]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_predictions(path: str | os.PathLike[str]) -> dict[str, Json]:
    """Records from a JSONL file keyed by ``doc_id`` (or ``id``); a later line wins."""
    return {_doc_key(r): r for r in load_jsonl(path)}


def _doc_key(r: Mapping[str, Any]) -> str:
    return str(r.get("doc_id") or r.get("id"))


@dataclass(slots=True)
class GoldSet:
    name: str
    gold: dict[str, Json]
    articles: list[Json]  # empty when the directory has no articles.jsonl


def open_gold_set(path: str | os.PathLike[str]) -> GoldSet:
    """A directory in the dev layout (``articles.jsonl`` + ``gold/``), or a directory of gold
    records alone (then predictions must come from ``--pred``)."""
    d = Path(path)
    if not d.is_dir():
        raise FileNotFoundError(f"{d}: not a directory (expected articles.jsonl and gold/<id>.json)")
    gold_dir = d / "gold" if (d / "gold").is_dir() else d
    gold = load_gold(gold_dir)
    if not gold:
        raise FileNotFoundError(f"{gold_dir}: no gold records (<id>.json)")
    if (d / "support").is_dir():
        add_support(gold, d / "support")
    arts = load_jsonl(d / "articles.jsonl") if (d / "articles.jsonl").is_file() else []
    name = d.name if d.name != "gold" else d.parent.name
    return GoldSet(name or str(d), gold, arts)


def default_corpus() -> Path | None:
    """The project's own annotated corpus: shipped in the package, or beside the source tree."""
    here = Path(__file__).resolve().parent
    for cand in (here / "corpus", here.parents[1] / "corpus"):
        if (cand / "articles.jsonl").is_file() and (cand / "gold").is_dir():
            return cand
    return None


def default_realfacts() -> Path | None:
    """The project's hand-checked facts of the real development articles (beside the source tree)."""
    cand = Path(__file__).resolve().parents[2] / "tests" / "realfacts"
    return cand if cand.is_dir() else None


def load_facts(facts_dir: str | os.PathLike[str]) -> dict[str, list[Json]]:
    """Gold facts by article id from ``<id>.json`` files (``doc_id`` and ``facts``)."""
    out: dict[str, list[Json]] = {}
    for f in sorted(Path(facts_dir).glob("*.json")):
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        if isinstance(d, dict) and isinstance(d.get("facts"), list):
            out[str(d.get("doc_id") or d.get("id") or f.stem)] = d["facts"]
    return out


def add_facts(gold: dict[str, Json], facts: Mapping[str, list[Json]]) -> int:
    """Give gold records without a ``facts`` list the facts annotated for their id; returns how
    many records took some."""
    n = 0
    for gid, g in gold.items():
        if g.get("facts") is None and gid in facts:
            g["facts"] = facts[gid]
            n += 1
    return n


def add_support(gold: dict[str, Json], support_dir: str | os.PathLike[str]) -> int:
    """Give gold records the ``organizations`` and ``locations`` annotated apart for their id
    (``<id>.json`` files: ``doc_id`` plus those lists); returns how many records took some."""
    n = 0
    for f in sorted(Path(support_dir).glob("*.json")):
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        g = gold.get(str(d.get("doc_id") or f.stem))
        if g is not None:
            for k in SUPPORT_TYPES:
                if isinstance(d.get(k), list) and g.get(k) is None:
                    g[k] = d[k]
            n += 1
    return n


def predict(articles: Iterable[Mapping[str, Any]], extractor: Any = None, workers: int = 1) -> dict[str, Json]:
    """Run the extractor over articles (``id``, ``published``, ``text``) -> records by doc id."""
    if extractor is None:
        from .api import default_extractor

        extractor = default_extractor()
    arts = [{"text": a.get("text") or "", "doc_id": _doc_key(a), "published": a.get("published")} for a in articles]
    out: dict[str, Json] = {}
    for a, rec in zip(arts, extractor.extract_many(arts, workers=workers), strict=True):
        key = str(a["doc_id"])
        d = rec.to_dict()
        if d.get("doc_id") is None:
            d["doc_id"] = key
        out[key] = d
    return out


def evaluate(
    gold_dirs: Sequence[str | os.PathLike[str]],
    *,
    preds: Mapping[str, Mapping[str, Any]] | None = None,
    extractor: Any = None,
    workers: int = 1,
    facts: Mapping[str, list[Json]] | None = None,
) -> tuple[list[Report], dict[str, Json]]:
    """Score each gold directory; returns one report per directory and the predictions used.
    ``facts`` (gold facts by article id) fills gold records that carry no ``facts`` list."""
    reports: list[Report] = []
    used: dict[str, Json] = {}
    for gd in gold_dirs:
        gs = open_gold_set(gd)
        if facts:
            add_facts(gs.gold, facts)
        if preds is not None:
            p: Mapping[str, Mapping[str, Any]] = preds
        else:
            if not gs.articles:
                raise FileNotFoundError(f"{gd}: no articles.jsonl to run the extractor on (or give --pred)")
            p = predict(gs.articles, extractor, workers)
        used.update({k: dict(v) for k, v in p.items() if k in gs.gold})
        reports.append(score(gs.gold, p, gs.name))
    return reports, used


def check_floors(name: str, scores: Mapping[str, float], floors: Mapping[str, float]) -> list[str]:
    """One message per type whose value-F1 is below its floor, naming the type and the drop."""
    out: list[str] = []
    for kind, floor in floors.items():
        got = scores.get(kind)
        if got is None:
            out.append(f"{name} {kind}: no score (floor {floor:.3f})")
        elif got < floor - 1e-9:
            out.append(f"{name} {kind}: value-F1 {got:.3f} is below its floor {floor:.3f} (drop {floor - got:.3f})")
    return out


def raised_floors(scores: Mapping[str, float], floors: Mapping[str, float], margin: float = 0.01) -> dict[str, float]:
    """New floors: current score minus ``margin`` (rounded down to 3 places), never lower than before."""
    out = dict(floors)
    for kind, got in scores.items():
        cand = max(0.0, int((got - margin) * 1000) / 1000)
        out[kind] = max(floors.get(kind, 0.0), cand)
    return out


# --------------------------------------------------------------------------------------------
# Command line


def _short(v: Any, n: int = 70) -> str:
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 1] + "…"


def format_failures(failures: Sequence[Failure], show: int, type_filter: str | None = None,
                    texts: Mapping[str, str] | None = None) -> str:
    """Up to ``show`` failures of each kind (MISSED, SPURIOUS, WRONG), with context when the
    article text is known."""
    lines: list[str] = []
    for kind in KINDS:
        sel = [f for f in failures if f.kind == kind and (type_filter is None or f.type == type_filter)]
        if not sel:
            continue
        label = {"MISSED": "missed (in gold, not found)", "SPURIOUS": "spurious (found, not in gold)",
                 "WRONG": "wrong value (found, value differs)"}[kind]
        lines.append(f"\n{label}: {len(sel)}" + (f" (showing {min(show, len(sel))})" if len(sel) > show else ""))
        for f in sel[:show]:
            if kind == "MISSED":
                what = f"{_short(f.gold_text)} = {_short(f.gold_value)}"
            elif kind == "SPURIOUS":
                what = f"{_short(f.pred_text)} = {_short(f.pred_value)}"
            else:
                what = f"{_short(f.gold_text)}: gold {_short(f.gold_value)} / got {_short(f.pred_value)}"
                if f.pred_text != f.gold_text and f.type in ("dates", "amounts", "counts"):
                    what += f" (span {_short(f.pred_text, 40)!r})"
            rule = f" [{f.rule}]" if f.rule else ""
            lines.append(f"  {f.doc_id} {f.type:9} {what}{rule}")
            text = (texts or {}).get(f.doc_id)
            if text and f.span:
                s, e = f.span
                ctx = text[max(0, s - 40) : s] + "[" + text[s:e] + "]" + text[e : e + 40]
                lines.append("      … " + ctx.replace("\n", " ") + " …")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="vn-welfare-extract eval",
        description="Score the extractor (or a prediction file) against gold records in the SPEC shape.",
    )
    ap.add_argument("gold", nargs="*", help="directories with articles.jsonl and gold/<id>.json (default: the project corpus)")
    ap.add_argument("--pred", help="score this JSONL of records instead of running the extractor")
    ap.add_argument("--out", help="write the predictions that were scored to this JSONL file")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="list up to N failures of each kind")
    ap.add_argument("--kind", choices=(*TYPES, "posts", "facts", *SUPPORT_TYPES), help="list failures of this type only")
    ap.add_argument("--json", metavar="OUT", help="write the scores (and failures) as JSON")
    ap.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    ap.add_argument("--facts", metavar="DIR",
                    help="gold facts (<id>.json) for gold records without a facts list "
                         "(default: the project's tests/realfacts when present; 'none' to skip)")
    return ap


def main(argv: list[str] | None = None) -> int:
    a = build_parser().parse_args(argv)
    gold_dirs: list[str] = list(a.gold)
    if not gold_dirs:
        c = default_corpus()
        if c is None:
            print("eval: no GOLD directory given and the project corpus was not found", file=sys.stderr)
            return 2
        gold_dirs = [str(c)]
    try:
        preds = load_predictions(a.pred) if a.pred else None
        facts_dir = a.facts if a.facts is not None else default_realfacts()
        facts = load_facts(facts_dir) if facts_dir is not None and str(facts_dir) != "none" else None
        reports, used = evaluate(gold_dirs, preds=preds, workers=a.workers, facts=facts)
    except (FileNotFoundError, json.JSONDecodeError) as e:
        print(f"eval: {e}", file=sys.stderr)
        return 2
    texts: dict[str, str] = {}
    for gd in gold_dirs:
        art = Path(gd) / "articles.jsonl"
        if art.is_file():
            texts.update({_doc_key(x): x.get("text") or "" for x in load_jsonl(art)})
    total = Report("all")
    for rep in reports:
        total.add(rep)
        print(rep.table())
        if a.show:
            print(format_failures(rep.failures, a.show, a.kind, texts))
        print()
    if len(reports) > 1:
        print(total.table())
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            for r in used.values():
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if a.json:
        out = {"sets": {r.name: r.to_dict() for r in reports}, "all": total.to_dict()}
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
