"""The coverage audit: what the extractor leaves on the table in an archive.

Without gold for every article nobody can tell what the library misses; this module looks for
*uncovered candidates* — text that looks like something the library extracts but is not inside
an item — over a whole archive, and groups them into patterns so that a reviewer can decide,
group by group, "real miss" or "right to skip".

    vn-welfare-extract audit ARCHIVE [--top N] [--json OUT] [--html OUT] [--workers N]

Families (``FAMILIES``; each candidate has a family, a group key, offsets into the original text):

- ``numbers``: a number token not inside any item, grouped by the (one or two) words after it
  (``N giảng viên``) or, when punctuation follows, the word before it (``thi: N``);
- ``dates``: a date-like token not inside a date (``24-7``, ``thứ Hai``, ``14h30``, ``quý này``);
- ``money``: a number with a money word (currency, ``k``, or ``triệu``/``tỷ``) not inside an amount
  (nor, for a bare ``triệu``/``tỷ``, a count);
- ``policies``: a document-kind word followed by a number, code or capitalised title not inside a
  policy mention;
- ``officials``: a name-like capitalised sequence (a family name and 1-3 capitalised syllables)
  next to a post word (``Chủ tịch``, ``Giám đốc`` …) not inside an official's mention (nor an
  organisation or a place: ``Trường THPT Nguyễn Trãi`` is not a person);
- ``posts_no_org``: an official's post whose organisation is empty, grouped by the post;
- ``dropped``: items the resolver removed, grouped by type, the item's rule and the resolver step.

Besides the groups, items per 1,000 words per type are set beside the archive's median, and the
articles with the most uncovered candidates per 1,000 words are listed (types far below the
median flagged), so an article where nothing was found that should have been stands out.

Layout: ``inspect_document`` runs in the batch workers (``BatchOptions.inspect``: the batch
runner's pool, chunking, timeouts and crash handling are reused as they are); ``Audit``
aggregates in the parent with bounded memory (per group: counts and a few examples; per type:
a density histogram; a top-K heap of outlier articles); ``render_html`` / ``render_markdown``
write the reports. The JSON shape is documented in ``docs/audit.md``.
"""

from __future__ import annotations

import argparse
import heapq
import html
import json
import logging
import os
import re
import signal
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from .io.docs import InputDoc
from .io.readers import FieldMap
from .io.sinks import DocResult
from .lexicons import load_table
from .model import ITEM_LISTS, Record
from .resolve import Dropped, _Blocker
from .text import PLAIN_UPPER
from .wordlists import alternation

AUDIT_VERSION = 1

FAMILIES: dict[str, str] = {
    "numbers": "numbers not inside any item, by the word(s) after them (or the word before them)",
    "dates": "date-like tokens not inside a date",
    "money": "money words near a number not inside an amount",
    "policies": "document-kind words + number/code/title not inside a policy",
    "officials": "name-like capitalised sequences next to a post word not inside an official",
    "posts_no_org": "officials' posts whose organisation is empty",
    "dropped": "items the resolver dropped, by type, item rule and resolver step",
}

CONTEXT = 40  # characters of context either side of an example
MIN_WORDS_OUTLIER = 150  # shorter articles are not ranked as outliers (too few words to judge)
LOW_FACTOR = 0.25  # a type is "low" in an article below this share of the archive median
MISSING_AT = 3  # a type is "missing" in an article with no item of it and this many candidates of its family
# The item type each family's candidates would have been.
FAMILY_TYPE = {"dates": "dates", "money": "amounts", "policies": "policies", "officials": "officials"}

Candidate = tuple[str, str, int, int, str, str]  # family, group, start, end, text, context


@dataclass(slots=True)
class Findings:
    """One document's audit, computed in the worker and sent to the parent."""

    words: int
    counts: tuple[int, ...]  # items per type, in ``ITEM_LISTS`` order
    candidates: list[Candidate]


# ---------------------------------------------------------------- patterns (compiled once)
#
# Stdlib ``re`` is several times faster than ``regex`` on these alternations, so the scans run
# case-sensitively on a lower-cased copy of the text (``_lower``: same length, so offsets hold);
# only the name scan needs case and runs on the text itself with an explicit upper-case class.

