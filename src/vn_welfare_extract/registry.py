"""The archive-level registry: the same person, body and legal document across many articles.

Each record stands alone; the registry ties their items together:

- ``persons`` / ``person_posts`` / ``person_mentions``: one row per distinct person, the posts
  they were seen in (first and last publication date, number of articles) and every official
  item that names them. Two officials merge only when their normalised names are equal **and**
  their posts share evidence: the same specific body (``org:``), a body in the same province
  (``prov:``) or a top state/party body (``central``: Chính phủ, Quốc hội, Bộ Chính trị, ...).
  A name alone never merges. Merges are transitive (a mention with two posts bridges them:
  ``Phó Thủ tướng`` -> ``Thủ tướng`` -> ``Chủ tịch nước`` is one person), and a body named inside
  a longer name of it is the same body. An official without such evidence joins the single
  same-name person whose province or body its article mentions, or who held the same singular
  post (``Tổng thống``, ``Bộ trưởng`` ... with no body named), or who held the same post at all
  when that person is tied to no province or the article names theirs; post-less officials that
  fit nobody are one person when they share a post and a place of their articles; otherwise
  (none, or several candidates) it stays a person of its own. A second pass
  (``_join_compatible``) then joins same-name persons on what a careful reader would use: one
  body under two spellings (``BV175`` / ``Bệnh viện quân y 175``, ``Cen Land`` / ``Cen Group``),
  one singular national post written two ways (``Ngoại trưởng`` = ``Bộ trưởng Bộ Ngoại giao``),
  a unit (``ban chấp hành``) of the body its articles name, the small field of sport, a rare name
  with posts in one field, a national state career over years, one body run on into its sentence
  (``Bệnh viện K khuyến khích ...`` / ``Bệnh viện K Trung ương``), a national deputy promoted to
  head another body; never across provinces or two different singular posts at the same time.
  ``person_mentions.reason`` records why each mention belongs to its person. A mention whose
  name is a place's (``Bạch Mai`` next to ``Bệnh viện Bạch Mai``) is flagged: ``person_id``
  null, no person.
- ``bodies`` / ``body_mentions``: one row per organisation, by its canonical expanded name
  (``UBND tỉnh Long An`` = ``Ủy ban nhân dân tỉnh Long An``); a body that needs a place and has
  none (``Sở Y tế``, ``Hội``, ``UBND huyện Châu Thành`` in ten provinces) is left out.
- ``legal_documents`` / ``legal_document_citations`` / ``legal_document_facts``: one row per
  legal document, by code or kind + number + year + issuer; a citation with fewer details (no
  year, no issuer) joins the single compatible fuller one of the same kind and number. Support
  and budget facts cite a document when they link it or state it in their sentence; their
  amount, currency, ``per`` (non-null: a rate, not money announced), province and month are kept.

Ids come from content, never from input order: ``per_`` + a hash of the name key and the smallest
evidence key of the person, ``bod_`` + a hash of the body key, ``law_`` + a hash of the document
key. The same input in any order gives the same tables.

Use it from Python::

    from vn_welfare_extract import registry
    tables = registry.build(records)              # record dicts -> {"persons": [...rows], ...}

or incrementally against any ``Store`` (``MemoryStore``, or a database cursor through
``SqlStore``): ``registry.update(store, doc_ids, registry.evidence(rows))`` replaces the
evidence of ``doc_ids`` and re-resolves only the names, bodies and documents they touch, so a
later batch merges into the existing tables and re-loading an article changes nothing. The
database loaders and the Parquet sink call it; rows are in the column order of
``tables.REGISTRY_TABLES``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol

from .gazetteer import gazetteer
from .gazetteer import key as gazetteer_key
from .io.sinks import Rows
from .lexicons import load_table, word_list
from .orgnames import canonical_org, okey
from .tables import BY_NAME, REGISTRY_TABLES
from .text import normalize
from .wordlists import fold

__all__ = [
    "EVIDENCE_TABLES",
    "REGISTRY_NAMES",
    "MemoryStore",
    "SqlStore",
    "Store",
    "body_info",
    "build",
    "evidence",
    "keyed_evidence",
    "name_key",
    "resolve",
    "resolve_group",
    "rows_from_records",
    "update",
]

REGISTRY_NAMES = tuple(t.name for t in REGISTRY_TABLES)
# The per-document tables the evidence is read from.
EVIDENCE_TABLES = ("documents", "officials", "official_titles", "organizations", "locations", "policies",
                   "policy_mentions", "facts", "amounts")
Row = tuple[Any, ...]
Tables = dict[str, list[Row]]

# Top state and party bodies: two same-name officials who both hold a post in one of them are
# one person (there is one Thủ tướng, one Chủ tịch nước ...), whichever of these bodies it is.
_CENTRAL = frozenset(okey(s) for s in word_list("registry.central_bodies"))
# Posts held by hundreds of people at once: never ``central`` evidence (a body key still is).
_NOT_CENTRAL_TITLES = frozenset(okey(s) for s in ("Đại biểu", "Đại biểu Quốc hội", "Thành viên", "Đại diện"))
# Bodies named by a bare noun: not one body (``Hội``, ``Ban``, ``Công ty``).
_BARE = frozenset(okey(s) for s in word_list("registry.bare_bodies"))


def _h(prefix: str, key: str) -> str:
    return prefix + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def _norm(s: str) -> str:
    return " ".join(normalize(s)[0].split())


# Marks only Vietnamese spelling uses (horn, breve, hook above, dot below): a name without them
# and without a Vietnamese family name is a foreign name written in Latin letters.
_VIET_MARKS = frozenset("\u031b\u0306\u0309\u0323")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A person's name as compared: ``wordlists.fold`` (NFC, one spelling of each tone mark,
    case-folded, spaces folded); a foreign name also loses its accents (``Florentino Pérez`` = ``Florentino
    Perez``), a Vietnamese name keeps every mark (``Thanh`` and ``Thành`` are two names)."""
    key = fold(name)
    words = key.split()
    if len(words) < 2 or words[0] in _family_keys() or "đ" in key:
        return key
    marks = unicodedata.normalize("NFD", key)
    if any(ch in _VIET_MARKS for ch in marks):
        return key
    return unicodedata.normalize("NFC", "".join(ch for ch in marks if not unicodedata.combining(ch)))


@lru_cache(maxsize=1)
def _generic_heads() -> tuple[str, ...]:
    """Keys of the bodies that exist at every level (``data/org_generic.tsv``): one body only
    with a place."""
    heads: set[str] = set()
    for row in load_table("org_generic"):
        for a in [row["head"], *row["aliases"].split("|")]:
            if a.strip():
                heads.add(okey(a))
    return tuple(sorted(heads, key=len, reverse=True))


@lru_cache(maxsize=1)
def _known_bodies() -> frozenset[str]:
    """Keys of the central bodies (``data/organizations.tsv``): one body each, without a place."""
    return frozenset(okey(row["canonical"]) for row in load_table("organizations"))


# Posts one person holds at a time in a country (or a ministry): a same-name official with the
# same post and no body named is that person when exactly one such person is known.
_SINGULAR_POSTS = frozenset(okey(s) for s in word_list("registry.singular_posts"))
# A body name ending in a bare level word ("Ban Chỉ đạo tỉnh"): the province of its article.
_LEVEL_WORDS = frozenset(word_list("registry.level_words"))
# Spellings of one body's name that a key ignores: punctuation, "&" for "và", and the short
# words news outlets write for the head of a body's name (not expanded by ``canonical_org``).
_BODY_PUNCT = (("&", " và "), ("-", " "), (",", " "), (".", " "))
_BODY_WORDS = {
    "bv": "bệnh viện", "đh": "đại học", "đhqg": "đại học quốc gia", "đhqghn": "đại học quốc gia hà nội",
    "hhdl": "hiệp hội du lịch", "clb": "câu lạc bộ", "hđqt": "hội đồng quản trị", "tp": "thành phố",
    "tt": "trung tâm", "cty": "công ty",
}


_WORD_NUMBER = re.compile(r"([^\W\d]+)(\d+)")


