#!/usr/bin/env python3
"""Our accuracy beside general-purpose tools, on the same annotated articles, in one run.

    .venv/bin/python benchmarks/accuracy.py [GOLD_DIR] [--limit N] [--md OUT.md]

GOLD_DIR (default ../shared/dev, else corpus/) is in the eval layout: articles.jsonl + gold/.
Systems (each optional: a missing package is reported in the table and the run goes on):

- vn_welfare_extract (this library): every type.
- underthesea NER (``underthesea.ner``): PER spans against the gold officials' mentions;
  ORG and LOC spans against OUR organisations and locations (the dev gold has none of
  those, so those rows are agreement with us, not accuracy).
- dateparser (``dateparser.search.search_dates``, languages=['vi'], relative to the
  publication date): dates. It gives no offsets, so its strings are located left to right.
- Duckling (the ``pyduckling-native-phihos`` wheel, dimensions time and amount-of-money,
  reference time = publication date): dates and money.

Matching is the eval command's: spans overlap one-to-one; value = the normalised value (a date
at the grain the system reports; money = integer + currency). Benchmark-only dependencies:
``pip install dateparser pyduckling-native-phihos`` (underthesea is a library dependency).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vn_welfare_extract.evaluate import Tally, match_spans, open_gold_set, score  # noqa: E402
from vn_welfare_extract.text import Doc, parse_published  # noqa: E402

Json = dict[str, Any]
_PARAGRAPH_RE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text)]


def ref_datetime(published: Any) -> dt.datetime:
    """The publication date as a datetime at noon (partial dates: the first day)."""
    try:
        p = parse_published(published)
        return dt.datetime(p.year, p.month or 1, p.day or 1, 12)
    except (ValueError, TypeError):
        return dt.datetime(2021, 1, 1, 12)


def iso_at_grain(d: dt.datetime, grain: str) -> str:
    if grain in ("year",):
        return f"{d.year:04d}"
    if grain in ("month",):
        return f"{d.year:04d}-{d.month:02d}"
    if grain == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if grain == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return d.date().isoformat()


# --------------------------------------------------------------------------------------------
# Systems: each returns {doc_id: pred record} (and may raise ImportError when not installed)


def run_ours(arts: list[Json]) -> dict[str, Json]:
    from vn_welfare_extract.evaluate import predict

    return predict(arts)


def run_dateparser(arts: list[Json]) -> dict[str, Json]:
    from dateparser.search import search_dates

    out: dict[str, Json] = {}
    for a in arts:
        text = a["text"]
        base = ref_datetime(a.get("published"))
        items: list[Json] = []
        for ps, pe in paragraphs(text):
            found = search_dates(text[ps:pe], languages=["vi"], settings={"RELATIVE_BASE": base}) or []
            pos = ps
            for s, d in found:
                i = text.find(s, pos, pe)
                if i < 0:
                    continue
                pos = i + len(s)
                # dateparser gives a datetime, not a grain: report the day.
                items.append({"text": s, "start": i, "end": i + len(s), "value": d.date().isoformat()})
        out[a["id"]] = {"doc_id": a["id"], "dates": items}
    return out


def run_duckling(arts: list[Json]) -> dict[str, Json]:
    import duckling

    duckling.init()
    tz = duckling.load_time_zones("/usr/share/zoneinfo")
    lang = duckling.parse_lang("VI")
    locale = duckling.default_locale_lang(lang)
    dims = duckling.parse_dimensions(["time", "amount-of-money"])
    out: dict[str, Json] = {}
    for a in arts:
        text = a["text"]
        base = ref_datetime(a.get("published")).replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))
        ctx = duckling.Context(duckling.parse_ref_time(tz, "Asia/Ho_Chi_Minh", int(base.timestamp())), locale)
        dates: list[Json] = []
        amounts: list[Json] = []
        for ps, pe in paragraphs(text):
            for e in duckling.parse(text[ps:pe], ctx, dims, False):
                s, en = ps + e["start"], ps + e["end"]
                v = e.get("value") or {}
                if v.get("type") == "interval":
                    v = v.get("from") or v.get("to") or {}
                item: Json = {"text": text[s:en], "start": s, "end": en}
                if e["dim"] == "time":
                    raw, grain = v.get("value"), v.get("grain", "day")
                    try:
                        item["value"] = iso_at_grain(dt.datetime.fromisoformat(str(raw)[:19]), grain)
                    except ValueError:
                        item["value"] = None
                    dates.append(item)
                else:
                    unit = v.get("unit")
                    item["value"] = int(v["value"]) if isinstance(v.get("value"), (int, float)) else None
                    item["currency"] = unit if unit and unit != "unknown" else "?"
                    amounts.append(item)
        out[a["id"]] = {"doc_id": a["id"], "dates": dates, "amounts": amounts}
    return out


def run_underthesea(arts: list[Json]) -> dict[str, Json]:
    """PER / ORG / LOC spans from underthesea's NER, realigned to the original text."""
    from underthesea import ner

    from vn_welfare_extract.text import align

    tag_of = {"PER": "persons", "ORG": "organizations", "LOC": "locations"}
    out: dict[str, Json] = {}
    for a in arts:
        doc = Doc.from_text(a["text"])
        spans: dict[str, list[Json]] = {v: [] for v in tag_of.values()}
        for ps, pe in paragraphs(doc.text):
            toks = ner(doc.text[ps:pe])
            offs = align(doc.text, [t[0] for t in toks], ps)
            cur: tuple[str, int, int] | None = None
            for (_w, *_rest), (s, e) in zip(toks, offs, strict=True):
                tag = _rest[-1]
                kind = tag[2:] if len(tag) > 2 else ""
                if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[0] != kind)):
                    if cur:
                        spans.setdefault(tag_of.get(cur[0], "other"), []).append(_span_item(doc, cur[1], cur[2]))
                    cur = (kind, s, e)
                elif tag.startswith("I-") and cur is not None:
                    cur = (cur[0], cur[1], e)
                else:
                    if cur:
                        spans.setdefault(tag_of.get(cur[0], "other"), []).append(_span_item(doc, cur[1], cur[2]))
                    cur = None
            if cur:
                spans.setdefault(tag_of.get(cur[0], "other"), []).append(_span_item(doc, cur[1], cur[2]))
        out[a["id"]] = {"doc_id": a["id"], **spans}
    return out