# A number token: digits with . or , groups; not glued to letters (COVID-19, U23, 5G), to ``:``
# (60:40) or part of a d/m or d-m shape or a code (24-7, 68/NQ-CP), which other families see.
_NUM = r"\d+(?:[.,]\d+)*"
_NUMBER_RE = re.compile(r"(?<![\w./\-:])" + _NUM + r"(?![\w/:]|[.,\-]\d|-\w)%?")
# A phone number: 0xx(x) or 1800/1900 then 2-3 groups of digits (0912 345 678, 1900 54 54 26);
# listed as one ``phone number`` candidate, not as three numbers.
_PHONE_RE = re.compile(r"(?<![\w.,])(?:0\d{2,3}|1[89]00)(?:[ .]\d{2,4}){2,3}(?![\w]|[.,]\d)")
# The word(s) after a number: one syllable, or two when both are lowercase words.
_NEXT_RE = regex.compile(r"[ ]+(\p{Ll}+(?:[ ]\p{Ll}+(?![\w]))?|\p{Lu}\w*|\d)")
_PREV_RE = regex.compile(r"(\w+[:]?)[ ]*\Z")

# Date-like shapes (on the lower-cased text): d/m, d-m, d/m/y with a valid day and month (not a
# percentage); d.m.yyyy; clock times; weekdays; bare ngày/tháng/năm/quý N; relative words.
_DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dm", re.compile(r"(?<![\w./\-:])(?:[12]\d|3[01]|0?[1-9])[/\-](?:1[0-2]|0?[1-9])(?:[/\-](?:\d{4}|\d{2}))?(?![\w/\-%]|[.,]\d| ?%)")),
    ("dmy_dots", re.compile(r"(?<![\w.])\d{1,2}\.\d{1,2}\.\d{4}(?!\w|[.,]\d)")),
    ("time", re.compile(r"(?<![\w.:])\d{1,2}(?:h\d{2}|h(?!\w)|:\d{2}(?::\d{2})?(?!\d)| giờ(?: \d{1,2}(?: phút)?)?(?!\w))")),
    # thứ 2..7 is a weekday only before a date or ``tuần`` (else an ordinal: lần thứ 2); the
    # spelled days are checked for a capital in the original (``thứ ba`` is "third")
    ("weekday", re.compile(r"(?<!\w)(?:thứ (?:hai|ba|tư|năm|sáu|bảy)|thứ [2-7](?= ?[,(]? ?(?:ngày )?\d{1,2}[/\-]\d| tuần)|chủ nhật)(?!\w)")),
    ("bare", re.compile(r"(?<!\w)(?:ngày \d{1,2}|tháng \d{1,2}|năm \d{4}|quý (?:[1-4]|iv|i{1,3}))(?!\w)")),
    (
        "relative",
        re.compile(
            r"(?<!\w)(?:hôm (?:nay|qua|kia)|ngày (?:mai|kia|hôm qua|hôm nay)"
            r"|(?:sáng|trưa|chiều|tối|đêm) (?:nay|qua|mai|hôm qua|hôm nay|cùng ngày)"
            r"|(?:tuần|tháng|quý|năm) (?:này|trước|tới|sau|qua|nay|ngoái)"
            r"|(?:cuối|đầu|giữa) (?:tuần|tháng|quý|năm)(?: (?:này|nay|trước|tới|sau|qua|ngoái))?"
            r"|dịp tết|tết nguyên đán)(?!\w)"
        ),
    ),
)
_DIGITS_RE = re.compile(r"\d+")

_SCALES = r"nghìn|ngàn|triệu|tỷ|tỉ|trăm"
# Words after ``đồng`` that make it a different word (đồng chí, đồng hồ, đồng bào ...).
_NOT_DONG = r"(?! (?:chí|hồ|bào|nghiệp|đội|ruộng|bằng|thời|ý|loạt|tình|hành|lòng|phục))"


@cache
def _money_re() -> re.Pattern[str]:
    """A number, optional scale words, then an optional currency word (``data/currencies.tsv``,
    ``k``): kept as a candidate only with a currency or a ``triệu``/``tỷ`` scale."""
    surfaces = sorted({r["surface"].lower() for r in load_table("currencies")} | {"k"}, key=len, reverse=True)
    cur = "|".join(re.escape(s) + (_NOT_DONG if s == "đồng" else "") for s in surfaces)
    return re.compile(
        r"(?<![\w./\-])" + _NUM + r"(?P<scale>(?: ?(?:" + _SCALES + r")(?!\w))*)"
        r"(?: ?(?P<cur>" + cur + r")(?!\w))?"
    )


