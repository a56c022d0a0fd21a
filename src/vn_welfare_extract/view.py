"""A self-contained HTML review page for one article: the text with its items highlighted by
type (the normalised value on hover and in a caption), and tables of officials, policies,
amounts, counts, dates, places, organisations, facts and warnings. No network, no CDN, no
script: one file a reviewer can open anywhere.

    vn-welfare-extract show ARTICLE.txt -o page.html
    vn-welfare-extract show archive.jsonl --id unc-society-005 -o page.html
    vn-welfare-extract show ARTICLE.txt --lexicon my-lexicon.tsv -o page.html
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path
from typing import Any

from .api import Extractor
from .model import record_spans

COLORS = {
    "DATE": "#cfe8ff",
    "MONEY": "#d4f5d0",
    "COUNT": "#fff1b8",
    "OFFICIAL": "#f9d0e6",
    "ORG": "#e3dbff",
    "LOC": "#ffe0c7",
    "LAW": "#d0f0f0",
}
CSS = """
body{font-family:"Noto Serif","Times New Roman",Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.7;color:#1d1d1f;background:#fcfcfa}
h1{font-family:"Noto Sans",Arial,sans-serif;font-size:1.4rem}h2{font-family:"Noto Sans",Arial,sans-serif;font-size:1.1rem;margin-top:2rem}
.article{white-space:pre-wrap;font-size:1.08rem;background:#fff;border:1px solid #ddd;padding:1rem 1.25rem;border-radius:6px}
mark{padding:0 .15em;border-radius:3px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark .lab{font:600 .62rem "Noto Sans",Arial,sans-serif;vertical-align:super;margin-left:.2em;color:#444}
table{border-collapse:collapse;width:100%;font:.9rem "Noto Sans",Arial,sans-serif;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
.legend span{display:inline-block;margin-right:.6rem;padding:0 .4rem;border-radius:3px;font:.8rem "Noto Sans",Arial,sans-serif}
.meta{color:#555;font:.85rem "Noto Sans",Arial,sans-serif}
"""


def _e(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, (list, dict)):
        return html.escape(json.dumps(x, ensure_ascii=False))
    return html.escape(str(x))


def _spans(d: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    return [(s, e, label, str(value)) for s, e, label, value in record_spans(d)]


def _select(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping spans for inline highlighting, longest first (all items stay in the tables)."""
    kept: list[tuple[int, int, str, str]] = []
    for sp in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if not any(sp[0] < k[1] and k[0] < sp[1] for k in kept):
            kept.append(sp)
    return sorted(kept)


def render(text: str, record: dict[str, Any]) -> str:
    """The page as one HTML string."""
    parts: list[str] = []
    pos = 0
    for s, e, label, value in _select(_spans(record)):
        parts.append(html.escape(text[pos:s]))
        parts.append(
            f'<mark class="item" data-label="{label}" data-value="{_e(value)}" title="{label}: {_e(value)}" '
            f'style="background:{COLORS[label]}">{html.escape(text[s:e])}<span class="lab">{label}</span></mark>'
        )
        pos = e
    parts.append(html.escape(text[pos:]))
    legend = "".join(f'<span style="background:{c}">{k}</span>' for k, c in COLORS.items())
    title = record.get("title") or record.get("doc_id") or "Article"
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">doc_id: {_e(record.get("doc_id"))} · published: {_e(record.get("published"))} · '
        f'vn_welfare_extract {_e(record.get("library_version"))} · schema {_e(record.get("schema_version"))}</p>',
        f'<p class="legend">{legend}</p>',
        f'<div class="article" lang="vi">{"".join(parts)}</div>',
        _table("Officials", record["officials"], [
            ("Name", lambda o: o["name"]),
            ("Titles", lambda o: "; ".join(f"{t['title']} — {t.get('organization') or ''}" for t in o["titles"])),
            ("Gender", lambda o: o.get("gender")),
            ("Mentions", lambda o: ", ".join(m["text"] for m in o["mentions"])),
        ]),
        _table("Policies and legal documents", record["policies"], [
            ("Kind", lambda p: p["kind"]), ("Number", lambda p: p.get("number")), ("Code", lambda p: p.get("code")),
            ("Year", lambda p: p.get("year")), ("Issuer", lambda p: p.get("issuer")),
            ("Issued on", lambda p: p.get("issued_on")), ("Subject / title", lambda p: p.get("subject") or p.get("title")),
            ("Mentions", lambda p: ", ".join(m["text"] for m in p["mentions"])),
        ]),
        _table("Amounts", record["amounts"], [
            ("Text", lambda a: a["text"]), ("Value", lambda a: f"{a['value']:,}".replace(",", ".") if isinstance(a["value"], int) else a["value"]),
            ("Currency", lambda a: a["currency"]), ("Approx", lambda a: a.get("approx")), ("Per", lambda a: a.get("per")),
        ]),
        _table("Counts", record["counts"], [
            ("Text", lambda c: c["text"]), ("Value", lambda c: c["value"]), ("Unit", lambda c: c["unit"]),
            ("Approx", lambda c: c.get("approx")), ("Group", lambda c: c.get("group")),
        ]),
        _table("Dates", record["dates"], [
            ("Text", lambda d: d["text"]), ("Value", lambda d: d["value"]), ("Time", lambda d: d.get("time")),
            ("End", lambda d: d.get("end_value")),
            ("Grain", lambda d: d["grain"]), ("Role", lambda d: d.get("role")),
        ]),
        _table("Places", record["locations"], [
            ("Name", lambda x: x["name"]), ("Level", lambda x: x["level"]), ("Code", lambda x: x.get("code")),
            ("Successor (2025)", lambda x: x.get("successor_2025")), ("Mentions", lambda x: len(x["mentions"])),
        ]),
        _table("Organisations", record["organizations"], [
            ("Name", lambda x: x["name"]), ("Mentions", lambda x: ", ".join(m["text"] for m in x["mentions"])),
        ]),
        _table("Facts", record["facts"], [
            ("Type", lambda f: f["type"]),
            ("Values", lambda f: {k: v for k, v in f.items() if k not in ("id", "type", "rule", "links", "sentence")}),
            ("Sentence", lambda f: f["sentence"]["text"]),
        ]),
        _table("Warnings", record["warnings"], [("Code", lambda w: w["code"]), ("Message", lambda w: w["message"])]),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _table(caption: str, rows: list[dict[str, Any]], cols: list[tuple[str, Any]]) -> str:
    if not rows:
        return f"<h2>{html.escape(caption)}</h2><p class=\"meta\">none</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c, _ in cols)
    body = "".join("<tr>" + "".join(f"<td>{_e(f(r))}</td>" for _, f in cols) + "</tr>" for r in rows)
    return f'<h2>{html.escape(caption)}</h2><table data-section="{html.escape(caption)}"><tr>{head}</tr>{body}</table>'


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="vn-welfare-extract show", description="Write an HTML review page for one article.")
    ap.add_argument("article", help="a .txt file (may start with ' date YYYY-MM'), a .jsonl file (with --id), or - for stdin")
    ap.add_argument("-o", "--output", default="-", help="the HTML file to write (default: stdout)")
    ap.add_argument("--id", dest="doc_id", help="with a .jsonl input: the article's id (default: the first article)")
    ap.add_argument("--published", help="publication date (ISO), overrides the file's")
    ap.add_argument("--lexicon", metavar="FILE", help="user lexicon, as for run (TSV or JSON: titles, organizations, document_kinds)")
    a = ap.parse_args(argv)
    config: dict[str, Any] = {}
    if a.lexicon:
        from .lexicons import Lexicons

        try:
            config = Lexicons.load(a.lexicon).config()
        except ValueError as e:
            print(f"vn-welfare-extract show: error: {e}", file=sys.stderr)
            return 2
    published = a.published
    doc_id = a.doc_id
    title = None
    if a.article == "-":
        text = sys.stdin.read()
    elif a.article.endswith(".jsonl"):
        found = None
        with open(a.article, encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if a.doc_id is None or str(art.get("id")) == a.doc_id:
                    found = art
                    break
        if found is None:
            print(f"no article with id {a.doc_id!r} in {a.article}", file=sys.stderr)
            return 2
        text = found["text"]
        doc_id = str(found.get("id"))
        published = published or found.get("published")
        title = found.get("title")
    else:
        path = Path(a.article)
        text = path.read_text(encoding="utf-8")
        doc_id = doc_id or path.stem
    record = Extractor(**config).extract(text, published=published, doc_id=doc_id, title=title).to_dict()
    page = render(text, record)
    if a.output == "-":
        sys.stdout.write(page)
    else:
        Path(a.output).write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