def _span_item(doc: Doc, s: int, e: int) -> Json:
    text, os_, oe = doc.surface(s, e)
    return {"text": text, "start": os_, "end": oe}


# --------------------------------------------------------------------------------------------
# Scoring


def mention_spans(rec: Json, kind: str) -> list[Json]:
    """All mention spans of an entity list (officials, organizations, locations)."""
    return [m for o in rec.get(kind) or [] for m in o.get("mentions") or []]


def span_tally(gold: dict[str, list[Json]], pred: dict[str, list[Json]]) -> Tally:
    t = Tally()
    for gid, gl in gold.items():
        pl = pred.get(gid, [])
        m = match_spans(gl, pl)
        t.gold += len(gl)
        t.pred += len(pl)
        t.span_tp += len(m)
        t.value_tp += len(m)
    return t


def fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = ROOT.parent / "shared" / "dev"
    ap.add_argument("gold", nargs="?", default=str(default if default.is_dir() else ROOT / "corpus"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--md", help="also write the table to this markdown file")
    a = ap.parse_args(argv)
    gs = open_gold_set(a.gold)
    arts = gs.articles[: a.limit] if a.limit else gs.articles
    gold = {x["id"]: gs.gold[x["id"]] for x in arts if x["id"] in gs.gold}
    nbytes = sum(len(x["text"].encode()) for x in arts)

    systems: dict[str, Callable[[list[Json]], dict[str, Json]]] = {
        "vn_welfare_extract": run_ours,
        "underthesea NER": run_underthesea,
        "dateparser": run_dateparser,
        "Duckling": run_duckling,
    }
    preds: dict[str, dict[str, Json]] = {}
    notes: list[str] = []
    times: dict[str, float] = {}
    for name, fn in systems.items():
        t0 = time.perf_counter()
        try:
            preds[name] = fn(arts)
        except ImportError as e:
            notes.append(f"{name}: not installed ({e.name or e}); skipped")
            print(f"# {name}: not installed ({e}); skipped", file=sys.stderr)
            continue
        except Exception as e:  # a tool that fails to run is reported, not fatal
            notes.append(f"{name}: failed to run ({type(e).__name__}: {e}); skipped")
            print(f"# {name}: failed ({type(e).__name__}: {e}); skipped", file=sys.stderr)
            continue
        times[name] = time.perf_counter() - t0
        print(f"# {name}: {times[name]:.1f}s ({nbytes / times[name] / 1e6:.3f} MB/s)", file=sys.stderr)

    rows: list[tuple[str, str, float | None, float | None, float | None, float | None]] = []

    def add(kind: str, name: str, t: Tally, value: bool = True) -> None:
        sp = t.span()
        rows.append((kind, name, sp[0], sp[1], sp[2], t.value()[2] if value else None))

    def typed(name: str, kind: str) -> None:
        if name not in preds:
            return
        rep = score(gold, preds[name], name)
        add(kind, name, rep.tallies[kind])

    for name in ("vn_welfare_extract", "dateparser", "Duckling"):
        typed(name, "dates")
    for name in ("vn_welfare_extract", "Duckling"):
        typed(name, "amounts")
    for kind in ("counts", "officials", "policies"):
        typed("vn_welfare_extract", kind)
    # Person-name mentions: gold officials' mentions vs our mentions and underthesea PER.
    gold_m = {gid: mention_spans(g, "officials") for gid, g in gold.items()}
    if "vn_welfare_extract" in preds:
        add("official mentions", "vn_welfare_extract", span_tally(gold_m, {k: mention_spans(v, "officials") for k, v in preds["vn_welfare_extract"].items()}), False)
    if "underthesea NER" in preds:
        ud = preds["underthesea NER"]
        add("official mentions", "underthesea NER (PER)", span_tally(gold_m, {k: v.get("persons", []) for k, v in ud.items()}), False)
        if "vn_welfare_extract" in preds:
            ours = preds["vn_welfare_extract"]
            for kind, tag in (("organizations", "ORG"), ("locations", "LOC")):
                ref = {k: mention_spans(v, kind) for k, v in ours.items()}
                add(f"{kind} (agreement with ours)", f"underthesea NER ({tag})", span_tally(ref, {k: v.get(kind, []) for k, v in ud.items()}), False)

    lines = [
        f"Articles: {len(arts)} from `{Path(a.gold).name}` ({nbytes / 1e3:.0f} kB). Span = overlap match; value = normalised value right.",
        "",
        "| type | system | span P | span R | span F1 | value F1 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for kind, name, p, r, f, v in rows:
        lines.append(f"| {kind} | {name} | {fmt(p)} | {fmt(r)} | {fmt(f)} | {fmt(v)} |")
    lines.append("")
    lines.append("| system | time (s) | MB/s |")
    lines.append("|---|---:|---:|")
    for name, t in times.items():
        lines.append(f"| {name} | {t:.1f} | {nbytes / t / 1e6:.3f} |")
    for n in notes:
        lines.append(f"\n- {n}")
    table = "\n".join(lines)
    print(table)
    if a.md:
        Path(a.md).write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