@cache
def _policy_re() -> re.Pattern[str]:
    """A document kind (``data/document_kinds.tsv``), optional ``số``, then a number/code or a
    word (a title when it is capitalised in the original, checked by the caller)."""
    kinds = alternation(r["word"].lower() for r in load_table("document_kinds"))
    return re.compile(r"(?<!\w)(?P<kind>" + kinds + r")(?P<so> số)? +(?P<ref>\d[\w/.\-]*\w|\d|\w+)")


@cache
def _kind_forms() -> dict[str, tuple[str, str]]:
    """Lower-cased kind word -> (canonical kind, form)."""
    return {r["word"].lower(): (r["kind"], r["form"]) for r in load_table("document_kinds")}


@cache
def _post_re() -> re.Pattern[str]:
    """Post words (``data/titles.tsv`` kinds post/appos), optional ``phó``; never ``đại sứ quán``."""
    posts = alternation(r["title"].lower() for r in load_table("titles") if r["kind"] in ("post", "appos"))
    return re.compile(r"(?<!\w)(?:phó )?(?P<post>" + posts + r")(?!\w)(?! quán)")


@cache
def _post_canon() -> dict[str, str]:
    return {r["title"].lower(): r["canonical"] for r in load_table("titles") if r["kind"] in ("post", "appos")}


@cache
def _name_re() -> re.Pattern[str]:
    """A family name (``data/family_names.tsv``) and 1-3 capitalised syllables (on the original)."""
    fams = alternation(r["family"] for r in load_table("family_names"))
    return re.compile(r"(?<!\w)(?:" + fams + r")(?: [" + PLAIN_UPPER + r"]\w*){1,3}(?!\w)")


# A name after these words names a school, a street, a place or a prize, not a person.
_PLACE_BEFORE_RE = re.compile(
    r"(?:thpt|thcs|ptdtnt|trường|tiểu học|chuyên|đường|phố|quận|huyện|tỉnh|xã|phường|tp\.?|khu|làng|cúp|giải|quỹ"
    r"|công ty|tập đoàn|lăng|đền|chùa|cầu|bệnh viện) \Z"
)


_CLAUSE_END_RE = re.compile(r"[.;!?\n]")
_POST_WINDOW = 80  # characters between a post word and a name after it, within one clause
_AFTER_NAME_RE = re.compile(r" *(?:,|-|–|\() *\Z")


# ---------------------------------------------------------------- worker side


def inspect_document(doc: InputDoc, rec: Record, dropped: list[Dropped]) -> Findings:
    """The batch hook (``BatchOptions.inspect``): one document's uncovered candidates."""
    return find_candidates(doc.text or "", rec, dropped)