def _body_word(w: str) -> str:
    """One word of a body key, short forms expanded: ``bv`` -> ``bệnh viện``, ``bv175`` ->
    ``bệnh viện 175`` (a short form glued to a number)."""
    if w in _BODY_WORDS:
        return _BODY_WORDS[w]
    m = _WORD_NUMBER.fullmatch(w)
    return f"{_BODY_WORDS[m[1]]} {m[2]}" if m and m[1] in _BODY_WORDS else w


def _body_key(key: str) -> str:
    """An ``okey`` of a canonical body name -> the body key: spellings folded (``BV Việt Đức`` =
    ``Bệnh viện Việt Đức``, ``Trường ĐH Thủy lợi`` = ``Đại học Thủy lợi``, ``của`` dropped)."""
    for a, b in _BODY_PUNCT:
        key = key.replace(a, b)
    key = " ".join(_body_word(w) for w in key.split() if w != "của")  # "Khối X (của) FPT Shop"
    return key[len("trường "):] if key.startswith("trường đại học ") else key


@lru_cache(maxsize=1)
def _org_heads() -> dict[str, str]:
    """Post (``okey``) -> the word that starts the body it heads (``Bộ trưởng`` -> ``Bộ``),
    from ``data/titles.tsv``."""
    out: dict[str, str] = {}
    for row in load_table("titles"):
        if row.get("org_head"):
            out[okey(row["title"])] = row["org_head"]
            if row["canonical"] == row["title"]:  # ``CT HĐND`` heads HĐND; ``Chủ tịch`` heads nothing fixed
                out[okey(row["canonical"])] = row["org_head"]
    return out


@lru_cache(maxsize=65536)
def province_of(place: str) -> str | None:
    """The province a place name (an item's ``location``: ``Long An``, ``huyện Yên Định``) is in,
    else None."""
    return _province_in(_norm(place)) or _province_in("tỉnh " + _norm(place))


def _province_in(text: str) -> str | None:
    """The one province the places of ``text`` are in (a province, or a district that exists in
    one province only), else None."""
    hits = gazetteer().scan(text)
    found: set[str] = set()
    for h in hits:
        if h.province is not None:
            found.add(h.province.name)
        elif h.district is not None:
            found.add(h.district.province)
        elif h.parent:
            found.add(h.parent)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=65536)
def body_info(written: str, place: str | None = None) -> tuple[str, str, str | None, bool] | None:
    """``(body_key, canonical name, province, central)`` of an organisation as written, or None
    when the words do not name one body (a bare noun, a local body without its place). ``place``
    (the item's location) supplies the province when the name has none."""
    name = _norm(written)
    name = canonical_org(name[:1].upper() + name[1:])
    if not name:
        return None
    key = okey(name)
    if key in _BARE:
        return None
    key = _body_key(key)
    national = key.endswith(" việt nam")  # "Bộ Quốc phòng Việt Nam", "Hội Huyết học ... Việt Nam"
    if national and key[: -len(" việt nam")] in _known_bodies():
        key = key[: -len(" việt nam")]
    if key in _known_bodies():
        return key, name, None, key in _CENTRAL
    if national:
        return key, name, None, False
    province = _province_in(name)
    if province is None and place:
        province = province_of(place)
    central = key in _CENTRAL
    if province is None and not central:
        if any(key == h or key.startswith(h + " ") for h in _generic_heads()):
            return None  # "Sở Y tế", "Ủy ban nhân dân huyện Châu Thành": which one?
        if any(h.level != "country" for h in gazetteer().scan(name)):
            return None  # a place that is not one province (a district name in several); a country is one body
    return key, name, province, central


def _j(v: Any) -> Any:
    """A JSON column's value: text from SQLite/Parquet, already parsed from PostgreSQL."""
    return json.loads(v) if isinstance(v, str) else v