def find_candidates(text: str, rec: Record, dropped: Sequence[Dropped] = ()) -> Findings:
    """Every uncovered candidate of one article, given its record (offsets into ``text``)."""
    spans: dict[str, list[tuple[int, int]]] = {
        "dates": [(d.start, d.end) for d in rec.dates],
        "counts": [(c.start, c.end) for c in rec.counts],
        "amounts": [(a.start, a.end) for a in rec.amounts],
    }
    for kind in ("policies", "officials", "organizations", "locations"):
        spans[kind] = [(m.start, m.end) for it in getattr(rec, kind) for m in it.mentions]
    everything = _Blocker([sp for v in spans.values() for sp in v])
    policy = spans["policies"]
    cover = {
        "dates": _Blocker(spans["dates"] + policy),
        "money": _Blocker(spans["amounts"] + policy),
        "money_scale": _Blocker(spans["amounts"] + spans["counts"] + policy),
        "policies": _Blocker(policy),
        "officials": _Blocker(spans["officials"] + spans["organizations"] + spans["locations"]),
    }
    out: list[Candidate] = []
    low = _lower(text)

    def add(family: str, group: str, s: int, e: int) -> None:
        ctx = text[max(0, s - CONTEXT) : e + CONTEXT].replace("\n", " ")
        out.append((family, group, s, e, text[s:e], ctx))

    for name, rx in _DATE_RES:
        for m in rx.finditer(low):
            s, e = m.span()
            if name == "weekday" and not (text[e - 1].isdigit() or text[s + 4].isupper() or text[s] == "C"):
                continue  # thứ ba: "third"; thứ Ba / Chủ nhật: a weekday
            if name == "time" and "H" in text[s:e]:
                continue  # 4W-1H, 1H2025: not a clock time
            if not cover["dates"].hits(s, e):
                group = _date_group(name, m.group())
                if name == "dm":  # 4-5 tháng, 1/3 dân số: a range or a ratio, shown with its noun
                    group += _next_word(text, e, " ")
                add("dates", group, s, e)
    for m in _money_re().finditer(low):
        scale, cur = m.group("scale").split(), m.group("cur")
        big = [w for w in scale if w in ("triệu", "tỷ", "tỉ")]
        if (not cur and not big) or (cur == "k" and text[m.start("cur")] == "K"):
            continue  # 5K (the epidemic rules), 4K (screens) are not thousands
        s, e = m.span()
        if not (cover["money"] if cur else cover["money_scale"]).hits(s, e):
            scale_word = " " + big[-1].replace("tỉ", "tỷ") if big else ""
            add("money", "N" + scale_word + (" " + _money_word(text[m.start("cur") : m.end("cur")]) if cur else _next_word(text, e, " ")), s, e)
    forms = _kind_forms()
    for m in _policy_re().finditer(low):
        kind, form = forms.get(m.group("kind"), (m.group("kind"), "number"))
        ref = m.group("ref")
        if ref[0].isdigit():
            shape = "số N" if m.group("so") else ("code" if any(c in ref for c in "/-") else "N")
        elif form == "code" or not text[m.start()].isupper() or not text[m.start("ref")].isupper():
            continue
        else:
            shape = "Title"
        s, e = m.span()
        if not cover["policies"].hits(s, e):
            add("policies", f"{kind} + {shape}", s, e)
    _officials(text, low, rec, cover["officials"], add)
    for m in _PHONE_RE.finditer(text):
        s, e = m.span()
        if not everything.hits(s, e):
            add("numbers", "phone number", s, e)
    listed = _Blocker([(c[2], c[3]) for c in out])  # a number another family listed is not listed twice
    for m in _NUMBER_RE.finditer(text):
        s, e = m.span()
        if not everything.hits(s, e) and not listed.hits(s, e):
            add("numbers", _number_group(text, s, e), s, e)
    for d in dropped:
        it = d.item
        add("dropped", f"{d.kind}:{getattr(it, 'rule', '') or '?'} ({d.rule})", it.start, it.end)
    counts = tuple(len(getattr(rec, k)) for k in ITEM_LISTS)
    return Findings(len(text.split()), counts, out)


def _next_word(text: str, e: int, sep: str = "") -> str:
    """The word(s) after offset ``e`` as a group key part: lowercase words as written, a
    capitalised word as ``Xxx``, a digit as ``N``; "" when punctuation follows."""
    nxt = _NEXT_RE.match(text, e)
    if nxt is None:
        return ""
    w = nxt.group(1)
    return sep + ("N" if w.isdigit() else "Xxx" if w[0].isupper() else w)


def _number_group(text: str, s: int, e: int) -> str:
    pct = "%" if text[e - 1] == "%" else ""
    nxt = _next_word(text, e, " ")
    if nxt:
        return f"N{pct}{nxt}"
    prev = _PREV_RE.search(text, max(0, s - 40), s)
    if prev is not None and not prev.group(1)[0].isdigit():
        return f"{prev.group(1).lower()} N{pct}"
    return f"N{pct}"


def _date_group(name: str, surface: str) -> str:
    if name in ("dm", "dmy_dots", "time"):
        return str(_DIGITS_RE.sub("N", surface))
    if name == "weekday":
        return "thứ N" if surface[-1].isdigit() else ("chủ nhật" if surface.lower().startswith("chủ") else "thứ Day")
    if name == "bare":
        return str(_DIGITS_RE.sub("N", surface.lower()))
    return " ".join(surface.lower().split())


def _money_word(cur: str) -> str:
    return cur if cur.isupper() else cur.lower()


def _lower(text: str) -> str:
    """``text.lower()`` when that keeps every offset (almost always), else per character."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _officials(text: str, low: str, rec: Record, cover: _Blocker, add: Any) -> None:
    posts = [(m.start(), m.end(), m.group("post")) for m in _post_re().finditer(low)]
    if posts:
        ends = [p[1] for p in posts]
        starts = [p[0] for p in posts]
        canon = _post_canon()
        for m in _name_re().finditer(text):
            s, e = m.span()
            if cover.hits(s, e) or _PLACE_BEFORE_RE.search(low, max(0, s - 12), s):
                continue
            group = None
            k = bisect_right(ends, s) - 1  # the nearest post ending before the name
            if k >= 0 and s - ends[k] <= _POST_WINDOW and not _CLAUSE_END_RE.search(text, ends[k], s):
                group = f"{canon.get(posts[k][2], posts[k][2])} … Name"
            else:
                j = bisect_left(starts, e)  # a post right after the name: "Nguyễn Văn A, Giám đốc"
                if j < len(posts) and posts[j][0] - e <= 4 and _AFTER_NAME_RE.match(text, e, posts[j][0]):
                    group = f"Name, {canon.get(posts[j][2], posts[j][2])}"
            if group is not None:
                add("officials", group, s, e)
    for o in rec.officials:
        if not o.mentions:
            continue
        m0 = o.mentions[0]
        for t in o.titles:
            if not t.organization:
                add("posts_no_org", t.title, m0.start, m0.end)


# ---------------------------------------------------------------- aggregation (parent side)


@dataclass(slots=True)
class _Group:
    count: int = 0
    documents: int = 0
    last_doc: int = -1
    examples: list[dict[str, Any]] = field(default_factory=list)


class Audit:
    """Aggregates ``Findings`` document by document with bounded memory: per group its count,
    documents and ``examples`` examples (from distinct documents); per type a histogram of items
    per 1,000 words (0.1 bins); the ``outliers`` articles with the most uncovered candidates per
    1,000 words (a heap)."""

    def __init__(self, examples: int = 3, outliers: int = 20) -> None:
        self.n_examples = examples
        self.n_outliers = outliers
        self.groups: dict[tuple[str, str], _Group] = {}
        self.family_totals: dict[str, list[int]] = {f: [0, 0] for f in FAMILIES}  # candidates, documents
        self.hist: dict[str, dict[int, int]] = {t: {} for t in ITEM_LISTS}
        self.heap: list[tuple[float, int, str, int, tuple[int, ...], dict[str, int]]] = []
        self.documents = 0
        self.ok = 0
        self.errors = 0
        self.words = 0
        self.items = [0] * len(ITEM_LISTS)

    def add_result(self, r: DocResult) -> None:
        """``run_batch``'s ``on_result`` callback; a failed document only counts as an error."""
        if r.ok and isinstance(r.extra, Findings):
            self.add(r.doc_id, r.extra)
        else:
            self.documents += 1
            self.errors += 1

    def add(self, doc_id: str, f: Findings) -> None:
        self.documents += 1
        self.ok += 1
        idx = self.ok
        self.words += f.words
        for i, n in enumerate(f.counts):
            self.items[i] += n
        if f.words:
            for t, n in zip(ITEM_LISTS, f.counts, strict=True):
                b = round(n * 10_000 / f.words)  # items per 1,000 words, 0.1 bins
                self.hist[t][b] = self.hist[t].get(b, 0) + 1
        seen_family: set[str] = set()
        per_family: dict[str, int] = {}
        for fam, grp, s, e, txt, ctx in f.candidates:
            g = self.groups.get((fam, grp))
            if g is None:
                g = self.groups[(fam, grp)] = _Group()
            g.count += 1
            if g.last_doc != idx:
                g.last_doc = idx
                g.documents += 1
                if len(g.examples) < self.n_examples:
                    g.examples.append({"doc_id": doc_id, "start": s, "end": e, "text": txt, "context": ctx})
            tot = self.family_totals[fam]
            tot[0] += 1
            if fam not in seen_family:
                seen_family.add(fam)
                tot[1] += 1
            per_family[fam] = per_family.get(fam, 0) + 1
        uncovered = sum(n for fam, n in per_family.items() if fam not in ("dropped", "posts_no_org"))
        if f.words >= MIN_WORDS_OUTLIER and uncovered:
            key = uncovered * 1000 / f.words
            entry = (key, idx, doc_id, f.words, f.counts, per_family)
            if len(self.heap) < self.n_outliers:
                heapq.heappush(self.heap, entry)
            elif key > self.heap[0][0]:
                heapq.heapreplace(self.heap, entry)

    def medians(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for t, h in self.hist.items():
            n = sum(h.values())
            if not n:
                out[t] = 0.0
                continue
            acc = 0
            for b in sorted(h):
                acc += h[b]
                if acc * 2 >= n:
                    out[t] = b / 10
                    break
        return out

    def report(
        self, top: int = 30, *, inputs: Sequence[str] = (), seconds: float = 0.0, workers: int = 1, peak_worker_rss_mb: float = 0.0
    ) -> dict[str, Any]:
        """The JSON report (shape: ``docs/audit.md``). ``top`` bounds every group list."""
        ok = max(self.ok, 1)

        def row(fam: str, grp: str, g: _Group, with_examples: bool = True) -> dict[str, Any]:
            d: dict[str, Any] = {"family": fam, "group": grp, "count": g.count, "documents": g.documents, "share": round(g.documents / ok, 4)}
            if with_examples:
                d["examples"] = g.examples
            return d

        ranked = sorted(self.groups.items(), key=lambda kv: (-kv[1].count, -kv[1].documents, kv[0]))
        families: dict[str, Any] = {}
        for fam, desc in FAMILIES.items():
            rows = [row(f, grp, g) for (f, grp), g in ranked if f == fam]
            families[fam] = {
                "description": desc,
                "candidates": self.family_totals[fam][0],
                "documents": self.family_totals[fam][1],
                "share": round(self.family_totals[fam][1] / ok, 4),
                "groups_total": len(rows),
                "groups": rows[:top],
            }
        med = self.medians()
        outliers = []
        for key, _, doc_id, words, counts, per_family in sorted(self.heap, key=lambda x: (-x[0], x[1])):
            dens = {t: round(n * 1000 / words, 2) for t, n in zip(ITEM_LISTS, counts, strict=True)}
            low = [t for t in ITEM_LISTS if med[t] > 0 and dens[t] < med[t] * LOW_FACTOR]
            missing = [t for fam, t in FAMILY_TYPE.items() if dens[t] == 0 and per_family.get(fam, 0) >= MISSING_AT]
            outliers.append({
                "doc_id": doc_id,
                "words": words,
                "uncovered_per_1000_words": round(key, 2),
                "uncovered": dict(sorted(per_family.items())),
                "per_1000_words": dens,
                "low": low,
                "missing": missing,
            })
        return {
            "audit_version": AUDIT_VERSION,
            "archive": {
                "inputs": list(inputs),
                "documents": self.documents,
                "ok": self.ok,
                "errors": self.errors,
                "words": self.words,
                "seconds": round(seconds, 2),
                "workers": workers,
                "peak_worker_rss_mb": round(peak_worker_rss_mb, 1),
            },
            "top": [row(f, grp, g, False) for (f, grp), g in ranked[:top]],
            "families": families,
            "density": {
                "items": dict(zip(ITEM_LISTS, self.items, strict=True)),
                "per_1000_words": {t: round(n * 1000 / max(self.words, 1), 2) for t, n in zip(ITEM_LISTS, self.items, strict=True)},
                "median_per_1000_words": med,
                "documents_with_none": {t: self.hist[t].get(0, 0) for t in ITEM_LISTS},
                "outliers": outliers,
            },
        }


# ---------------------------------------------------------------- reports


def render_markdown(report: dict[str, Any]) -> str:
    """The top table as Markdown (what ``audit`` prints on stdout)."""
    a = report["archive"]
    lines = [
        f"Coverage audit: {a['ok']} documents ({a['errors']} errors), {a['words']} words, {a['seconds']} s, "
        f"{a['workers']} worker(s), peak worker RSS {a['peak_worker_rss_mb']} MB.",
        "",
        "| # | family | group | count | docs | share |",
        "|---|---|---|---:|---:|---:|",
    ]
    for i, r in enumerate(report["top"], 1):
        lines.append(f"| {i} | {r['family']} | `{r['group']}` | {r['count']} | {r['documents']} | {r['share'] * 100:.1f}% |")
    lines.append("")
    fams = ", ".join(f"{k} {v['candidates']}" for k, v in report["families"].items())
    lines.append(f"Candidates per family: {fams}.")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:"Noto Sans",Arial,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fcfcfa}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