def _js(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def _month(date: str | None, published: str | None) -> str | None:
    for d in (date, published):
        if isinstance(d, str) and len(d) >= 7 and d[4] == "-" and d[5:7].isdigit():
            return d[:7]
    return None


def _col(table: str) -> dict[str, int]:
    return {c: i for i, c in enumerate(BY_NAME[table].column_names)}


# --- evidence: one batch of documents' rows (db.rows) -> registry evidence rows -----------------


def evidence(rows: Rows) -> Tables:
    """The registry evidence of one or many documents' rows (``db.rows.record_rows``; tables in
    the column order of ``tables``): ``person_mentions``, ``body_mentions``,
    ``legal_document_citations`` and ``legal_document_facts`` rows whose resolved columns
    (``person_id``, ``legal_doc_id``, ``reason``) are still None."""
    published: dict[str, str | None] = {r[0]: r[1] for r in rows.get("documents", ())}
    doc_places: dict[str, set[str]] = defaultdict(set)
    for r in rows.get("locations", ()):
        prov = r[2] if r[3] == "province" else (r[5] if r[5] else None)
        p = province_of(prov) if prov else None
        if p:
            doc_places[r[1]].add("prov:" + p)
    bodies: list[Row] = []
    org_place: dict[str, str | None] = {}
    for r in rows.get("organizations", ()):
        oid, did, name, kind, location = r[0], r[1], r[2], r[3], r[4]
        org_place[oid] = location
        info = body_info(name, location) if name else None
        if info is None:
            continue
        key, canon, prov, _ = info
        doc_places[did].add("org:" + key)
        if prov:
            doc_places[did].add("prov:" + prov)
        bodies.append((did, oid, _h("bod_", key), key, canon, name, kind, prov, published.get(did), "organization"))
    doc_provs = {d: {k[5:] for k in ks if k.startswith("prov:")} for d, ks in doc_places.items()}
    titles: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
    for r in sorted(rows.get("official_titles", ()), key=lambda r: (r[0], r[1])):
        titles[r[0]].append((r[3], r[4]))
    persons: list[Row] = []
    doc_names: dict[str, set[str]] = defaultdict(set)
    for r in rows.get("officials", ()):
        if r[2]:
            doc_names[r[1]].add(name_key(r[2]))
        for _, org in titles.get(r[0], ()):  # the article's fields of work, from every post's body
            if org and (f := _field(_body_key(okey(canonical_org(_norm(org)))), brand=False)) and f != "state":
                doc_places[r[1]].add("field:" + f)
    for r in rows.get("officials", ()):
        oid, did, name, gender = r[0], r[1], r[2], r[3]
        if not name:
            continue
        others = doc_names[did] - {name_key(name)}
        place_hint = next((org_place[x] for x in _j(r[5]) or () if org_place.get(x)), None)
        keys: set[str] = set()
        posts: list[list[str | None]] = []
        for i, (title, org) in enumerate(titles.get(oid, ())):
            if org and _glued_name(org, others):
                continue  # "Bộ trưởng Bộ Khoa học và Công nghệ Huỳnh Thành Đạt": another official's post
            if org and name_key(name).endswith(" " + name_key(org)):
                org = None  # "Giám đốc / Trường Giang" for Nguyễn Trường Giang: a piece of the name
            if org and title and _title_key(title) in _STATE_POSTS and not _is_state(org):
                org = None  # "Tổng thống / Trường Y tế Công cộng ...": a state post of no state is a misread body
            head = _org_heads().get(okey(title or ""))
            if org and head and not okey(org).startswith(okey(head)) and _body_key(okey(org)) not in _known_bodies():
                org = f"{head} {org}"  # "Bộ trưởng Khoa học và Công nghệ": the body is a Bộ
            info = body_info(org, place_hint) if org else None
            if info is not None and info[2] is None and len(provs := doc_provs.get(did, ())) == 1 \
                    and okey(org or "").rsplit(" ", 1)[-1] in _LEVEL_WORDS:
                org = f"{org} {next(iter(provs))}"  # "Ban Chỉ đạo tỉnh" in an article about one province
                info = body_info(org)
            body_id = None
            if info is not None:
                key, canon, prov, central = info
                body_id = _h("bod_", key)
                keys.add("org:" + key)
                if prov:
                    keys.add("prov:" + prov)
                if central and okey(title or "") not in _NOT_CENTRAL_TITLES:
                    keys.add("central")
                bodies.append((did, f"{oid}#{i}", body_id, key, canon, org, None, prov, published.get(did), "post"))
                org = canon
            posts.append([title, org, body_id])
        persons.append((did, oid, None, name_key(name), name, gender, published.get(did), None,
                        _js(sorted(keys)), _js(posts), _js(sorted(doc_places.get(did, ())))))
    cites, facts = _legal_evidence(rows, published)
    return {"person_mentions": persons, "body_mentions": bodies, "legal_document_citations": cites,
            "legal_document_facts": facts}


# Posts of a state as a whole: their body is a country or a top state body, never a school.
_STATE_POSTS = frozenset(okey(s) for s in word_list("registry.state_posts"))


def _is_state(org: str) -> bool:
    """A body that can hold a state post: a known central body or a name with a country in it."""
    key = _body_key(okey(canonical_org(_norm(org))))
    words = key.split()
    return (key in _known_bodies() or any(" ".join(words[i:]) in _places() for i in range(len(words)))
            or any(h.level == "country" for h in gazetteer().scan(_norm(org))))


def _glued_name(org: str, others: set[str]) -> bool:
    """A post body that ends with the name of another official of the article: the extractor
    read that official's post as this one's (a list of posts and names)."""
    words = name_key(org).split()
    if any(" ".join(words[-n:]) in others for n in (2, 3, 4) if len(words) > n):
        return True
    # a known body and then a name ("Ban Tổ chức Trung ương Nguyễn Thị Thanh")
    if len(words) > 4 and words[-3] in _family_keys():
        rest = _body_key(okey(canonical_org(" ".join(words[:-3]))))
        return rest in _known_bodies() or "ban " + rest in _known_bodies()
    return False


def _legal_key(kind: str | None, number: str | None, year: Any, code: str | None, issuer: str | None,
               title: str | None) -> tuple[str, str, str] | None:
    """``(group_key, doc_key, basis)`` of a citation; None without kind and number or title."""
    k = okey(kind or "")
    ident = okey(number) if number else (okey(title) if title else "")
    if not k or not ident:
        return None
    group = f"{k}|{ident}"
    if code:
        return group, "code:" + okey(code).replace(" ", ""), "code"
    iss = okey(canonical_org(_norm(issuer))) if issuer else ""
    basis = "+".join(["kind", "number" if number else "title", *(["year"] if year else []), *(["issuer"] if iss else [])])
    return group, f"{group}|{year or '?'}|{iss or '?'}", basis


def _legal_evidence(rows: Rows, published: dict[str, str | None]) -> tuple[list[Row], list[Row]]:
    cites: list[Row] = []
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in rows.get("policy_mentions", ()):
        spans[r[2]].append((r[1], r[4], r[0]))
    cited: dict[tuple[str, str], str] = {}  # (doc, policy) -> group key
    for r in rows.get("policies", ()):
        pid, did, kind, number, year, code, issuer, title = r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[9]
        k = _legal_key(kind, number, year, code, issuer, title)
        if k is None:
            continue
        cited[(did, pid)] = k[0]
        cites.append((did, pid, None, k[0], k[1], None, kind, number, int(year) if year is not None else None, code,
                      issuer, title, published.get(did)))
    amounts = {r[0]: r for r in rows.get("amounts", ())}
    facts: list[Row] = []
    for r in rows.get("facts", ()):
        fid, did, ftype, start, end, amount, location, date = r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[8]
        if ftype not in ("support", "budget"):
            continue
        links = _j(r[10]) or {}
        linked = links.get("policy") or []
        linked = [linked] if isinstance(linked, str) else list(linked)
        via = {p: "link" for p in linked}
        for s, e, pid in spans.get(did, ()):
            if start is not None and start <= s and e <= end:
                via.setdefault(pid, "sentence")
        if not via:
            continue
        currency, per = None, None
        for role in ("amount", "rate"):
            a = amounts.get(links.get(role)) if isinstance(links.get(role), str) else None
            if a is not None:
                amount, currency, per = a[5], a[7], a[9]
                break
        province = province_of(location) if location else None
        for pid, how in sorted(via.items()):
            if (did, pid) in cited:
                facts.append((did, fid, pid, None, cited[(did, pid)], ftype, how, _int(amount), currency, per, province,
                              _month(date, published.get(did)), published.get(did)))
    return cites, facts


def _int(v: Any) -> int | None:
    return None if v is None else int(v)  # db.rows keeps integers past 64 bits as text


# --- resolution: evidence rows -> registry rows ---------------------------------------------


class _Union:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def _describe(key: str) -> str:
    if key == "central":
        return "same name + a top state/party post"
    kind, _, value = key.partition(":")
    return f"same name + same {'province' if kind == 'prov' else 'body'}: {value}"


_TITLE_QUALIFIERS = ("cựu ", "nguyên ", "quyền ")


def _title_key(title: str) -> str:
    """A post title as compared: ``okey`` without ``Cựu``/``Nguyên`` (former) or ``Quyền``
    (acting): a former ``Tổng thống`` is the person who held ``Tổng thống``."""
    k = okey(title)
    for q in _TITLE_QUALIFIERS:
        k = k.removeprefix(q)
    return k


def _titles(m: Row, c: dict[str, int], every: bool = False) -> list[str]:
    """The singular posts (``_SINGULAR_POSTS``; ``every``: all posts) of a mention, as keys, sorted."""
    return sorted({k for t, _, _ in _j(m[c["posts"]]) or () if t and ((k := _title_key(t)) in _SINGULAR_POSTS or every)})


def _post_places(m: Row, c: dict[str, int], places: list[str]) -> list[str]:
    """``post@place`` for every post title of a mention and place of its article."""
    titles = sorted({_title_key(t) for t, _, _ in _j(m[c["posts"]]) or () if t})
    return [f"{t}@{p}" for t in titles for p in places]


# --- second pass: same-name persons whose evidence a careful reader would join ---------------------

# The most frequent family names and given names (about half of all Vietnamese people have one of
# these family names; each given name is held by hundreds of thousands): a 3-syllable name with
# both is common, and only evidence about a body joins two of its holders. Other names of 3 or 4
# syllables that start with a family name are rare enough that compatible posts join them.
_COMMON_FAMILIES = frozenset(word_list("registry.common_family_names"))
_COMMON_GIVEN = frozenset(word_list("registry.common_given_names"))
# Fields of work, by words of a body's name: two persons of a rare name are one when their bodies
# are in one field (a career inside the state and party, or inside business, ...), never across
# fields (a company chairman is not the general of the same name). ``sport`` is a small field:
# its federations and clubs have few officials, so even a common name in it is one person.
_FIELDS = (
    ("sport", ("liên đoàn bóng", "bóng đá", "bóng chuyền", "bóng rổ", "bóng bàn", "cầu lông", "quần vợt", "điền kinh",
               "câu lạc bộ", "thể thao", "ban trọng tài", "olympic", "futsal")),
    ("health", ("bệnh viện", "y tế", "y học", "y dược", "huyết học", "khám chữa bệnh", "dịch tễ", "quân y", "hồi sức")),
    ("education", ("trường", "đại học", "học viện", "giáo dục", "sư phạm")),
    ("business", ("công ty", "tập đoàn", "group", "ngân hàng", "bank", "holdings", "corp", "land", "cổ phần", "tnhh")),
    ("state", (
        "bộ ", "cục", "vụ ", "sở ", "ủy ban", "quốc hội", "chính phủ", "tỉnh ủy", "thành ủy", "huyện ủy", "đảng",
        "ban ", "quân", "tổng cục", "công an", "mặt trận", "tòa án", "viện kiểm sát", "hội đồng nhân dân", "tổ chức trung ương",
        "chủ tịch nước", "thanh tra", "kiểm toán",
    )),
)
# The field of a body named by its brand alone ("FLC", "Hòa Phát"): no head word of any field.
_BRAND = "brand"
# Words of an enterprise name that are not its brand ("Cen Land" and "Cen Group" are one group).
_CORPORATE = frozenset(word_list("registry.corporate_words"))
# Unit words: a body that starts with one is a unit inside a larger body (a committee of a
# federation, a department of a hospital); named alone, it is the unit of the body its article names.
_UNITS = word_list("registry.unit_heads")
# Singular posts written as one word for a minister of a known portfolio.
_POST_WORDS = {"ngoại trưởng": "bộ trưởng bộ ngoại giao"}
_DEFAULT_COUNTRY = " việt nam"


def _field(body: str, brand: bool = True) -> str | None:
    """The field of work of a body key (``_FIELDS``), ``business`` for a bare brand (``brand``),
    else None."""
    for field, words in _FIELDS:
        if any(w in f"{body} " for w in words):
            return field
    if not brand or not body or body.startswith(_UNITS) or len(body.split()) > 3 or body in _known_bodies():
        return None
    return None if body in _places() or gazetteer().scan(body) else _BRAND


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Keys of countries and foreign cities (``data/countries.tsv``): a body written as a country
    (``Tổng thống / Mỹ``) is a state, not a brand."""
    out: set[str] = set()
    for row in load_table("countries"):
        out.update(okey(a) for a in [row["name"], *row["aliases"].split("|")] if a.strip())
    return frozenset(out)


@lru_cache(maxsize=4096)
def _in_central_body(body: str) -> bool:
    """A central body of the lexicon (``data/organizations.tsv``) or a unit whose name holds one
    (``Vụ Đào tạo, Bộ Lao động - Thương binh và Xã hội``); not a project board or a military region."""
    return body in _known_bodies() or any(f" {k} " in f" {body} " for k in _known_bodies())


def _is_rare(key: str) -> bool:
    """A Vietnamese name of 3-4 syllables that is not a common family name + common given name."""
    w = key.split()
    if not 3 <= len(w) <= 4 or w[0] not in _family_keys():
        return False
    return len(w) == 4 or not (w[0] in _COMMON_FAMILIES and w[-1] in _COMMON_GIVEN)


def _is_foreign(key: str) -> bool:
    """A foreign full name (2 or more words, not from a Vietnamese family name): in Vietnamese news
    one person, unless the posts say otherwise."""
    w = key.split()
    return len(w) >= 2 and w[0] not in _family_keys()


def _same_field(a: set[str], b: set[str]) -> list[str]:
    """The fields two persons share; a bare brand (``UEFA``, ``SHB``) is a company or a sports
    body, so it meets ``business`` and ``sport``."""
    same = a & b
    for x, y in ((a, b), (b, a)):
        if _BRAND in x:
            same |= y & {"business", "sport", _BRAND}
    return sorted(same)


@lru_cache(maxsize=1)
def _family_keys() -> frozenset[str]:
    return frozenset(_norm(r["family"]).casefold() for r in load_table("family_names"))


def _brand(body: str) -> str:
    """An enterprise's brand: its name without the corporate words (``cen land`` -> ``cen``)."""
    return " ".join(w for w in body.split() if w not in _CORPORATE)


def _alike(a: str, b: str) -> bool:
    """Two body keys that name one body: the shorter's words in order inside the longer's, from
    the same first word (``cục khám chữa bệnh`` / ``cục quản lý khám chữa bệnh``, ``bệnh viện 175`` /
    ``bệnh viện quân y 175``), or one enterprise brand (``cen land`` / ``cen group``)."""
    if a == b:
        return True
    wa, wb = sorted((a.split(), b.split()), key=len)
    if len(wa) >= 3 and wa[0] == wb[0]:
        it = iter(wb)
        if all(w in it for w in wa):
            return True
    ba, bb = _brand(a), _brand(b)
    return bool(ba) and ba == bb and len(ba) >= 3 and _field(a) == _field(b) == "business"


def _signature(title: str, org: str | None) -> str | None:
    """A singular national post as ``post + body`` words (``Ngoại trưởng`` = ``Bộ trưởng Bộ
    Ngoại giao``; ``Việt Nam`` implied), or None for another post."""
    t = _title_key(title)
    full = _POST_WORDS.get(t, t)
    if t not in _SINGULAR_POSTS and full == t:
        return None
    body = _body_key(okey(canonical_org(_norm(org)))) if org else ""
    if not body or body in _CENTRAL:
        return None  # "Bộ trưởng" of no body: which ministry?
    return f"{full} {body}".removesuffix(_DEFAULT_COUNTRY)


class _Profile:
    """What one person (a group of same-name mentions) is known by: bodies, provinces, fields,
    singular posts, dates, and the bodies its articles name."""

    def __init__(self, idx: list[int], ms: list[Row], c: dict[str, int], keys: list[set[str]]) -> None:
        self.bodies: set[str] = set()
        self.provs: set[str] = set()
        self.units = True  # every post body a unit or none
        self.sigs: set[str] = set()
        self.context: set[str] = set()
        self.dates = sorted(d for i in idx if (d := ms[i][c["published"]]))
        self.written: set[str] = set()  # post bodies as written (canonical names)
        self.titles: set[str] = set()  # post titles (``_title_key``)
        loose: set[str] = set()  # every post body as written, bare or placeless ones too: fields only
        doc_fields: set[str] = set()  # fields of the bodies of every post in its articles
        for i in idx:
            self.bodies |= {k[4:] for k in keys[i] if k.startswith("org:")}
            self.provs |= {k[5:] for k in keys[i] if k.startswith("prov:")}
            for title, org, _ in _j(ms[i][c["posts"]]) or ():
                if title:
                    self.titles.add(_title_key(title))
                if org:
                    self.written.add(org)
                    loose.add(_body_key(okey(canonical_org(_norm(org)))))
                if title and (sig := _signature(title, org)):
                    self.sigs.add(sig)
            for k in _j(ms[i][c["places"]]) or ():
                if k.startswith("org:") and k[4:] not in _CENTRAL:
                    self.context.add(k[4:])
                elif k.startswith("field:"):
                    doc_fields.add(k[6:])
        # no body of its own but units and top state bodies ("Ban chấp hành", "Đại biểu Quốc hội")
        self.units = all(b.startswith(_UNITS) or b in _CENTRAL for b in self.bodies)
        loose = {b for b in loose if not (b in _BARE and b.startswith(_UNITS))}
        own = {f for b in self.bodies | loose if (f := _field(b))}
        context = {f for b in self.context if (f := _field(b)) and f != "state"} | doc_fields
        self.fields = own or (context if self.units else set())
        # posts only in national state bodies (a central body of the lexicon, or a unit named
        # inside one) and no province: a national career
        self.national = bool(self.bodies) and not self.provs and all(
            _field(b) == "state" and _in_central_body(b) for b in self.bodies)
        # posts only in standing state bodies with no province: where a national promotion may
        # lead (``Ban Công tác đại biểu`` is no body of the lexicon; a project board is no such body)
        self.state = bool(self.bodies) and not self.provs and all(
            _field(b) == "state" and " dự án" not in b for b in self.bodies)

    def overlaps(self, o: _Profile) -> bool:
        """Seen at the same time: the two spans of dates less than a year apart (or no dates)."""
        if not self.dates or not o.dates:
            return True
        return _days(self.dates[0], o.dates[-1]) < 365 and _days(o.dates[0], self.dates[-1]) < 365


def _days(a: str, b: str) -> int:
    """Days from ``b`` to ``a`` (ISO dates; 0 when either is not one)."""
    try:
        return (date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days
    except ValueError:
        return 0


def _conflict(a: _Profile, b: _Profile) -> bool:
    """Evidence that two same-name persons are different people: posts in different provinces,
    or two different singular national posts held at the same time. A post whose body runs on
    past the other's (``Bộ trưởng / Bộ Quốc phòng Peru trong chuyến thăm``, a body the matcher
    cannot resolve) is no different post: it vetoes nothing."""
    if a.provs and b.provs and not a.provs & b.provs:
        return True
    if not (a.sigs and b.sigs and a.overlaps(b)):
        return False
    return not any(x == y or x.startswith(y + " ") or y.startswith(x + " ") for x in a.sigs for y in b.sigs)


def _unit_of(u: _Profile, v: _Profile) -> str | None:
    """The body that makes ``u`` (no body of its own but units) a unit of ``v``'s body: named in
    ``u``'s articles and held by ``v`` (or named in ``v``'s articles too, when ``v`` has none either)."""
    if not u.units:
        return None
    return min((x for x in u.context if x in v.bodies or (v.units and x in v.context)), default=None)


def _same_small_field(a: _Profile, b: _Profile) -> bool:
    return "sport" in _same_field(a.fields, b.fields) and not (a.provs ^ b.provs)


def _fills_gap(u: _Profile, v: _Profile) -> bool:
    """``u``, with no body of its own but units, could be ``v`` by the unit or small-field rule."""
    return u.units and (_unit_of(u, v) is not None or _same_small_field(u, v))


def _run_on(a: str, b: str) -> str | None:
    """The body two written body names share when one of them runs on into its sentence, or
    None: both start with the same name of 3 or more words that ends in a capitalised word or a
    number (``Bệnh viện K``), after which one goes on in 2 or more lowercase words (``khuyến
    khích tất cả phụ nữ``: the extractor read the sentence on) and the other ends or goes on
    capitalised (``Trung ương``: a longer name of the body). ``Cục Y tế`` / ``Cục Y tế dự
    phòng`` are two bodies: their shared name ends in a lowercase word; so are two that share a
    name which is no one body (``Trung tâm Y tế huyện Châu Thành``: ten provinces have one)."""
    wa, wb = _norm(a).split(), _norm(b).split()
    n = 0
    while n < min(len(wa), len(wb)) and wa[n].casefold() == wb[n].casefold():
        n += 1
    if n < 3 or not any(w[:1].isupper() or any(ch.isdigit() for ch in w) for w in (wa[n - 1], wb[n - 1])):
        return None
    for run, other in ((wa[n:], wb[n:]), (wb[n:], wa[n:])):
        words = [w.strip(_RUN_ON_PUNCT) for w in run]
        if len(run) >= 2 and all(w.islower() and w.isalpha() for w in words) and (not other or other[0][:1].isupper()):
            shared = " ".join(wa[:n])
            return shared if body_info(shared) is not None else None
    return None


_RUN_ON_PUNCT = ",.;:!?\"'()"


# A deputy's post -> the post of the body's head it may be promoted to (besides ``Phó X`` -> ``X``).
_HEAD_OF_DEPUTY = {"thứ trưởng": "bộ trưởng"}


def _promoted(early: _Profile, late: _Profile) -> str | None:
    """The head's post ``late`` holds after ``early`` held only its deputy's (``Phó Trưởng ban``
    -> ``Trưởng ban``), ``early`` seen only before ``late`` and less than a year before; else None."""
    if not early.dates or not late.dates or not early.titles or early.dates[-1] > late.dates[0]:
        return None
    if _days(late.dates[0], early.dates[-1]) >= 365:
        return None
    heads = {_HEAD_OF_DEPUTY.get(t, t.removeprefix("phó ")) for t in early.titles}
    if any(not (t.startswith("phó ") or t in _HEAD_OF_DEPUTY) for t in early.titles):
        return None
    return min(heads & late.titles, default=None)


def _why_same(name: str, a: _Profile, b: _Profile, several: frozenset[int] = frozenset()) -> str | None:
    """The reason two same-name persons are one, or None. ``several``: ids of the profiles with
    no body of their own that fit several persons (which one? the unit and small-field rules do
    not join them)."""
    if _conflict(a, b):
        return None
    for x in sorted(a.bodies):
        for y in sorted(b.bodies):
            if x != y and _alike(x, y):
                return f"same name + one body under two spellings: {x} / {y}"
    for x in sorted(a.written):
        for y in sorted(b.written):
            if (body := _run_on(x, y)) is not None:
                return f"same name + one body, one name of it run on into its sentence: {body}"
    if (same := sorted(a.sigs & b.sigs)):
        return f"same name + same singular post: {same[0]}"
    for u, v in ((a, b), (b, a)):
        if id(u) not in several and (hit := _unit_of(u, v)):
            return f"same name + a unit of the body its articles name: {hit}"
    if (a.units and id(a) not in several or b.units and id(b) not in several) and _same_small_field(a, b):
        return "same name + same small field: sport"
    if _is_rare(name) and (same_f := _same_field(a.fields, b.fields)) and a.provs == b.provs:
        return f"same rare name + posts in one field: {same_f[0]}"
    if _is_foreign(name) and a.provs == b.provs and (not a.fields or not b.fields or _same_field(a.fields, b.fields)):
        return "same foreign name + compatible posts"
    if a.national and b.national and not a.overlaps(b):
        return "same name + national state posts at different times: a career"
    if (a.national or b.national) and a.state and b.state and not a.bodies & b.bodies:
        for early, late in ((a, b), (b, a)):
            if (post := _promoted(early, late)) is not None:
                return f"same name + a national deputy promoted to head another body: {post}"
    return None


def _join_compatible(ms: list[Row], c: dict[str, int], keys: list[set[str]], owner: dict[int, str],
                     reason: dict[int, str]) -> None:
    """Join the persons of one name (``owner``: mention -> person id) that ``_why_same`` ties,
    one pair at a time in a fixed order, checking every member against the other group's; the
    joined person keeps the smallest id and each joined mention's reason says why."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i in sorted(owner):
        groups[owner[i]].append(i)
    if len(groups) < 2:
        return
    pids = sorted(groups)
    prof = {p: _Profile(groups[p], ms, c, keys) for p in pids}
    members: dict[str, list[str]] = {p: [p] for p in pids}
    head: dict[str, str] = {p: p for p in pids}
    name = ms[0][c["name_key"]]
    several = frozenset(id(prof[p]) for p in pids if len({
        frozenset(b for b in prof[q].bodies if not b.startswith(_UNITS))
        for q in pids if q != p and _fills_gap(prof[p], prof[q])} - {frozenset()}) > 1)
    for x, p in enumerate(pids):
        for q in pids[x + 1 :]:
            hp, hq = head[p], head[q]
            if hp == hq or (why := _why_same(name, prof[p], prof[q], several)) is None:
                continue
            if any(_conflict(prof[u], prof[v]) for u in members[hp] for v in members[hq]):
                continue
            keep, gone = sorted((hp, hq))
            for u in members[gone]:
                head[u] = keep
                for i in groups[u]:
                    reason[i] = f"{why} ({reason[i]})"
            members[keep].extend(members.pop(gone))
    for i in owner:
        owner[i] = head[owner[i]]


def _place_name(name: str) -> bool:
    """A name that is a place of the gazetteer: a commune or ward, a district, a province, a
    foreign place."""
    g = gazetteer()
    k = gazetteer_key(name)
    return g.knows_commune(name) or k in g.district_names or k in g.by_alias or k in g.foreign


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    """Keys of the names of 2 or more words that are never a person's: the known bodies and
    companies (``data/organizations.tsv``, ``data/companies.tsv``: canonical names and aliases)
    and the countries, foreign cities and seas (``data/countries.tsv``)."""
    out = {k for k in _places() if " " in k}
    for row in (*load_table("organizations"), *load_table("companies")):
        out.update(k for a in [row["canonical"], *row["aliases"].split("|")] if " " in (k := okey(a.strip())))
    return frozenset(out)


def _not_a_person(m: Row, c: dict[str, int]) -> str | None:
    """What shows a mention's "name" is a place's or a body's, not a person's, or None: a name of
    2 or more words that is a known body, company or foreign place (``Hàn Quốc``, ``Hòa Phát``;
    a one-word name such as ``Đức`` is left alone); or a name of two syllables from a family name that is
    a place of the gazetteer and ends the name of a body its article or its own post names
    (``Bạch Mai`` next to ``Bệnh viện Bạch Mai``, ``Trà My`` next to ``Trung tâm Y tế huyện Nam
    Trà My``). A two-syllable name that is a place but ends no body of its article (``Hoàng
    Nam``, a commune's name too) is a person."""
    key = m[c["name_key"]]
    if okey(m[c["name"]]) in _known_names():
        return "the name of a known body or place"
    words = key.split()
    if len(words) != 2 or words[0] not in _family_keys() or not _place_name(m[c["name"]]):
        return None
    bodies = [k[4:] for k in _j(m[c["places"]]) or () if k.startswith("org:")]
    bodies += [okey(o) for _, o, _ in _j(m[c["posts"]]) or () if o]
    body = min((b for b in bodies if b.endswith(" " + key)), default=None)
    return None if body is None else f"a place's name, as in the body {body}"


def _resolve_name(mentions: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
    """One name key's mentions -> (persons, posts, mentions with person_id and reason). A mention
    whose name is a place's (``_not_a_person``) is flagged: no person, ``person_id`` null."""
    c = _col("person_mentions")
    flagged: list[Row] = []
    kept: list[Row] = []
    for m in mentions:
        if (why := _not_a_person(m, c)) is not None:
            flagged.append((*m[:2], None, *m[3:7], f"not a person: {why}", *m[8:]))
        else:
            kept.append(m)
    persons, posts, out_m = _resolve_people(kept, c) if kept else ([], [], [])
    return persons, posts, sorted([*out_m, *flagged], key=lambda m: (m[c["doc_id"]], m[c["official_id"]]))


def _resolve_people(mentions: list[Row], c: dict[str, int]) -> tuple[list[Row], list[Row], list[Row]]:
    """``_resolve_name`` for the mentions that are persons."""
    ms = sorted(mentions, key=lambda m: (m[c["doc_id"]], m[c["official_id"]]))
    keys = [set(_j(m[c["evidence"]]) or ()) for m in ms]
    uf = _Union(len(ms))
    first: dict[str, int] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            if k in first:
                uf.join(first[k], i)
            else:
                first[k] = i
    # A body named inside a longer name of it ("Vụ Giáo dục đại học" / "Vụ Giáo dục đại học, Bộ
    # Giáo dục và Đào tạo"; "VinSmart" / "Công ty cổ phần ... VinSmart") is the same body for one
    # name: join them. Few bodies per name, so comparing every pair is cheap.
    orgs = sorted((k for k in first if k.startswith("org:")), key=len)
    nested: dict[str, str] = {}
    for n, a in enumerate(orgs):
        if a[4:] in _places():
            continue  # a country is not the same body as its ministries ("Peru" / "Bộ Ngoại giao Peru")
        inner = f" {a[4:]} "
        for b in orgs[n + 1 :]:
            if len(b) > len(a) and inner in f" {b[4:]} ":
                uf.join(first[a], first[b])
                nested.setdefault(a, b)
                nested.setdefault(b, a)
    comp_keys: dict[int, set[str]] = defaultdict(set)
    comp_size: Counter[int] = Counter()
    for i, ks in enumerate(keys):
        if ks:
            comp_keys[uf.find(i)] |= ks
            comp_size[uf.find(i)] += 1
    key_count: Counter[tuple[int, str]] = Counter()
    for i, ks in enumerate(keys):
        for k in ks:
            key_count[(uf.find(i), k)] += 1
    owner: dict[int, str] = {}  # mention -> person id
    reason: dict[int, str] = {}
    for i, ks in enumerate(keys):
        if not ks:
            continue
        root = uf.find(i)
        owner[i] = _h("per_", ms[i][c["name_key"]] + "\x1f" + min(comp_keys[root]))
        shared = sorted(k for k in ks if key_count[(root, k)] > 1)
        inside = sorted(k for k in ks if k in nested)
        if shared:
            reason[i] = _describe(shared[0])
        elif inside:
            a, b = sorted((inside[0], nested[inside[0]]), key=len)
            reason[i] = f"same name + body {a[4:]} within {b[4:]}"
        else:
            reason[i] = "own posts: " + ", ".join(sorted(ks)) if comp_size[root] == 1 else "bridged by a mention with several posts"
    # Mentions without posts: the one same-name person their article's places or bodies point to.
    by_key: dict[str, set[int]] = defaultdict(set)
    for root, ks in comp_keys.items():
        for k in ks:
            by_key[k].add(root)
    held: dict[str, set[int]] = defaultdict(set)  # singular post title -> persons who held it
    held_any: dict[str, set[int]] = defaultdict(set)  # any post title -> persons who held it
    for i, ks in enumerate(keys):
        if ks:
            for t in _titles(ms[i], c):
                held[t].add(uf.find(i))
            for t in _titles(ms[i], c, every=True):
                held_any[t].add(uf.find(i))
    lone: dict[str, list[int]] = defaultdict(list)  # singular post -> bare mentions with no person to join
    unposted: list[tuple[int, list[str]]] = []  # (mention, ["post@place", ...]) with no person to join
    for i, ks in enumerate(keys):
        if ks:
            continue
        places = sorted(p for p in _j(ms[i][c["places"]]) or () if not p.startswith("field:"))
        cands = {r for p in places for r in by_key.get(p, ())}
        titles = _titles(ms[i], c)
        held_here = held
        by_title = {r for t in titles for r in held.get(t, ())}
        if not cands and not by_title:
            # Any post: the one same-name person who held it, when that person is tied to no
            # province or the article mentions theirs ("Chủ tịch HĐQT" with no body / "Chủ tịch
            # HĐQT Sacombank"; a "Phó Chủ tịch" with no body is not the Phó Chủ tịch of a town
            # the article never names).
            art = {p for p in places if p.startswith("prov:")}
            any_t = {r for t in _titles(ms[i], c, every=True) for r in held_any.get(t, ())}
            if len(any_t) == 1:
                root = next(iter(any_t))
                prov = {k for k in comp_keys[root] if k.startswith("prov:")}
                if not prov or prov & art:
                    by_title = any_t
                    titles = _titles(ms[i], c, every=True)
                    held_here = held_any
        if len(cands | by_title) == 1:
            root = (cands | by_title).pop()
            owner[i] = _h("per_", ms[i][c["name_key"]] + "\x1f" + min(comp_keys[root]))
            hit = next((p for p in places if root in by_key.get(p, ())), None)
            if hit is None:
                reason[i] = "same name + same post " + next(t for t in titles if root in held_here.get(t, ())) + ", no body named"
            else:
                reason[i] = "same name + no post, article mentions " + ("province " if hit.startswith("prov:") else "body ") + hit.split(":", 1)[1]
        elif not cands and not by_title and titles:
            sigs = sorted(g for t, o, _ in _j(ms[i][c["posts"]]) or () if t and (g := _signature(t, o)))
            lone[sigs[0] if sigs else titles[0]].append(i)  # "Bộ trưởng" of two ministries: two people
        elif not cands and not by_title and (pairs := _post_places(ms[i], c, places)):
            unposted.append((i, pairs))
        else:
            owner[i] = _h("per_", ms[i][c["name_key"]] + "\x1fdoc:" + ms[i][c["doc_id"]] + "#" + ms[i][c["official_id"]])
            reason[i] = "no post to compare: kept apart" if not cands else f"no post, {len(cands)} same-name persons fit: kept apart"
    # Post-less mentions that nobody else fits: the same post and a place of their articles in
    # common make them one person ("Đội trưởng" twice in articles about Gia Lai).
    if unposted:
        uu = _Union(len(unposted))
        seen_pair: dict[str, int] = {}
        for k, (_, pairs) in enumerate(unposted):
            for pair in pairs:
                if pair in seen_pair:
                    uu.join(seen_pair[pair], k)
                else:
                    seen_pair[pair] = k
        groups_u: dict[int, list[int]] = defaultdict(list)
        for k in range(len(unposted)):
            groups_u[uu.find(k)].append(k)
        for members in groups_u.values():
            if len(members) < 2:
                i = unposted[members[0]][0]
                owner[i] = _h("per_", ms[i][c["name_key"]] + "\x1fdoc:" + ms[i][c["doc_id"]] + "#" + ms[i][c["official_id"]])
                reason[i] = "no post to compare: kept apart"
                continue
            pairs_all = [set(unposted[k][1]) for k in members]
            anchor = min(set.union(*pairs_all))
            for k in members:
                i = unposted[k][0]
                owner[i] = _h("per_", ms[i][c["name_key"]] + "\x1fpost+place:" + anchor)
                shared = sorted(p for p in pairs_all[members.index(k)] if sum(p in q for q in pairs_all) > 1)
                title, _, place = (shared or [anchor])[0].partition("@")
                reason[i] = f"same name + same post {title}, articles both mention {place.split(':', 1)[1]}"
    for title, idx in lone.items():  # same name + same singular post, no body anywhere: one person
        for i in idx:
            owner[i] = _h("per_", ms[i][c["name_key"]] + "\x1fpost:" + title)
            reason[i] = f"same name + same post {title}, no body named" if len(idx) > 1 else "own post, no body named: " + title
    _join_compatible(ms, c, keys, owner, reason)
    out_m = [(*m[:2], owner[i], *m[3:7], reason[i], *m[8:]) for i, m in enumerate(ms)]
    persons: list[Row] = []
    posts: list[Row] = []
    groups: dict[str, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        groups[owner[i]].append(i)
    for pid, idx in sorted(groups.items()):
        names = Counter(ms[i][c["name"]] for i in idx)
        genders = Counter(ms[i][c["gender"]] for i in idx if ms[i][c["gender"]])
        dates = sorted(d for i in idx if (d := ms[i][c["published"]]))
        provinces = sorted({k[5:] for i in idx for k in keys[i] if k.startswith("prov:")})
        reasons = Counter(reason[i].split(":")[0] for i in idx)
        persons.append((pid, min(names, key=lambda n: (-names[n], n)), ms[idx[0]][c["name_key"]],
                        min(genders, key=lambda g: (-genders[g], g)) if genders else None,
                        len({ms[i][c["doc_id"]] for i in idx}), len(idx), dates[0] if dates else None,
                        dates[-1] if dates else None, _js(provinces), _js(dict(sorted(reasons.items())))))
        seen: dict[str, dict[str, Any]] = {}
        for i in idx:
            for title, org, body_id in _j(ms[i][c["posts"]]) or ():
                if not title:
                    continue
                pk = okey(title) + "|" + (body_id or okey(org or ""))
                p = seen.setdefault(pk, {"titles": Counter(), "orgs": Counter(), "body": body_id, "docs": set(), "dates": []})
                p["titles"][title] += 1
                if org:
                    p["orgs"][org] += 1
                p["docs"].add(ms[i][c["doc_id"]])
                if ms[i][c["published"]]:
                    p["dates"].append(ms[i][c["published"]])
        for pk, p in sorted(seen.items()):
            t, o = p["titles"], p["orgs"]
            ds = sorted(p["dates"])
            posts.append((pid, pk, min(t, key=lambda x: (-t[x], x)), min(o, key=lambda x: (-o[x], x)) if o else None,
                          p["body"], ds[0] if ds else None, ds[-1] if ds else None, len(p["docs"])))
    return persons, posts, out_m


def _resolve_bodies(mentions: list[Row]) -> list[Row]:
    c = _col("body_mentions")
    groups: dict[str, list[Row]] = defaultdict(list)
    for m in mentions:
        groups[m[c["body_key"]]].append(m)
    out: list[Row] = []
    for key, ms in sorted(groups.items()):
        names = Counter(m[c["name"]] for m in ms)
        kinds = Counter(m[c["kind"]] for m in ms if m[c["kind"]])
        provs = Counter(m[c["province"]] for m in ms if m[c["province"]])
        dates = sorted(d for m in ms if (d := m[c["published"]]))
        out.append((_h("bod_", key), key, min(names, key=lambda n: (-names[n], n)),
                    min(kinds, key=lambda k: (-kinds[k], k)) if kinds else None,
                    min(provs, key=lambda k: (-provs[k], k)) if provs else None,
                    len({m[c["doc_id"]] for m in ms}), dates[0] if dates else None, dates[-1] if dates else None,
                    _js(sorted({m[c["written"]] for m in ms if m[c["written"]]}))))
    return out


def _compatible(a: Row, b: Row, c: dict[str, int]) -> bool:
    ya, yb = a[c["year"]], b[c["year"]]
    if ya is not None and yb is not None and int(ya) != int(yb):
        return False
    ia, ib = a[c["issuer"]], b[c["issuer"]]
    if ia and ib and okey(canonical_org(_norm(ia))) != okey(canonical_org(_norm(ib))):
        return False
    return True


def _resolve_legal(cites: list[Row], facts: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
    """One group's (kind + number) citations and facts -> (documents, citations, facts)."""
    c = _col("legal_document_citations")
    by_key: dict[str, list[Row]] = defaultdict(list)
    for r in cites:
        by_key[r[c["doc_key"]]].append(r)

    def rank(k: str) -> tuple[int, str]:  # the fullest key first: code, then year + issuer, ...
        r = by_key[k][0]
        return (0 if k.startswith("code:") else 1 if r[c["year"]] and r[c["issuer"]] else 2 if r[c["year"]] else 3, k)

    full = [k for k in by_key if rank(k)[0] <= 1]
    target: dict[str, tuple[str, str]] = {k: (k, "cited as " + ("this code" if k.startswith("code:") else "this kind, number, year and issuer")) for k in full}
    for k in sorted(by_key, key=rank):
        if k in target:
            continue
        fits = [f for f in full if _compatible(by_key[k][0], by_key[f][0], c)]
        if len(fits) == 1:
            target[k] = (fits[0], "fewer details, compatible with the one fuller citation")
        else:
            target[k] = (k, "cited by kind and number" + (f"; {len(fits)} fuller documents fit: kept apart" if fits else ""))
    out_c = sorted(
        (*r[:2], _h("law_", target[r[c["doc_key"]]][0]), *r[3:5], target[r[c["doc_key"]]][1], *r[6:]) for r in cites
    )
    pol = {(r[0], r[1]): r[2] for r in out_c}
    out_f = sorted((*f[:3], pol[(f[0], f[2])], *f[4:]) for f in facts if (f[0], f[2]) in pol)
    docs: list[Row] = []
    members: dict[str, list[Row]] = defaultdict(list)
    for k, (t, _) in target.items():
        members[t].extend(by_key[k])
    for t, rs in sorted(members.items()):
        lid = _h("law_", t)
        head = next(r for r in by_key[t])
        dates = sorted(d for r in rs if (d := r[c["published"]]))
        years = [r[c["year"]] for r in rs if r[c["year"]] is not None]
        pick = {f: Counter(r[c[f]] for r in rs if r[c[f]]) for f in ("code", "issuer", "title", "number")}
        best = {f: (min(v, key=lambda x: (-v[x], x)) if v else None) for f, v in pick.items()}
        basis = "code" if t.startswith("code:") else _basis(head, c)
        docs.append((lid, t, head[c["group_key"]], basis, head[c["kind"]], best["number"],
                     Counter(years).most_common(1)[0][0] if years else None, best["code"], best["issuer"], best["title"],
                     dates[0] if dates else None, dates[-1] if dates else None, len({r[0] for r in rs}),
                     len({(f[0], f[1]) for f in out_f if f[3] == lid})))
    return docs, out_c, out_f


def _basis(r: Row, c: dict[str, int]) -> str:
    return "+".join(["kind", "number" if r[c["number"]] else "title", *(["year"] if r[c["year"]] else []),
                     *(["issuer"] if r[c["issuer"]] else [])])


def resolve(ev: Tables) -> Tables:
    """Every registry table from evidence rows (of the whole archive, or of every name, body and
    document group that an update touches)."""
    out: Tables = {name: [] for name in REGISTRY_NAMES}
    c = _col("person_mentions")
    by_name: dict[str, list[Row]] = defaultdict(list)
    for m in ev.get("person_mentions", ()):
        by_name[m[c["name_key"]]].append(m)
    for _, ms in sorted(by_name.items()):
        persons, posts, mentions = _resolve_name(ms)
        out["persons"].extend(persons)
        out["person_posts"].extend(posts)
        out["person_mentions"].extend(mentions)
    bm = sorted(ev.get("body_mentions", ()))
    out["body_mentions"] = bm
    out["bodies"] = _resolve_bodies(bm)
    cc, fc = _col("legal_document_citations"), _col("legal_document_facts")
    groups: dict[str, tuple[list[Row], list[Row]]] = defaultdict(lambda: ([], []))
    for r in ev.get("legal_document_citations", ()):
        groups[r[cc["group_key"]]][0].append(r)
    for f in ev.get("legal_document_facts", ()):
        if f[fc["group_key"]] in groups:
            groups[f[fc["group_key"]]][1].append(f)
    for _, (cs, fs) in sorted(groups.items()):
        docs, cites, facts = _resolve_legal(cs, fs)
        out["legal_documents"].extend(docs)
        out["legal_document_citations"].extend(cites)
        out["legal_document_facts"].extend(facts)
    return out


GROUP_COLUMNS = {
    "person_mentions": "name_key",
    "body_mentions": "body_key",
    "legal_document_citations": "group_key",
    "legal_document_facts": "group_key",
}
"""The column that splits each evidence table into independent groups: ``resolve`` on one group's
evidence (all its tables) gives that group's registry rows, so an engine can shuffle by it."""


def keyed_evidence(ev: Tables) -> list[tuple[str, str, Row]]:
    """``(group kind, group key, (table, row))`` for every evidence row: the unit of an engine's
    shuffle (``engines.dask.registry_tables``)."""
    kinds = {"person_mentions": "p", "body_mentions": "b", "legal_document_citations": "l", "legal_document_facts": "l"}
    out: list[tuple[str, str, Row]] = []
    for table, rows in ev.items():
        i = _col(table)[GROUP_COLUMNS[table]]
        out.extend((kinds[table], r[i], (table, r)) for r in rows)
    return out


def resolve_group(items: Iterable[tuple[str, Row]]) -> list[tuple[str, Row]]:
    """``resolve`` for one group's ``(table, row)`` evidence -> ``(table, row)`` registry rows."""
    ev: Tables = defaultdict(list)
    for table, row in items:
        ev[table].append(row)
    return [(t, r) for t, rs in resolve(ev).items() for r in rs]


# --- the Python API and incremental updates ---------------------------------------------------


def rows_from_records(records: Iterable[dict[str, Any]]) -> Rows:
    """Record dicts (``Record.to_dict()``, with ``doc_id``) -> the relational rows of them all."""
    from .db.rows import record_rows
    from .io.docs import InputDoc

    out: Rows = defaultdict(list)
    for i, rec in enumerate(records):
        if "error" in rec:
            continue
        did = rec.get("doc_id") or f"doc{i}"
        doc = InputDoc(doc_id=did, text=None, published=rec.get("published"), url=rec.get("url"), title=rec.get("title"))
        for table, rs in record_rows(doc, rec, "1970-01-01T00:00:00+00:00").items():
            out[table].extend(rs)
    return dict(out)


def build(records: Iterable[dict[str, Any]]) -> Tables:
    """The registry of a list of record dicts, from scratch: ``{"persons": [row, ...], ...}``
    (rows in the column order of ``tables.REGISTRY_TABLES``)."""
    return resolve(evidence(rows_from_records(records)))


class Store(Protocol):
    """Where registry rows live: ``select`` / ``delete`` rows whose ``column`` is in ``values``,
    ``insert`` rows (column order of ``tables``)."""

    def select(self, table: str, column: str, values: Sequence[str]) -> list[Row]: ...

    def delete(self, table: str, column: str, values: Sequence[str]) -> None: ...

    def insert(self, table: str, rows: Sequence[Row]) -> None: ...


class MemoryStore:
    """Registry tables in memory (``tables``: name -> rows), for the Python API and tests."""

    def __init__(self, tables: Tables | None = None) -> None:
        self.tables: Tables = {n: list((tables or {}).get(n, ())) for n in REGISTRY_NAMES}

    def select(self, table: str, column: str, values: Sequence[str]) -> list[Row]:
        i, vs = _col(table)[column], set(values)
        return [r for r in self.tables[table] if r[i] in vs]

    def delete(self, table: str, column: str, values: Sequence[str]) -> None:
        i, vs = _col(table)[column], set(values)
        self.tables[table] = [r for r in self.tables[table] if r[i] not in vs]

    def insert(self, table: str, rows: Sequence[Row]) -> None:
        self.tables[table].extend(rows)

    def sorted_tables(self) -> Tables:
        return {n: sorted(rs, key=lambda r: tuple("" if v is None else str(v) for v in r)) for n, rs in self.tables.items()}


class SqlStore:
    """A ``Store`` over a DB-API cursor (``engine``: ``sqlite`` with ``?`` or ``postgres``
    with ``%s`` placeholders), inside the caller's transaction."""

    def __init__(self, cursor: Any, engine: str) -> None:
        self.cur = cursor
        self.mark = "?" if engine == "sqlite" else "%s"

    def select(self, table: str, column: str, values: Sequence[str]) -> list[Row]:
        t = BY_NAME[table]
        cols = ", ".join(t.column_names)
        types = [ty for _, ty in t.columns]
        out: list[Row] = []
        vs = sorted(set(values))
        for k in range(0, len(vs), 500):
            part = vs[k : k + 500]
            self.cur.execute(f"SELECT {cols} FROM {table} WHERE {column} IN ({', '.join(self.mark for _ in part)})", part)
            for row in self.cur.fetchall():
                out.append(tuple(_from_db(v, ty) for v, ty in zip(row, types, strict=True)))
        return out

    def delete(self, table: str, column: str, values: Sequence[str]) -> None:
        vs = sorted(set(values))
        for k in range(0, len(vs), 500):
            part = vs[k : k + 500]
            self.cur.execute(f"DELETE FROM {table} WHERE {column} IN ({', '.join(self.mark for _ in part)})", part)

    def insert(self, table: str, rows: Sequence[Row]) -> None:
        if rows:
            t = BY_NAME[table]
            marks = ", ".join(self.mark for _ in t.columns)
            self.cur.executemany(f"INSERT INTO {table} ({', '.join(t.column_names)}) VALUES ({marks})", list(rows))


def _from_db(v: Any, ty: str) -> Any:
    if v is None:
        return None
    if ty == "json" and not isinstance(v, str):
        return _js(v)
    if ty == "num" or (ty == "int" and isinstance(v, Decimal)):
        return int(v)
    return v


def update(store: Store, doc_ids: Iterable[str], ev: Tables) -> dict[str, int]:
    """Merge a batch into the registry in ``store``: the evidence of ``doc_ids`` (re-loaded
    documents included) is replaced by ``ev`` and every name, body and document group they touch
    is resolved again from all its evidence. Returns the rows written per table."""
    docs = sorted(set(doc_ids))
    pm, bm = _col("person_mentions"), _col("body_mentions")
    lc = _col("legal_document_citations")
    old_pm = store.select("person_mentions", "doc_id", docs)
    old_bm = store.select("body_mentions", "doc_id", docs)
    old_lc = store.select("legal_document_citations", "doc_id", docs)
    names = sorted({r[pm["name_key"]] for r in (*old_pm, *ev.get("person_mentions", ()))})
    bkeys = sorted({r[bm["body_key"]] for r in (*old_bm, *ev.get("body_mentions", ()))})
    groups = sorted({r[lc["group_key"]] for r in (*old_lc, *ev.get("legal_document_citations", ()))})
    mine = set(docs)
    merged: Tables = {
        "person_mentions": [r for r in store.select("person_mentions", "name_key", names) if r[0] not in mine],
        "body_mentions": [r for r in store.select("body_mentions", "body_key", bkeys) if r[0] not in mine],
        "legal_document_citations": [r for r in store.select("legal_document_citations", "group_key", groups) if r[0] not in mine],
        "legal_document_facts": [r for r in store.select("legal_document_facts", "group_key", groups) if r[0] not in mine],
    }
    for t in merged:
        merged[t].extend(ev.get(t, ()))
    res = resolve(merged)
    old_persons = [r[0] for r in store.select("persons", "name_key", names)]
    store.delete("person_posts", "person_id", old_persons)
    store.delete("persons", "name_key", names)
    store.delete("person_mentions", "name_key", names)
    store.delete("person_mentions", "doc_id", docs)
    store.delete("bodies", "body_key", bkeys)
    store.delete("body_mentions", "body_key", bkeys)
    store.delete("body_mentions", "doc_id", docs)
    store.delete("legal_documents", "group_key", groups)
    for t in ("legal_document_citations", "legal_document_facts"):
        store.delete(t, "group_key", groups)
        store.delete(t, "doc_id", docs)
    for t in REGISTRY_NAMES:
        store.insert(t, res[t])
    return {t: len(res[t]) for t in REGISTRY_NAMES}