td.n{text-align:right;white-space:nowrap}
.ex{font-family:"Noto Serif",Georgia,serif;color:#333}.ex mark{background:#ffe08a;padding:0 .1em}
.id{color:#666;font-size:.78rem}
.meta{color:#555;font-size:.85rem}
.chart{margin:.5rem 0}.bar-row{display:flex;align-items:center;margin:.15rem 0;font-size:.82rem}
.bar-label{width:24rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;padding-right:.5rem}
.bar{height:1rem;border-radius:2px}.bar-n{padding-left:.4rem;color:#444}
"""
_FAMILY_COLORS = {
    "numbers": "#f0b429",
    "dates": "#4c9be8",
    "money": "#4caf50",
    "policies": "#26a69a",
    "officials": "#d81b60",
    "posts_no_org": "#ab47bc",
    "dropped": "#8d6e63",
}


def _example_html(ex: dict[str, Any]) -> str:
    ctx: str = ex["context"]
    txt: str = ex["text"].replace("\n", " ")
    k = ctx.find(txt)  # the context was cut around the candidate: its text is inside
    body = html.escape(ctx) if k < 0 else html.escape(ctx[:k]) + "<mark>" + html.escape(txt) + "</mark>" + html.escape(ctx[k + len(txt) :])
    return f'<div class="ex">…{body}… <span class="id">{html.escape(str(ex["doc_id"]))} [{ex["start"]}:{ex["end"]}]</span></div>'


def _densities(d: dict[str, float]) -> str:
    return ", ".join(f"{t} {d[t]}" for t in ITEM_LISTS)


def render_html(report: dict[str, Any]) -> str:
    """A self-contained page (no network, no script): a CSS bar chart of the largest groups, one
    table per family, the density table and the outlier articles."""
    a = report["archive"]
    top = report["top"]
    biggest = max((r["count"] for r in top), default=1)
    bars = "".join(
        f'<div class="bar-row"><span class="bar-label">{html.escape(r["family"])}: {html.escape(r["group"])}</span>'
        f'<span class="bar" style="width:{max(1.0, 40 * r["count"] / biggest):.1f}rem;background:{_FAMILY_COLORS.get(r["family"], "#999")}"></span>'
        f'<span class="bar-n">{r["count"]}</span></div>'
        for r in top
    )
    parts = [
        "<h1>Coverage audit</h1>",
        f'<p class="meta">{a["ok"]} documents ({a["errors"]} errors), {a["words"]} words, {a["seconds"]} s with {a["workers"]} worker(s); '
        f'inputs: {html.escape(", ".join(a["inputs"]))}; audit version {report["audit_version"]}</p>',
        "<h2>Largest groups</h2>",
        f'<div class="chart">{bars}</div>',
    ]
    for fam, f in report["families"].items():
        parts.append(f'<h2>{html.escape(fam)}: {html.escape(f["description"])}</h2>')
        parts.append(
            f'<p class="meta">{f["candidates"]} candidates in {f["documents"]} documents ({f["share"] * 100:.1f}%); '
            f'{f["groups_total"]} groups, the largest {len(f["groups"])} shown</p>'
        )
        if not f["groups"]:
            continue
        rows = "".join(
            f'<tr><td>{html.escape(r["group"])}</td><td class="n">{r["count"]}</td><td class="n">{r["documents"]}</td>'
            f'<td class="n">{r["share"] * 100:.1f}%</td><td>{"".join(_example_html(x) for x in r["examples"])}</td></tr>'
            for r in f["groups"]
        )
        parts.append(
            f'<table data-family="{html.escape(fam)}"><tr><th>group</th><th>count</th><th>docs</th><th>share</th><th>examples</th></tr>{rows}</table>'
        )
    d = report["density"]
    dens = "".join(
        f'<tr><td>{t}</td><td class="n">{d["items"][t]}</td><td class="n">{d["per_1000_words"][t]}</td>'
        f'<td class="n">{d["median_per_1000_words"][t]}</td><td class="n">{d["documents_with_none"][t]}</td></tr>'
        for t in ITEM_LISTS
    )
    parts.append("<h2>Items per 1,000 words</h2>")
    parts.append(f"<table><tr><th>type</th><th>items</th><th>archive</th><th>median article</th><th>articles with none</th></tr>{dens}</table>")
    out_rows = "".join(
        f'<tr><td>{html.escape(str(o["doc_id"]))}</td><td class="n">{o["words"]}</td><td class="n">{o["uncovered_per_1000_words"]}</td>'
        f'<td>{html.escape(", ".join(f"{k} {v}" for k, v in o["uncovered"].items()))}</td>'
        f'<td>{html.escape(_densities(o["per_1000_words"]))}</td>'
        f'<td>{html.escape(", ".join(o["low"]))}</td><td>{html.escape(", ".join(o["missing"]))}</td></tr>'
        for o in d["outliers"]
    )
    parts.append("<h2>Outlier articles (most uncovered candidates per 1,000 words)</h2>")
    parts.append(
        "<table><tr><th>doc</th><th>words</th><th>uncovered / 1,000 words</th><th>by family</th><th>items / 1,000 words</th>"
        f"<th>far below the median</th><th>none, with candidates</th></tr>{out_rows}</table>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Coverage audit</title><style>{_CSS}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


# ---------------------------------------------------------------- running


def audit_archive(
    inputs: Sequence[str],
    *,
    workers: int | None = 2,
    top: int = 30,
    examples: int = 3,
    outliers: int = 20,
    fmt: str | None = None,
    fields: FieldMap | None = None,
    progress: Any = None,
) -> dict[str, Any]:
    """Audit an archive (anything ``run`` reads) with the batch runner; returns the JSON report."""
    from .batch import BatchOptions, run_batch

    agg = Audit(examples=examples, outliers=outliers)
    opts = BatchOptions(workers=workers, inspect=inspect_document)
    summary = run_batch(inputs, [], opts, fmt=fmt, fields=fields, progress=progress, on_result=agg.add_result)
    if summary.interrupted:
        raise KeyboardInterrupt
    return agg.report(top, inputs=inputs, seconds=summary.seconds, workers=summary.workers, peak_worker_rss_mb=summary.peak_worker_rss_mb)


def main(argv: Iterable[str] | None = None) -> int:
    from .batch import Progress
    from .io import InputError, expand_inputs, total_size

    ap = argparse.ArgumentParser(
        prog="vn-welfare-extract audit",
        description="Coverage audit: uncovered candidates over an archive, grouped into patterns (see docs/audit.md).",
    )
    ap.add_argument("inputs", nargs="+", metavar="ARCHIVE", help="files, folders, globs or - (anything `run` reads)")
    ap.add_argument("--top", type=int, default=30, metavar="N", help="groups in the top table and per family (default: 30)")
    ap.add_argument("--json", metavar="OUT", help="write the JSON report to OUT")
    ap.add_argument("--html", metavar="OUT", help="write the self-contained HTML report to OUT")
    ap.add_argument("--workers", "-j", type=int, default=2, metavar="N", help="worker processes (default: 2; 1: in this process)")
    ap.add_argument("--examples", type=int, default=3, metavar="N", help="examples per group (default: 3)")
    ap.add_argument("--outliers", type=int, default=20, metavar="N", help="outlier articles listed (default: 20)")
    ap.add_argument("--format", choices=("txt", "jsonl", "json", "csv", "tar", "warc"), help="input format (default: by file name)")
    ap.add_argument("--text-field", metavar="NAME", help="field holding the article text (default: text, content, body)")
    ap.add_argument("--id-field", metavar="NAME", help="field holding the document id (default: id, doc_id)")
    ap.add_argument("--published-field", metavar="NAME", help="field holding the publication date")
    ap.add_argument("--progress-interval", type=float, default=10.0, metavar="S", help="seconds between progress lines when stderr is not a terminal")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(list(argv) if argv is not None else None)
    logging.basicConfig(level=logging.WARNING, format="vn-welfare-extract: %(levelname)s: %(message)s")
    if args.workers < 1 or args.top < 1 or args.examples < 0 or args.outliers < 0:
        sys.stderr.write("vn-welfare-extract audit: error: --workers and --top must be at least 1, --examples/--outliers at least 0\n")
        return 2
    d = FieldMap()
    fields = FieldMap(
        text=(args.text_field,) if args.text_field else d.text,
        id=(args.id_field,) if args.id_field else d.id,
        published=(args.published_field,) if args.published_field else d.published,
    )
    try:
        paths = expand_inputs(args.inputs, args.format)
    except (InputError, ValueError) as e:
        sys.stderr.write(f"vn-welfare-extract audit: error: {e}\n")
        return 2
    progress = Progress(total_size(paths), enabled=not args.quiet, interval=args.progress_interval)
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        report = audit_archive(
            args.inputs, workers=args.workers, top=args.top, examples=args.examples, outliers=args.outliers,
            fmt=args.format, fields=fields, progress=progress,
        )
    except (InputError, ValueError) as e:
        sys.stderr.write(f"vn-welfare-extract audit: error: {e}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("vn-welfare-extract audit: interrupted; no report written\n")
        return 130
    finally:
        signal.signal(signal.SIGTERM, old_term)
    if args.json:
        _write(args.json, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    if args.html:
        _write(args.html, render_html(report))
    sys.stdout.write(render_markdown(report))
    return 0


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _write(path: str, data: str) -> None:
    if path == "-":
        sys.stdout.write(data)
        return
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data)
    os.replace(tmp, path)


__all__ = ["FAMILIES", "Audit", "Findings", "audit_archive", "find_candidates", "inspect_document", "render_html", "render_markdown", "main"]
