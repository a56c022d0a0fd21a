"""officials: named people holding a post, with every post, its body and every mention (SPEC §2).

How it reads an article (all patterns compiled once; the text is scanned a few times, linearly):

1. Post hits: one case-insensitive alternation of ``data/titles.tsv`` (``Thứ trưởng``, ``Phó Chủ tịch``,
   ``Chủ tịch HĐQT`` …), with an optional ``Phó`` before and ``Thường trực`` after. Ranks
   (``Đại tá``) and honours (``PGS.TS``, ``Bác sĩ``) are hits too, but they are skipped, never titles.
2. Name candidates: runs of capitalised syllables; a name is 2-4 syllables starting with a family
   name from ``data/family_names.tsv`` (a foreign name is accepted after ``ông``/``bà`` or a post).
   Place names and runs after a school/street/company word (one or two words: ``Bệnh viện Bạch Mai``)
   are not people. A foreign name may carry hyphens and particles (``Jean-Michel``, ``Von der Leyen``)
   and loses what is glued before it: a country or region (``Ukraine``, ``châu Âu``), a foreign city,
   a body's Vietnamese words (``… Nhà Trắng Jake Sullivan``) or a Latin body word (``Điện Kremlin X``);
   a Latin run holding a body word (``European Super League``) and a Latin run after a unit word
   (``tỉnh Preah Sihanouk``) are not people.
3. Posts attach to a name by four rules (the item's ``rule`` lists those that fired):
   - ``prenominal``: post [body] name — ``Thứ trưởng Bộ Lao động, Thương binh và Xã hội Lê Tấn Dũng``;
   - ``apposition``: name, post body[, post body…] — ``Ông Phạm Tấn Hòa, Phó Chủ tịch UBND tỉnh Long An,``;
   - ``role``: name … làm/giữ chức/là post — ``do Thứ trưởng Lê Tấn Dũng làm tổ trưởng`` (the body is the
     one the sentence names: ``Tổ Công tác đặc biệt …``);
   - ``list``: post: name, name, … — ``Phó Chủ tịch: Trần Văn An, Lê Thị Bình``;
   - ``copula``: post [body] [khi đó] là / đối với name — ``Phó Giám đốc Sở X khi đó là ông Y``;
   - ``role`` also covers a short mention or a sentence-opening pronoun (``Ông Hiếu là …``,
     ``Bà là Thành viên HĐQT …``), lists of posts (``giữ nhiều chức vụ … như: A, B``) and lists of
     bodies (``Chủ tịch HĐQT của 3 công ty gồm A, B và C``).
   Titles keep their qualifiers (``Nguyên``, ``Quyền``, ``Cựu``, ``Đồng``, ``Phó``, ``Thường trực``), not
   when the word ends a compound (``chính quyền Tổng thống``); unit-head posts are built from
   ``post_unit`` cues (``Đồn trưởng``/``Trưởng đồn``). A post is not the next name's after a candidate
   word (``ứng viên Tổng thống X``), for an addressee (``báo cáo với Chủ tịch nước, bác sĩ X``) or after
   ``theo POST,``; an aide's post names both (``trợ lý Tổng thống Nga X`` -> ``Trợ lý Tổng thống``).
   A body's name goes through ``OrgMatcher.canonical`` (``res.orgs``) (``UBND`` -> ``Ủy ban nhân dân``).
   Then bodies come from the article (``_resolve_bodies``): a short form it spells out once
   (``… (Techcombank)``), a body named by kind (``Đảng ủy``, ``HĐQT``, ``Hội``) completed from the
   person's other body or the nearest one, a bodiless post from its paragraph or its list's heading,
   a placeless ``Tỉnh ủy``/``Sở`` from the article's (or paragraph's) province.
4. Mentions: every occurrence of the full name, plus short ones (``ông Dũng``, ``Bộ trưởng Thể``) by
   given name — refused when two people of the article share it.
People with no post are not officials (patients, victims, residents quoted without a role); a
suspect or defendant is one only when a post is in a public body (SPEC, second edition).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from ..gazetteer import gazetteer, place_hits
from ..gazetteer import key as place_key
from ..lexicons import LexiconError, load_table, word_list
from ..model import Mention, Official, Record, Title
from ..orgnames import dominant_province, okey
from ..resources import Resources
from ..text import Doc
from ..wordlists import HYPHENS, SPACES, UNTONE_TABLE, alternation, trie_pattern, untone, words_re

# A name syllable: capital then small letters (``Nguyễn``, ``H'Hen``, ``Jae-in``, ``Chan-o-cha``); all-caps words (``UBND``) are not.
# A plain-Latin word may join capitalised parts (``Jean-Michel``, ``Jong-Un``); a Vietnamese one does not
# (``Rịa-Vũng`` in ``Bà Rịa-Vũng Tàu`` stays two syllables).
_SYL = r"(?:[A-Z][a-z]++(?:-[A-Z]?[a-z]++){1,2}+|\p{Lu}\p{Ll}*+(?:'\p{Lu}?\p{Ll}+)?(?:-\p{Ll}++){0,2}+|(?:Mc|Mac|De|Di|Da|Du|La|Le)[A-Z][a-z]++)(?![\p{L}\p{N}])"
# Small words inside European and Arabic names between plain-Latin syllables (``Von der Leyen``,
# ``Edwin van der Sar``, ``Mohammed bin Salman``).
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "bin", "al", "ter", "ten"})  # not "del", "dos": place names (``Salto del Pastor``)
_PARTICLE_RE = "|".join(sorted(_PARTICLES, key=len, reverse=True))
# A run of two or more capitalised syllables separated by single spaces (``Ông Phạm Tấn Hòa``); after a
# plain-Latin syllable one or two particles may stand before the next one (rule name_particle).
_RUN_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}'])(?:{_SYL})(?:[ ]{_SYL}|(?<=[a-z])(?:[ ](?:{_PARTICLE_RE})){{1,2}}[ ](?=[A-Z][a-z]){_SYL})++"
)
# One token of a body's name: a word (``TP.HCM``, ``LĐ-TB&XH`` stay whole) or one punctuation mark.
_TOKEN_RE = regex.compile(r"[ \t]*(?:(?P<w>[\p{L}\p{N}]+(?:[.&'/-][\p{L}\p{N}]+)*)|(?P<p>[^\s\p{L}\p{N}])|(?P<nl>\n))")
# A parenthesis after a name: ``(Sinh năm 1972)``, ``(SN 1980)``; bounded, no nesting.
_PAREN_RE = regex.compile(r"[ ]*\(([^()\n]{0,80})\)")
# The separator of an apposition: a comma, a spaced dash or an opening parenthesis.
_APPOS_SEP_RE = regex.compile(r"[ ]*(?:,|[ ]-|-[ ]|\()[ ]*")
# Between posts of one chain: a comma, ``kiêm``, ``đồng thời là``; optional ``nguyên`` (former) after.
# ``và hiện là``, ``nay là`` move on to the person's present post (``Phó Bí thư … và hiện là Hiệu trưởng``);
# a ``nguyên`` (former) after the separator belongs to the next post's title.
_CHAIN_SEP_RE = regex.compile(
    r"(?:[ ]+(?:nhiệm[ ]kỳ|khóa|khoá)[ ]+[\p{L}\p{N}]+(?:[ ]?[-–][ ]?\p{N}+)?)?"
    r"[ ]*(?:[,;]|[ ]?[-–](?=[ ])|[ ]kiêm\b|,?[ ]đồng thời(?:[ ]là)?\b|,?[ ](?:và[ ])?(?:hiện[ ](?:đang[ ])?là|nay là|hiện giữ chức)\b)[ ]*(?:kiêm[ ]+)?"
)
# Words in names that a capitalised run never continues through (a run stops before them).
_INNER_STOP = frozenset(word_list("officials.inner_stop_words"))
# Parts of the day that are also given names (``Sáng``), and what makes them a time: a date or a day word after.
_DAY_PARTS = frozenset({"Sáng", "Chiều", "Tối", "Trưa", "Đêm"})
_DAY_PART_GOES_ON_RE = regex.compile(r"[ ]+(?:\d|(?i:nay|qua|mai|hôm|ngày|cùng|sớm|muộn|thứ|mùng|mồng)(?![\p{L}]))")
# A Latin surname with a capital inside after a usual prefix: ``DeSantis``, ``McCarthy``, ``DiCaprio``
# (rule inner_capital_name).
_INNER_CAP_RE = regex.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le)[A-Z][a-z]+")  # the same prefixes as ``_SYL``
# A post's colon before a list of names: ``Phó Chủ tịch: ``, ``17 ủy viên … gồm: ``.
_COLON_RE = regex.compile(r"(?:[^.;:!?\n()]|\([\d \-–]{1,12}\)){0,60}?[ ]*:[ ]*")
# Between names of a list.
_LIST_SEP_RE = regex.compile(r"[ ]*(?:,|và)[ ]*")
# Punctuation that a body's name between a post and a name never holds.
_BREAK_RE = regex.compile(r"[.;:!?()\"\n]")
# A post inside a body's run starts the next post, never the body's name: ``Phó …``, ``Trưởng phòng``.
# ``Thư ký (riêng) của`` right before a name's post: the name owns another's post.
_OWNER_BEFORE_RE = regex.compile(r"(?:[ ]riêng)?[ ]+của[ ]+$")
# A list of places or bodies after a place preposition, up to its ``và``: ``tại Đại học X và``.
_PLACE_LIST_BEFORE_RE = regex.compile(r"(?<![\p{L}])(?:tại|ở|từ|sang)[ ]+\p{Lu}[^,.;:!?()\n]{0,40}?[ ]và[ ]+$")
_NEXT_POST_RE = regex.compile(r"Phó[ ]+\p{L}|Trưởng[ ]+\p{Ll}")
# ``nguyên`` (former), ``hiện là``, ``đương kim``, ``người hiện là`` before a post in apposition.
_FORMER_RE = regex.compile(r"(?:nguyên|hiện là|đương kim|người (?:hiện (?:đang )?|đang |từng )?là)[ ]+")
# The words after a rank or an honour up to the next separator (``Bác sĩ y khoa,``).
_SKIP_RE = regex.compile(r"[^,;.()\n]{0,25}")
# Spaces, commas and dashes between a body's name and what follows.
_GAP_RE = regex.compile(r"[ ,-]*")
# A capitalised syllable starts here.
_SYL_START_RE = regex.compile(_SYL + r"(?![\p{L}\p{N}])")
# Posts a foreign name may follow without ``ông``/``bà`` (``Tổng thống Joe Biden``); after other posts
# a plain-Latin run is more often a company (``Giám đốc điều hành General Motors``).
_FOREIGN_POSTS = frozenset(word_list("officials.foreign_name_posts"))
# Small words that continue a body's name after a proper name (``… Việt Nam tại Hà Nội``).
_CONNECTOR_RE = regex.compile(r"(?:và|của|thuộc|trực thuộc|tại|chi nhánh|khu vực)(?![\p{L}])")
# A bracket naming the parent body right after a body: ``(thuộc Sở GTVT Nghệ An)``.
_OF_PAREN_RE = regex.compile(r"\([ ]*(?P<of>(?:trực[ ]+)?thuộc[ ]+[^()\n]{2,60}?)[ ]*\)")
# A bracketed abbreviation inside a body's name: ``(KH&CN)``, ``( LĐ-TB&XH )``.
_ABBR_PAREN_RE = regex.compile(r"\([ ]*[\p{Lu}\d][\p{Lu}\d&.\-]{1,11}[ ]*\)")
# A National Assembly deputy: ``Đại biểu`` right before the name ...
_DEPUTY_BEFORE_RE = regex.compile(r"(?<![\p{L}])[Đđ]ại[ ]+biểu[ ]+$")
# ... and the delegation in brackets right after it: ``(đoàn Bình Định)``, ``(Đoàn ĐBQH tỉnh Nam Định)``.
_DEPUTY_PAREN_RE = regex.compile(
    r"[ ]*\([ ]*(?:[Đđ]oàn[ ]+(?:(?:ĐBQH|đại[ ]+biểu[ ]+Quốc[ ]+hội)[ ]+)?)?(?:(?:tỉnh|thành[ ]+phố)[ ]+)?"
    r"(?P<place>[^()\n,;]{2,30}?)[ ]*\)"
)
# Field words and an English C-suite code in brackets after a post: ``Giám đốc sáng tạo (CIO)``.
_FIELD_ABBR_RE = regex.compile(r"(?P<field>(?:[ ]+\p{Ll}+){0,3})[ ]*\([ ]*C[A-Z]{1,2}O[ ]*\)")
# A short lower-case description in apposition and its comma: ``chuyên gia lúa gạo, ``.
_DESCRIPTION_RE = regex.compile(r"\p{Ll}+(?:[ ]\p{Ll}+){0,4},[ ]+")
# A count or ``các`` before a post, and the ``là``/``gồm`` that opens its list of names: ``Hai phó chủ tịch là``.
_PLURAL_COUNT_RE = regex.compile(r"(?<![\p{L}])(?i:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các|\d+)[ ]+$")
_PLURAL_IS_RE = regex.compile(r"(?:[^.;:!?\n()]{0,60}?)[ ]+(?:là|gồm có|gồm)[ ]*:?[ ]*")
# Posts too generic to give a bare foreign name a post when written in lower case (``người đứng đầu X``
# is also the leader of a table).
_GENERIC_POSTS = frozenset({"Người đứng đầu", "Đại diện", "Lãnh đạo"})
# A unit word before a plain-Latin run: the run is a place (``tỉnh Preah Sihanouk``, ``Tỉnh ủy Villa Clara``).
_PLACE_UNIT_BEFORE = frozenset({"tỉnh", "thành phố", "phố", "bang", "vùng", "thủ đô", "quận", "huyện", "đảo", "làng", "ủy", "uỷ", "ở", "tại"})
# ``của`` and a capitalised body right after a name: ``chủ tịch X của Juventus``, ``của Công ty Y``.
_OF_BODY_AFTER_RE = regex.compile(
    r"[ ]+của[ ]+(?P<body>(?:(?:Công ty|Tập đoàn|CLB|Câu lạc bộ|Ngân hàng)[ ]+)?(?:\p{Lu}[\p{L}\p{N}&-]*+(?:\.[\p{L}\p{N}]++)*+[ ]?){1,4}+)"
)
# ``của`` right after a post, before a capitalised body: ``Chủ tịch của Real Madrid``.
_OF_START_RE = regex.compile(r"[ ]+của[ ]+(?=\p{Lu})")
# ``theo`` (according to) right before a post.
_ACCORDING_RE = regex.compile(r"(?<![\p{L}])(?i:theo)[ ]+$")
# Posts whose holder serves another post's holder: ``trợ lý Tổng thống X`` is the aide, not the president.
_AIDE_POSTS = frozenset({"Trợ lý", "Thư ký", "Cố vấn", "Người phát ngôn", "Phát ngôn viên"})
# Words that never end a body's name.
_TRAILING = frozenset(word_list("officials.trailing_words"))
# Ê Đê and M'nông clan names that end a name starting with ``Y`` (a man) or ``H'`` (a woman).
_EDE_CLANS = frozenset(word_list("officials.ede_clans"))
# A short form in brackets right after a body's full name: ``(Techcombank)``, ``(gọi tắt là VFF)``.
_ALIAS_PAREN_RE = regex.compile(r"[ ]*\((?:gọi tắt là |viết tắt là |sau đây gọi là )?([\p{Lu}\d][\p{L}\d&.\-]*(?:[ ][\p{Lu}\d][\p{L}\d&.\-]*){0,2})\)")
_COMMA_RE = regex.compile(r",[ ]*")
# A foreign region named after a post: ``bang Oregon``, ``tiểu bang Texas``, ``vùng Catalonia``.
_REGION_RE = regex.compile(r"(?:tiểu bang|bang|vùng|tỉnh|thành phố)(?:[ ]\p{Lu}[\p{L}-]*){1,3}")
_REGION_WORDS = frozenset({"bang", "vùng", "châu"})  # ``châu Âu Andrea Agnelli``: the region, then the name
# Connectors that lead to a body or a place only (``tại cuộc họp`` ends a body, ``và phát triển`` does not).
_PLACE_CONNECTORS = frozenset({"tại", "của", "thuộc"})
# A level's bare unit word between a post and a name, and the body a post heads at that level.
_BARE_UNITS = frozenset({"xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "tỉnh", "thành phố"})
# A level's bare unit word right after a post, no name after it: ``Phó Chủ tịch thành phố -``, ``Bí thư xã cho biết``.
_BARE_UNIT_AFTER_RE = regex.compile(r"[ ]+(?P<u>xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố)(?![\p{L}\p{N}])(?![ ]*(?:\p{Lu}|\d))")
# ``của Chelsea`` right after a name: the body a foreign department head works for.
_OF_ORG_AFTER_RE = regex.compile(r"[ ]+của[ ]+(?P<org>\p{Lu}[\p{L}\p{N}.&-]*(?:[ ]\p{Lu}[\p{L}\p{N}.&-]*){0,3})")
# The markets a post covers, then its company: ``Việt Nam và Campuchia của Visa``.
_REGION_OF_RE = regex.compile(r"(?P<region>[^()]+?)[ ]+của[ ]+(?P<org>\p{Lu}.*)")
_REGION_SPLIT_RE = regex.compile(r"[ ]*,[ ]*|[ ]+và[ ]+")
# World regions a post may cover besides countries.
_WORLD_REGIONS = frozenset({"Việt Nam", "Đông Nam Á", "Đông Dương", "châu Á", "châu Âu", "Đông Á", "Bắc Mỹ", "Mỹ Latinh", "châu Á - Thái Bình Dương"})
# Between a post and its body: ``của`` (after an optional market, ``khu vực Đông Nam Á``), or a dash glued
# to an abbreviated post (``PGĐ- Sở Y tế``); a capital follows.
_OWNER_AFTER_RE = regex.compile(
    r"(?:(?P<q>[ ]+khu vực(?:[ ]\p{Lu}\p{Ll}*){1,3}|(?:[ ]+\p{Ll}+){1,4}?)?[ ]+của|[-–])[ ]+(?=\p{Lu}|(?:tổ chức|câu lạc bộ|hãng)[ ]+\p{Lu})"
)
# An armed force written small before its country: ``quân đội Indonesia``, ``hải quân Thái Lan``.
_FORCE_RE = regex.compile(r"(?:quân đội|hải quân|không quân|lục quân|cảnh sát|quân cảnh)[ ]+\p{Lu}")
# Board and executive posts of a company (their body, when not written, is the article's company).
_COMPANY_POST_RE = regex.compile(r"Hội đồng quản trị|Hội đồng thành viên|Tổng Giám đốc|Giám đốc điều hành|CEO|Ban Kiểm soát|Ban Điều hành|Ông chủ|Bà chủ")
# An owner named by ``ông chủ``, ``tỷ phú``, ``đại gia``: the company the article names is theirs (rule tycoon_owner).
_OWNER_TITLES = frozenset({"Ông chủ", "Bà chủ"})
# Posts of a state's leaders: a foreign holder written without a country takes the article's.
_STATE_POSTS = frozenset({"Tổng thống", "Phó Tổng thống", "Thủ tướng", "Phó Thủ tướng", "Ngoại trưởng", "Quốc vương"})
# A plural before a post: ``các Bộ trưởng``, ``những Giám đốc`` (a number, ``hai Phó Chủ tịch``, may list them).
_PLURAL_BEFORE_RE = regex.compile(r"(?<![\p{L}])(?i:các|những|nhiều|mấy)[ ]+$")
_WORD_RE = regex.compile(r"[\p{L}\p{N}]+")
# Two plain-Latin capitalised words: a brand (``Masan Group``), not a Vietnamese compound (``Khu Bảo tồn``).
_BRAND_RE = regex.compile(r"[A-Z][a-z]+[ ][A-Z][A-Za-z]*(?![\p{L}\p{N}])")
# A post's own abbreviation in brackets right after it: `` (HĐQT) ``, `` (CEO) ``.
_POST_ABBR_RE = regex.compile(r"[ ]*\([ ]*[\p{Lu}][\p{Lu}&.\-]{1,7}[ ]*\)[ ]+")
# A place in brackets after a body: ``(Hà Nội)``, ``(tỉnh Nghệ An)``, ``(quận 1)``.
_PLACE_PAREN_RE = regex.compile(
    r"\([ ]*(?:(?P<unit>(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã)[ ]+)(?:\p{Lu}[\p{L}]*(?:[ ]\p{Lu}[\p{L}]*){0,3}|\d{1,2})"
    r"|(?P<name>\p{Lu}[\p{L}]*(?:[ ]\p{Lu}[\p{L}]*){0,3}))[ ]*\)"
)
# A district, ward or city written short after a comma: ``Q.11``, ``P.5``, ``TP.HCM``.
_PLACE_ABBR_RE = regex.compile(r"(?:[QP]\.[ ]?\d{1,2}|TP\.?[ ]?HCM|TPHCM|Tp\.?[ ]?HCM)(?![\p{L}\p{N}])")
# Posts that head a level's body (``Chủ tịch xã``, ``Bí thư tỉnh``): ``OfficialsComponent._level_body``.
_UNIT_BODY = frozenset({"Chủ tịch", "Bí thư", "Trưởng Công an"})
# Unit words a place reader may join to the next capitalised run.
_UNIT_WORDS = frozenset({"phố", "TP", "TP.", "tỉnh", "huyện", "quận", "xã", "phường"})
# Words between a name and ``là`` that keep the post the person's: ``X hiện là Phó Giám đốc``.
_IS_ADVERBS_RE = regex.compile(r"[ ,]*(?:(?:hiện nay|hiện tại|hiện|nay|đang|vốn|từng|cũng|khi đó|lúc đó)[ ,]*)*")
# Kinds of ``data/companies.tsv``: their names (``Hoàng Anh Gia Lai``) are never a person's.
_COMPANY_KINDS = frozenset({"company", "bank", "state_group"})
# A credit line's label before a colon: the names after it are the reporters'.
_CREDIT_RE = regex.compile(r"(?<![\p{L}])(?:Ảnh|Nguồn|Video|Clip|Đồ họa|Đồ hoạ|Bài|Thực hiện)[ ]*:[ ]*$")
# Between a post and the name it is given to: ``… khi đó là ông``, ``… đối với ông`` (the name's
# honorific is before ``c.left`` already).
_COPULA_BEFORE_RE = regex.compile(
    r"[ ,]*(?:(?:khi đó|lúc đó|thời điểm đó|lúc bấy giờ|hiện nay|hiện tại|hiện|nay|mới)[ ,]+)?(?:là|đối với)[ ]+$"
)
# A body that names no place where one is expected: ``… Tỉnh ủy``, ``UBND tỉnh``, a ``Sở`` alone.
_PLACELESS_RE = regex.compile(r"(?:[Tt]ỉnh ủy|[Tt]hành ủy|[ ]tỉnh|[ ]thành phố)$|^Sở (?!.*(?:tỉnh|thành phố|TP))")
# How far before a post the article's nearest body may stand to give the post its body.
_CONTEXT_CHARS = 600
_SUSPECT_RE = regex.compile(r"(?i:(?P<accused>bị can|bị cáo|nghi phạm|đối tượng)|nạn nhân|bệnh nhân|BN|thi thể|tử vong|bị hại)[ ]+$")
# What a place adds to a body's name (``Sở Y tế`` -> ``Sở Y tế tỉnh X`` is left to the place rules).
_PLACE_TAIL_RE = regex.compile(r"[ ,]*(?:tỉnh|thành phố|tp|huyện|quận|thị xã|xã|phường|thị trấn)[ ]")
# A short mention and a role verb: ``Ông Hiếu hiện là``, ``bà Lan là``.
_SHORT_IS_RE = regex.compile(
    r"(?<![\p{L}])(?:[Ôô]ng|[Bb]à)[ ](?P<key>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?)[ ]+"
    r"(?:hiện (?:đang )?là|hiện nay là|nay là|đang là|từng là|là|giữ chức(?: vụ)?|đảm nhiệm)[ ]+"
)
# A post's bodies given as a list: ``của 3 công ty gồm``, ``tại các tổ chức như``, ``ở hai ngân hàng là``.
_BODY_LIST_RE = regex.compile(
    r"[ ]+(?:của|tại|ở)[ ]+(?:\d+|các|nhiều|hai|ba|bốn|năm)[ ]+(?:công ty|doanh nghiệp|tổ chức|đơn vị|ngân hàng|tập đoàn)"
    r"(?:[ ]+\p{Ll}+){0,3}?[ ]+(?:gồm|như|là)[ ]*:?[ ]*"
)
# A list's separator inside a scanned body: ``, `` or `` và `` before a capital.
_LIST_END_RE = regex.compile(r"(?:,[ ]*|[ ]và[ ]+)(?=\p{Lu})")
# Small words qualifying a post, then ``thuộc`` and a capitalised body.
_QUALIFIED_OF_RE = regex.compile(r"((?:[ ]+\p{Ll}+){1,3})[ ]+(?:trực[ ]+)?thuộc[ ]+(?=\p{Lu})")
# Several posts introduced together: ``giữ nhiều chức vụ quan trọng tại X như:``.
_MANY_POSTS_RE = regex.compile(
    r"(?<![\p{L}])giữ[ ](?:nhiều|các)[ ](?:chức vụ|vị trí|cương vị)(?:[^.:;\n]|\.(?=\S)){0,120}?[ ](?:(?:như|gồm)[ ]*:|là)[ ]*"
)
# A pronoun opening a sentence and a role verb: ``Bà là Thành viên HĐQT …``, ``Ông hiện là …``.
_PRONOUN_IS_RE = regex.compile(
    r"(?:^|(?<=[.!?…][ ]{1,3})|(?<=\n)|(?<=,[ ]))(?P<pro>Ông|Bà|ông|bà)[ ]+"
    r"(?:(?:hiện (?:đang )?là|hiện nay là|nay là|đang là|từng là|là)"
    r"|(?:được[ ](?:[\p{L}]+[ ]){0,3}?(?:bổ nhiệm|bầu|điều động|phân công|giao)[ ](?:làm|giữ chức vụ|giữ chức|giữ vị trí))"
    r"|(?:giữ (?:nhiều |các )?(?:chức vụ|vị trí)(?:[^.:;\n]{0,100}?[ ](?:như|gồm|là)[ ]*:?)?))[ ]+",
    regex.MULTILINE,
)
# A company's body: its managers who appear only as suspects are not officials (SPEC 2nd ed.).
_COMPANY_BODY_RE = regex.compile(r"(?i)^(?:công ty|cty|tập đoàn|tổng công ty|ngân hàng thương mại|doanh nghiệp|hợp tác xã|htx|chi nhánh|cửa hàng|cơ sở)(?![\p{L}])")


@dataclass(slots=True)
class _Hit:
    """One post (or rank/honour) found in the text."""

    start: int
    end: int
    canonical: str
    kind: str  # post | appos | rank | honor
    head: str  # the body word the post heads (``Vụ``), or ""
    default_org: str


@dataclass(slots=True)
class _Cand:
    """One name candidate."""

    start: int
    end: int
    name: str
    left: int  # where the name's prefix (honorific, honours) starts
    gender: str | None
    foreign: bool


@dataclass(slots=True)
class _Person:
    name: str
    first: int
    titles: list[tuple[int, Title]] = field(default_factory=list)
    genders: set[str] = field(default_factory=set)
    rules: list[str] = field(default_factory=list)
    suspect: bool = False
    accused: bool = False  # the suspect word is ``bị can``/``bị cáo``, not a victim's or a patient's
    foreign: bool = False

    def official(self) -> bool:
        """Has a post, and is not only a suspect or victim; a prosecuted holder of a public post
        (``bị can X, nguyên Giám đốc Sở Y tế``) stays an official, a company's manager does not."""
        if not self.titles:
            return False
        if not self.suspect:
            return True
        return self.accused and any(t.organization and not _COMPANY_BODY_RE.match(t.organization) for _, t in self.titles)


def _optional_table(name: str) -> tuple[dict[str, str], ...]:
    """Another component's data file, read when present (place names are not person names)."""
    try:
        return load_table(name)
    except (FileNotFoundError, LexiconError):
        return ()


class OfficialsComponent:
    name = "officials"

    def __init__(self, res: Resources) -> None:
        self.lex = lex = res.lexicons
        self.orgs = res.orgs
        self.titles: dict[str, tuple[str, str, str, str]] = {}
        for row in load_table("titles"):
            self.titles[row["title"].casefold()] = (row["canonical"], row["kind"], row["org_head"], row["default_org"])
        for t in lex.titles:
            self.titles.setdefault(t.casefold(), (t, "post", "", ""))
        cue_rows = load_table("official_cues")
        for row in cue_rows:
            if row["kind"] == "post_unit":
                # ``Đồn trưởng`` and ``Trưởng đồn`` head an ``Đồn …``: one unit word, both posts.
                unit = row["cue"]
                head = unit[:1].upper() + unit[1:]
                self.titles.setdefault(f"{unit} trưởng", (f"{head} trưởng", "post", head, ""))
                self.titles.setdefault(f"trưởng {unit}", (f"Trưởng {unit}", "post", head, ""))
        self.families = frozenset(r["family"] for r in load_table("family_names"))
        cues: dict[str, list[tuple[str, str]]] = {}
        for row in cue_rows:
            cues.setdefault(row["kind"], []).append((row["cue"], row["value"]))
        self.honorifics = {c: v for c, v in cues.get("honorific", [])}
        self.org_heads = [c for c, _ in cues.get("org_head", [])]
        self.cap_heads = frozenset(h for h in self.org_heads if h[:1].isupper() and " " not in h)
        self.place_words = [c for c, _ in cues.get("place_word", [])]
        self.name_guards = frozenset(c for c, _ in cues.get("name_guard", []))
        # Common words that end in a guard word (``nông thôn``): no place word, the guard does not apply.
        self.guard_compounds = frozenset(c for c, _ in cues.get("guard_compound", []))
        self.countries = frozenset(c for c, _ in cues.get("country", []))
        self.departments = frozenset(c for c, _ in cues.get("department", []))
        not_names = {c for c, _ in cues.get("not_name", [])}
        # ``chính quyền``, ``tài nguyên``: a qualifier word that ends a common word qualifies no post.
        self.qualifier_compounds = frozenset(c for c, _ in cues.get("qualifier_compound", []))
        # ``League``, ``Group``: a plain-Latin run holding one names a body or an event, not a person.
        self.latin_org_words = frozenset(c for c, _ in cues.get("latin_org_word", []))
        # ``North``, ``Super``: words that start a body's name; no person's name follows them in a run.
        self.latin_org_prefixes = frozenset(c for c, v in cues.get("latin_org_word", []) if v == "prefix")
        # ``ứng viên Tổng thống X``: X does not hold the post (rule not_holder).
        self.not_holder_re = regex.compile(
            r"(?<![\p{L}])(?i:" + alternation((c for c, _ in cues.get("not_holder", [])), SPACES) + r")[ ]+$"
        )
        # ``báo cáo với Chủ tịch nước, bác sĩ X``: the post is the addressee's, not the next name's.
        self.addressee_re = regex.compile(
            r"(?<![\p{L}])(?i:" + alternation((c for c, _ in cues.get("addressee", [])), SPACES) + r")[ ]+$"
        )
        # A province by any of its spellings -> its full name (``Bình Định`` -> ``tỉnh Bình Định``).
        self.province_units: dict[str, str] = {}
        for row in _optional_table("provinces"):
            not_names.add(row["name"])
            not_names.update(a for a in row.get("aliases", "").split("|") if a)
            unit, pname = row.get("unit", ""), row["name"]
            full = pname if not unit or pname.casefold().startswith(unit.casefold()) else f"{unit} {pname}"
            for a in [pname, *(a for a in row.get("aliases", "").split("|") if a)]:
                self.province_units.setdefault(a, full)
        self.not_names = frozenset(not_names)
        # Bodies named by their kind alone (``Đảng ủy``, ``HĐQT``, ``Hội``): ``part`` is a body inside
        # another (completed with its owner), ``type`` the owner's kind (replaced by the owner).
        self.generic_bodies = {okey(c): v for c, v in cues.get("generic_body", [])}
        # The body word a post heads, by canonical post (``Hiệu trưởng`` -> ``Trường``).
        self.head_of = {canon: head for t, (canon, _, head, _) in self.titles.items() if head and t == canon.casefold()}
        self.place_names = frozenset(r["name"] for r in _optional_table("districts")) | self.not_names

        # A post, optionally former/acting, optionally deputy, optionally standing (``Thường trực``).
        self.title_re = regex.compile(
            r"(?<![\p{L}\p{N}.])(?:(?P<q>nguyên|quyền|cựu|đồng)[ ]+)?(?P<pho>phó[ ]+)?(?P<base>"
            + alternation(self.titles, SPACES)
            + r")(?P<tt>[ ]+thường[ ]+trực)?(?![\p{L}\p{N}])",
            regex.IGNORECASE,
        )
        # The same on lower-cased text, as a prefix trie for the standard ``re`` engine (~10x faster).
        self.title_low_re = re.compile(
            r"(?<![\w.])(?:(?P<q>nguyên|quyền|cựu|đồng)[ ]+)?(?P<pho>phó[ ]+)?(?P<base>"
            + trie_pattern((t.lower() for t in self.titles), SPACES)
            + r")(?P<tt>[ ]+thường[ ]+trực)?(?!\w)"
        )
        # Posts with a tone mark dropped or misplaced (``Chủ tich``), on a copy of the lower-cased text
        # without tone marks: several-syllable posts whose toneless form is one post's only.
        untoned: dict[str, str | None] = {}
        for t, (_, kind, _, _) in self.titles.items():
            if kind == "post" and " " in t:
                k = t.translate(UNTONE_TABLE)
                untoned[k] = None if k in untoned else t
        self.untoned = {k: t for k, t in untoned.items() if t is not None}
        self.title_untoned_re = re.compile(
            r"(?<![\w.])(?:(?P<q>nguyên|quyên|cưu)[ ]+)?(?P<pho>pho[ ]+)?(?P<base>"
            + trie_pattern(self.untoned, SPACES)
            + r")(?P<tt>[ ]+thương[ ]+trưc)?(?!\w)"
        )
        # Speed (``_untoned_matches``): the lower-case letters that can stand inside such a match once
        # untoned; any other character bounds the stretches of text a match may come from.
        inside = set(" nguyênquyêncưuphothươngtrưc").union(*self.untoned)
        inside |= {chr(i) for i, v in enumerate(UNTONE_TABLE) if isinstance(v, str) and v in inside}
        bound = "[^" + "".join(re.escape(c) for c in sorted(inside)) + "]"
        self.untoned_bound_re = re.compile(bound)
        self.untoned_bound_back_re = regex.compile(bound, regex.REVERSE)
        # A space before a body's head word on the fast lower-cased copy (``Doc.fast_lower``).
        self.org_head_low_re = re.compile(r" (?=(?:" + trie_pattern((h.lower() for h in self.org_heads), SPACES) + r")(?![^\W_]))")
        # A word that starts a body's name (``Sở``, ``UBND``, ``Ban``), case-insensitive.
        # A department, then ``của`` and its company: ``Khoa học của Công ty X``; the department may be
        # narrowed by a few words (``Kinh doanh khu vực châu Á - Thái Bình Dương của HPE``, ``khối bán lẻ của X``;
        # rule dept_of_body).
        self.dept_of_re = regex.compile(
            r"(?P<d>(?:" + alternation(self.departments, SPACES) + r")(?:[ ]+(?!của[ ])[^\s,;()]+){0,6}?)[ ]+của[ ]+(?P<org>\p{Lu}.*)"
        )
        # A foreign country named in the text (``Ấn Độ``), capitalised as written.
        self.country_re = regex.compile(r"(?<![\p{L}\p{N}])(?:" + alternation(self.countries, SPACES) + r")(?![\p{L}\p{N}])")
        # Not a head: common words that start with one (``Khoa học``, ``Hội nghị``, ``Ban hành``).
        not_heads = alternation((c for c, _ in cues.get("not_head", [])), SPACES)
        self.org_head_re = regex.compile(
            r"(?!(?:" + not_heads + r")(?![\p{L}\p{N}]))(?:" + alternation(self.org_heads, SPACES) + r")(?![\p{L}\p{N}])", regex.IGNORECASE
        )
        # A place word followed by a capitalised name or a number (``tỉnh Long An``, ``quận 1``).
        self.place_re = regex.compile(
            r"(?:" + alternation((w for w in self.place_words if w not in ("tại", "ở", "về")), SPACES) + r")[ ]+(?:\p{Lu}|\d)"
        )
        # A reporting or action verb that ends a body's name after a post (``cho biết``, ``đã``).
        self.stop_re = regex.compile(r"(?:" + alternation((c for c, _ in cues.get("stop_verb", [])), SPACES) + r")(?![\p{L}\p{N}])")
        # A capitalised body head (case-sensitive): where the article names a body in full.
        self.body_head_re = regex.compile(
            r"(?<![\p{L}\p{N}])(?:" + alternation((h for h in self.org_heads if h[:1].isupper()), SPACES) + r")(?![\p{L}\p{N}])"
        )
        # Compounds that start with a stop verb but stay inside a body (``Ban quản lý dự án``).
        # Any case: ``Quốc gia về``, ``Tài nguyên`` in a capitalised name.
        self.stop_compound_re = regex.compile(
            r"(?<![\p{L}])(?:" + alternation((c for c, _ in cues.get("stop_compound", [])), SPACES) + r")(?![\p{L}])", regex.IGNORECASE
        )
        # A role verb right before a post: ``làm tổ trưởng``, ``giữ chức vụ Chủ tịch``, ``là Giám đốc``.
        self.role_re = regex.compile(
            r"(?<![\p{L}])(?P<verb>" + alternation((c for c, _ in cues.get("role_verb", [])), SPACES) + r")[ ]+(?=\S)"
        )
        # Small-letter fields inside a body's name (rule body_field): after a dash (``Phòng Kinh tế - hạ tầng``)
        # and in a comma list ending in ``và`` (``Viện Nghiên cứu xã hội, kinh tế và môi trường``).
        field = alternation((c for c, _ in cues.get("field", [])), SPACES)
        self.field_re = regex.compile(rf"(?:{field})(?![\p{{L}}\p{{N}}])")
        self.field_list_re = regex.compile(rf",[ ]*(?:{field})(?:[ ]*,[ ]*(?:{field}))*[ ]+và[ ]+(?:{field})(?![\p{{L}}\p{{N}}])")
        # ``Trung tâm văn hóa, Thể thao và truyền thanh``: the same after a small-letter word, ending small.
        self.comma_and_low_re = regex.compile(r",[ ]*\p{Lu}\p{Ll}*(?:[ ]\p{Ll}+){0,3}?[ ]và[ ]\p{Ll}+(?:[ ]\p{Ll}+)?(?=[ ]+(?:\p{Lu}|TP|tỉnh|thành phố|huyện))")
        # ``Lao động, Thương binh và Xã hội``: a comma inside a body's name (X, Y và Z).
        self.comma_and_re = regex.compile(r",[ ]*\p{Lu}\p{Ll}*(?:[ ]\p{L}+){0,4}?[ ]và[ ]\p{Lu}")
        # Up to four small words between a post and a capitalised body: ``phụ trách [tuyển dụng] Công ty``.
        self.title_ext_re = regex.compile(
            r"((?:[ ]+\p{Ll}+){1,4})(?=,?[ ]+(?:" + alternation((h for h in self.org_heads if h[:1].isupper()), SPACES) + r")(?![\p{L}]))"
        )

    # -- scanning --------------------------------------------------------------------------------
    def _hits(self, text: str, low: str, fast_lower: str | None = None) -> list[_Hit]:
        """``low``: ``text.lower()`` (the doc's shared copy); ``fast_lower``: ``Doc.fast_lower``."""
        out: list[_Hit] = []
        # Searching a lower-cased copy with a case-sensitive pattern is several times faster than
        # IGNORECASE; when lower-casing changes the length (rare letters), offsets would drift.
        pat: Any = self.title_low_re if len(low) == len(text) else self.title_re
        subject = low if len(low) == len(text) else text
        matches = list(pat.finditer(subject))
        k = 0
        reach = -1  # end of the last match taken (a re-match may overlap the next found one)
        while k < len(matches):
            m = matches[k]
            k += 1
            if m.start() < reach:
                continue
            base = m.group("base")
            if base.casefold().endswith(" phó") and not text[m.start("base")].isupper():
                # ``chức vụ Phó Giám đốc`` holds no ``Vụ phó``: a unit-deputy post is capitalised; the
                # post may start at its ``phó`` instead.
                again = pat.match(subject, m.start("base") + len(base) - 3)
                if again is not None:
                    matches.insert(k, again)
                continue
            canon, kind, head, dflt = self.titles[" ".join(base.split()).casefold()]
            prev = _prev_word(text, m.start())
            if (prev.casefold() in ("ban", "phòng") or prev == "Bộ") and not canon.startswith("Trưởng"):
                continue  # ``Ban Giám đốc``, ``Văn phòng Chủ tịch nước``, ``Bộ Tư lệnh``: part of a body's name
            if text.startswith(" quán", m.end()):
                continue  # ``Tổng Lãnh sự quán``, ``Đại sứ quán``: the mission, a body
            start, qual = m.start(), m.group("q")
            if qual and (f"{prev.casefold()} {qual.casefold()}" in self.qualifier_compounds or prev[:1].isdigit()):
                # ``chính quyền Tổng thống X``: ``quyền`` ends ``chính quyền``, ``đồng`` ends ``500.000
                # đồng``; the post is unqualified and starts after it (rule qualifier_compound).
                qual, start = None, m.start("pho") if m.group("pho") else m.start("base")
            canon = _qualified(canon, kind, qual, m.group("pho"), m.group("tt"))
            end = m.end()
            if kind == "post" and (fa := _FIELD_ABBR_RE.match(text, end)) is not None:
                # ``Giám đốc sáng tạo (CIO)``: the field words belong to the post, the English code is
                # skipped (rule field_abbr).
                canon = " ".join([canon, *fa.group("field").split()])
                end = fa.end()
            last = out[-1] if out else None
            if (
                last is not None and last.kind == kind == "post" and _base_post(last.canonical).casefold() == _base_post(canon).casefold()
                and not text[last.end : start].strip()
            ):
                last.end = end  # ``Bộ trưởng Bộ trưởng Bộ Tài chính``: a post written twice is one (rule post_twice)
                reach = end
                continue
            out.append(_Hit(start, end, canon, kind, head, dflt))
            reach = end
        if len(low) == len(text):
            out.extend(self._untoned_hits(text, low, {h.start for h in out}, fast_lower))
            out.sort(key=lambda h: h.start)
        # ``Phó Chủ tịch phụ trách văn xã``: an apposition-only post right after a post qualifies it.
        ends = {h.end + 1 for h in out if h.kind == "post"}
        return [h for h in out if not (h.kind == "appos" and h.start in ends and text[h.start - 1] == " " and text[h.start].islower())]

    def _untoned_hits(self, text: str, low: str, starts: set[int], fast_lower: str | None = None) -> list[_Hit]:
        """Posts spelt with a wrong tone mark after their first word (``Chủ tich UBND tỉnh``), and only
        right before a body's capitalised head word: a common phrase that folds alike is never a post."""
        out: list[_Hit] = []
        for m, off in self._untoned_matches(text, low, fast_lower):
            if m.start() + off in starts or m.start("base") + off in starts:
                continue  # spelt right: already a hit
            e = m.end() + off
            if not (e + 1 < len(text) and text[e] == " " and text[e + 1].isupper() and self.org_head_re.match(text, e + 1)):
                continue
            title = self.untoned[" ".join(m.group("base").split())]
            first, b = title.split(" ", 1)[0], m.start("base") + off
            if low[b : b + len(first)] != first or (m.group("pho") and not low.startswith("phó", m.start("pho") + off)):
                continue  # the first word spelt right (``sinh viên trường`` is not ``Viện trưởng``)
            canon, kind, head, dflt = self.titles[title]
            canon = _qualified(canon, kind, _UNTONED_QUALIFIERS.get(m.group("q") or ""), m.group("pho"), m.group("tt"))
            out.append(_Hit(m.start() + off, e, canon, kind, head, dflt))
        return out

    def _untoned_matches(self, text: str, low: str, fast_lower: str | None) -> Iterator[tuple[re.Match[str], int]]:
        """``title_untoned_re`` over the untoned ``low``, as (match, offset of its copy): the
        matches of the whole text, or (speed, with ``fast_lower``) all those in the stretches
        that end a word before a body's capitalised head, the only ones ``_untoned_hits`` keeps.
        A match never holds a character outside ``untoned_bound_re``'s class, so the matches
        of a stretch between two such characters are those of the whole text."""
        if fast_lower is None:
            for m in self.title_untoned_re.finditer(low.translate(UNTONE_TABLE)):
                yield m, 0
            return
        done = -1
        for c in self.org_head_low_re.finditer(fast_lower):
            e = c.start()
            if e < done or not (e + 1 < len(text) and text[e + 1].isupper() and self.org_head_re.match(text, e + 1)):
                continue
            before = self.untoned_bound_back_re.search(low, 0, e)
            lo = before.start() if before is not None else 0  # the bound is kept: lookbehinds see it
            after = self.untoned_bound_re.search(low, e)
            done = after.start() if after is not None else len(low)
            part = low[lo : done + 1].translate(UNTONE_TABLE)
            for m in self.title_untoned_re.finditer(part, 0 if before is None else 1):
                yield m, lo

    def _candidates(self, doc: Doc, text: str, hits: list[_Hit], loc_spans: list[tuple[int, int]]) -> list[_Cand]:
        hit_by_end = {h.end: h for h in hits if h.kind in ("rank", "honor")}
        post_ends = {h.end for h in hits if h.kind == "post"}  # ``Trưởng thôn Lò Văn Pằng``
        post_starts = {h.start for h in hits if h.kind in ("post", "appos")}
        countries = self.countries
        out: list[_Cand] = []
        families = self.families
        # Overlap with a place mention by bisect (all candidates against all places is quadratic
        # on long texts): spans sorted by start, with the running maximum of their ends.
        locs = sorted(loc_spans)
        loc_starts = [a for a, _ in locs]
        loc_max_end: list[int] = []
        for _, b in locs:
            loc_max_end.append(max(b, loc_max_end[-1]) if loc_max_end else b)
        for m in _RUN_RE.finditer(text, doc.header_end):
            rs = m.start()
            # The run's syllables are separated by single spaces (``_RUN_RE``).
            parts = m.group().split(" ")
            if len(parts) < 3 and _prev_word(text, rs) == "châu":
                continue  # ``châu Âu Von (der Leyen)``: the continent's name and one word are no person's name
            if _prev_word(text, rs) == "tiếng" and _country_prefix(parts, countries):
                continue  # ``tiếng Anh Vina Talk``: a language, then a brand (rule language_not_country)
            nc = 0
            if not self.latin_org_words.isdisjoint(parts) and _is_ascii_name(parts[-2:]):
                # ``European Super League``: a body or an event; ``Điện Kremlin Dmitry Peskov``, ``Man Utd Ed
                # Woodward``: a name may follow the body's last word (rule latin_org_word).
                last = max(k for k, w in enumerate(parts) if w in self.latin_org_words)
                if parts[last] in self.latin_org_prefixes or not _is_ascii_name(parts[last + 1 :]):
                    continue
                nc = last + 1
            # ``Thủ tướng Anh Boris Johnson``, ``Thủ tướng Nhật Bản Kishida Fumio``: a country after a post.
            # ``… Quốc phòng Nga Sergei Shoigu``: a country before a foreign name, wherever the post is.
            nc = nc or _country_prefix(parts, countries)
            if not nc and len(parts) >= 3 and _prev_word(text, rs) in _REGION_WORDS and _is_ascii_name(parts[1:]):
                nc = 1  # ``Thống đốc bang Oregon Harold Penwick``: the state, then the name
            if not nc and len(parts) >= 3 and parts[0] not in self.honorifics:
                nc = _latin_tail(parts, families)  # ``… An ninh Nhà Trắng Jake Sullivan``: a body's Vietnamese words, then the name
            if not nc and len(parts) >= 3 and _is_ascii_name(parts[1:]) and place_key(parts[0]) in gazetteer().foreign:
                nc = 1  # ``Sở Y tế Moscow Yekaterina Zinovieva``: a foreign city, then the name
            if not nc and len(parts) >= 3 and rs - 1 in post_ends:
                nc = self._brand_prefix(text, parts)  # ``CEO Apple Tim Cook``: the brand, then the name
            if nc and rs - 1 not in post_ends and not _is_ascii_name(parts[nc:]):
                nc = 0  # ``Anh Trần Văn Nam``: ``Anh`` is the honorific
            if families.isdisjoint(parts) and not (
                (parts[-1] in _EDE_CLANS and "Y" in parts) or
                parts[0] in self.honorifics or _prev_word(text, rs) in self.honorifics or _is_ascii_name(parts)
                or (nc and _is_ascii_name(parts[nc:]))
            ):
                continue  # most runs (``Hà Nội``, ``Bộ Y``) hold no name: skip them cheaply
            syls: list[tuple[int, int, str]] = []
            pos = rs
            for w in parts:
                syls.append((pos, pos + len(w), w))
                pos += len(w) + 1
            honor = None
            if len(syls) >= 3 and syls[0][2] in self.honorifics and not nc:
                honor = syls[0]
                syls = syls[1:]
            for k, syl in enumerate(syls):
                if k > 0 and syl[2] in _INNER_STOP and not (
                    k == len(syls) - 1 and k >= 2 and syl[2] in _DAY_PARTS and _DAY_PART_GOES_ON_RE.match(text, syl[1]) is None
                ):
                    # ``Ngọc Tài Trưa 31/12``: a time of day starts the next clause; but a time word that ends the
                    # run with no date after it is a given name (``ông Lê Văn Sáng,``; rule time_word_name).
                    syls = syls[:k]
                    break
            words = [s[2] for s in syls]
            i = self._strip_places(words)
            if nc and len(words) - nc < 2 and _is_ascii_name(words):
                continue  # ``Tổng thống Nga Putin``: a country and a surname, not a full name
            if nc and len(words) - nc >= 2:
                i = max(i, nc)  # ``Thủ tướng Canada Justin Trudeau``: the country is not part of the name
            start_i = None
            ede = i < len(words) and words[i] == "Y" and words[-1] in _EDE_CLANS
            # ``Y`` starts an Ê Đê man's name only with a clan name at the end (``Y Khoa Byă``).
            if i < len(words) and (words[i] in self.families or ede) and 2 <= len(words) - i <= 4:
                start_i = i
            else:  # ``Bạch Mai Đào Xuân Cơ``: the name is the tail; three syllables are the most common
                options = [j for j in range(i, len(words) - 1) if words[j] in self.families and len(words) - j <= 4]
                for n in (3, 4, 2):
                    start_i = next((j for j in options if len(words) - j == n), None)
                    if start_i is not None:
                        break
            foreign = False
            prev = _prev_word(text, syls[0][0]) if syls else ""
            if start_i is None:
                if (honor or prev in self.honorifics) and 3 <= len(words) - i <= 4 and not _is_latin(words[i]):
                    start_i = i  # ``Ông Văn Viết Thành``: a family spelt like a common word (left out of the list)
                elif (
                    (honor or prev in self.honorifics) and len(words) - i == 2 and not _is_latin(words[i])
                    and (sep := _APPOS_SEP_RE.match(text, syls[-1][1])) is not None and sep.end() in post_starts
                ):
                    start_i = i  # ``ông Quang Trung, đại diện …``: a two-syllable name with its post right after
                elif (honor or prev in self.honorifics or _is_ascii_name(words) or (nc and i >= nc and _is_ascii_name(words[i:]))) and 2 <= sum(w not in _PARTICLES for w in words[i:]) <= 3:
                    start_i, foreign = i, True
                else:
                    continue
            syls = syls[start_i:]
            if (
                start_i == 0 and honor is None and self._guarded(text, syls[0][0], prev) and syls[0][0] - 1 not in post_ends
                and not self._guard_compound(text, syls[0][0], prev)
                and not (prev in _BARE_UNITS and syls[0][0] - len(prev) - 2 in post_ends and len(syls) >= 3 and syls[0][2] in families)
            ):
                continue  # ``Chủ tịch xã Nguyễn Văn Bình``: after a post, a bare unit word then a full name
            s, e = syls[0][0], syls[-1][1]
            name = " ".join(x[2] for x in syls)
            k = bisect_left(loc_starts, e)  # places starting before the name ends
            in_place = k > 0 and loc_max_end[k - 1] > s
            if in_place and name not in self.place_names and len(syls) >= 3 and syls[0][2] in families and text[s - 1 : s] == " " and _prev_word(text, s) in _UNIT_WORDS | _BARE_UNITS:
                in_place = False  # ``Chủ tịch HĐND thành phố Nguyễn Ngọc Tuấn``: a full name is no place
            if in_place and len(syls) >= 3 and syls[0][2] in families and name not in self.place_names:
                # ``ông Lê Như Anh``: a place read inside a full name after its family name (``Anh``) is the
                # place reader's mistake; only a place covering the family name counts (rule place_inside_name).
                k0 = bisect_right(loc_starts, s)
                in_place = k0 > 0 and loc_max_end[k0 - 1] > s
            if name in self.not_names or in_place:
                continue
            left, gender = s, None
            if honor is not None and start_i == 0:
                left, gender = honor[0], self.honorifics[honor[2]]
            elif start_i == 0:
                left, gender = self._prefix(text, s, hit_by_end)
            if gender is None and name in self.place_names:
                continue  # ``Huyện đoàn Quan Sơn``: a district, unless ``ông``/``bà`` says otherwise
            if foreign and not (_is_ascii_name(name.split()) or gender and _is_latin(name)):
                continue  # a foreign name: plain Latin (``Joe Biden``), or Latin-1 after ``ông``/``bà``
            if foreign and not gender and syls[0][2] in self.cap_heads and not name.isascii():
                continue  # ``…, Khoa Báo chí``: a body's head word and an accented word, no foreign name (rule head_not_name)
            if foreign and not gender and start_i == 0 and not nc and _prev_word(text, s).casefold() in _PLACE_UNIT_BEFORE:
                continue  # ``Tòa thị chính tỉnh Preah Sihanouk``: a unit word names a place, not a person (rule foreign_place)
            out.append(_Cand(s, e, name, left, gender, foreign))
        return out

    def _brand_prefix(self, text: str, parts: list[str]) -> int:
        """How many leading words of a plain-Latin run right after a post are a brand the article
        names on its own elsewhere (``Apple`` in ``CEO Apple Tim Cook`` when ``… của Apple …`` stands in
        another sentence: after a small lower-case word, not after ``ông``/``bà`` nor at a sentence's
        start, where a person's name stands: ``ông Tedros``, ``Tedros nói``), so the name is the rest,
        without a country after the brand (``Targa Australia Eugene Arocca``) (rule brand_before_name);
        0 when none."""
        for j in (1, 2):
            brand, nxt = " ".join(parts[:j]), parts[j] if j < len(parts) else ""
            if not (_is_ascii_name(parts[j:]) and all(w.isascii() for w in parts[:j])):
                continue
            i = text.find(brand)
            while i >= 0:
                e = i + len(brand)
                alone = i > 0 and text[i - 1] == " " and not (e < len(text) and text[e].isalnum())
                prev = _prev_word(text, i)
                if alone and not text.startswith(" " + nxt, e) and prev.isalpha() and prev.islower() and prev not in self.honorifics:
                    k = _country_prefix(parts[j:], self.countries)
                    return j + k if k and _is_ascii_name(parts[j + k :]) else j
                i = text.find(brand, e)
        return 0

    def _guarded(self, text: str, start: int, prev: str) -> bool:
        """The word before ``start`` (``prev``), or the two words before it (``Bệnh viện``, ``Công ty``),
        guard a name: the run after them names a body or a place (``Bệnh viện Bạch Mai``)."""
        if prev in self.name_guards:
            return True
        j = start
        while j > 0 and text[j - 1] == " ":
            j -= 1
        before = _prev_word(text, j - len(prev))
        return bool(before) and f"{before} {prev}" in self.name_guards

    def _guard_compound(self, text: str, start: int, guard: str) -> bool:
        """The guard word before ``start`` ends a common word (``Phát triển nông thôn Hoàng Văn An``)."""
        j = start
        while j > 0 and text[j - 1] == " ":
            j -= 1
        before = _prev_word(text, j - len(guard))
        return bool(before) and f"{before} {guard}" in self.guard_compounds

    def _strip_places(self, words: list[str]) -> int:
        """Index after leading place names (``Lâm Đồng`` in ``Lâm Đồng Trần Văn Hiệp``)."""
        i = 0
        while True:
            for n in (3, 2, 1):
                if len(words) - i - n >= 2 and " ".join(words[i : i + n]) in self.place_names:
                    i += n
                    break
            else:
                return i

    def _prefix(self, text: str, start: int, hit_by_end: dict[int, _Hit]) -> tuple[int, str | None]:
        """Move left over honours (``PGS.TS``) and an honorific (``ông``): (new left, gender)."""
        left, gender = start, None
        for _ in range(4):
            j = left
            while j > 0 and text[j - 1] == " ":
                j -= 1
            h = hit_by_end.get(j)
            if h is not None:
                left = h.start
                continue
            w = _prev_word(text, left)
            if w in self.honorifics and j - len(w) >= 0 and text[j - len(w) : j] == w:
                left, gender = j - len(w), self.honorifics[w]
                continue
            break
        return left, gender

    # -- bodies ----------------------------------------------------------------------------------
    def _scan_org(self, text: str, p: int, limit: int, title: _Hit, cand_starts: set[int], hit_starts: set[int]) -> tuple[int, int] | None:
        """The body named after a post at ``p`` (up to ``limit``): its span, or None."""
        while p < limit and text[p] == " ":
            p += 1
        start = p
        end = p
        words = 0
        caps_run = 0  # capitalised words in a row, not counting the body's first word
        last: list[tuple[int, int, str]] = []
        i = p
        while i < limit:
            m = _TOKEN_RE.match(text, i, limit)
            if m is None or m.group("nl") is not None:
                break
            if m.group("w") is not None:
                ws, we = m.span("w")
                w = m.group("w")
                if ws in cand_starts:
                    break
                lower = w[0].islower()
                if lower and self.stop_re.match(text, ws) is not None and not self._stop_compound(text, ws):
                    break
                if lower and w in self.honorifics:
                    break  # ``Hiệu trưởng Trường X và ông B``: another person starts
                if words and ws in hit_starts and _NEXT_POST_RE.match(text, ws) is not None:
                    break  # ``Trung tâm X Phó trưởng phòng Đào tạo``: the next post starts (rule body_ends_at_post)
                if not lower and words and (w in self.org_heads or self.org_head_re.match(text, ws)):
                    caps_run = -1  # ``Phòng … - Sở Giáo dục``: a body's head word starts a new level
                if lower and caps_run >= 2 and not (self.place_re.match(text, ws) or _CONNECTOR_RE.match(text, ws) or self._stop_compound(text, ws)):
                    break  # ``Công ty cổ phần Hoàng Anh Gia Lai | công bố``: a proper name ends the body
                if words == 0 and not title.head and _BRAND_RE.match(text, ws) and not self.org_head_re.match(text, ws):
                    caps_run = 1  # ``Masan Group | tăng thêm``: a Latin brand's first word is a proper name too (rule brand_ends)
                elif lower or words == 0:
                    caps_run = 0
                elif w[1:].islower():  # ``Gia Lai``; abbreviations (``ĐH``) neither count nor reset
                    # A long plain-Latin word is a brand, never a Vietnamese syllable: a proper name on its own
                    # (``Công ty Cổ phần Xây dựng Vinatech | nộp phạt``, rule brand_ends).
                    caps_run += 2 if len(w) >= 7 and w.isascii() else 1
                if words == 0 and w[0].isdigit():
                    return None  # ``Phó Giám đốc, phụ trách 13 khoa``: a number after a post counts, it names no body
                if words == 0 and lower:
                    if w in _TRAILING or not (title.head or self.org_head_re.match(text, ws) or self.place_re.match(text, ws)):
                        return None  # ``nguyên Phó Hiệu trưởng và …``: no body follows
                if w[0].isdigit() and words and last[-1][2] == "và":
                    break  # ``Hội đồng quản trị và 4 người``: a count after ``và``, not a body's number
                if lower and words and w in _PLACE_CONNECTORS and not self._named_after(text, we, limit):
                    break  # ``Trưởng Ban Chỉ đạo tại cuộc họp``: a connector leads to a body or a place only
                end = we
                last.append((ws, we, w))
                words += 1
                if words >= 25:
                    break
                i = we
                continue
            punct = m.group("p")
            ps = m.start("p")
            if punct == "," and words and last[-1][2].casefold() == "phòng" and text.startswith("chống", _next_word_at(text, ps + 1)):
                i = ps + 1  # ``Ban Chỉ đạo phòng, chống dịch``: one word pair, not two bodies
                continue
            if punct == "," and words and self._named_again(text, start, ps):
                break  # ``Giám đốc Bệnh viện X, Bệnh viện X kết hợp …``: the body named again starts a clause
            if punct == "," and words and _next_word_at(text, ps + 1) not in hit_starts and (
                self._org_continues(text, ps + 1, hit_starts) or self.comma_and_re.match(text, ps)
                or (last[-1][2].islower() and (self.field_list_re.match(text, ps) or self.comma_and_low_re.match(text, ps)))
            ):
                i = ps + 1
                continue
            if punct == "-" and words:
                n = _TOKEN_RE.match(text, ps + 1, limit)
                if n is not None and n.group("w") and n.start("w") not in hit_starts and n.start("w") not in cand_starts and (
                    n.group("w")[0].isupper() or (last[-1][2].islower() and self.field_re.match(text, n.start("w")))
                ):
                    i = ps + 1
                    continue
            if punct in "&" and words:
                i = ps + 1
                continue
            if punct == "(" and words:
                pl = _PLACE_PAREN_RE.match(text, ps, limit)
                if pl is not None and (pl.group("unit") or pl.group("name") in self.province_units):
                    end = pl.end()  # ``UBND huyện Chương Mỹ (Hà Nội)``: the body's province (rule body_place_paren)
                    break
                of = _OF_PAREN_RE.match(text, ps, limit)
                if of is not None:  # ``Ban quản lý X (thuộc Sở GTVT Nghệ An)``: the parent body belongs to the name
                    end = of.end()
                    break
                ab = _ABBR_PAREN_RE.match(text, ps, limit)
                if ab is not None:
                    n = _TOKEN_RE.match(text, ab.end(), limit)
                    if n is not None and n.group("w") and (n.group("w")[0].isupper() or self.place_re.match(text, n.start("w"))) and n.start("w") not in cand_starts and n.start("w") not in hit_starts:
                        i = ab.end()  # ``Sở Khoa học và Công nghệ (KH&CN) tỉnh X``: the abbreviation is skipped
                        continue
            break
        while last and last[-1][2] in _TRAILING:
            last.pop()  # ``Trường X và``, ``Ban Y của``: a connector never ends a body
            end = last[-1][1] if last else start
        if end <= start:
            return None
        return start, end

    def _extended(self, text: str, h: _Hit, limit: int) -> _Hit:
        """``Phó Chủ tịch phụ trách văn xã UBND …``: small words between a post and a capitalised body
        belong to the post (not ``trường Đại học``, not ``phân tích của``)."""
        ext = self.title_ext_re.match(text, h.end, limit)
        if ext is None or self.org_head_re.search(ext.group(1)) or _CONNECTOR_RE.search(ext.group(1)):
            return h
        if h.head and text[h.end - len(h.head) : h.end] == h.head:
            return h  # ``Trưởng Ban chỉ đạo …``: the capitalised head word starts the body, the words are its name
        end = ext.end(1)
        if text.startswith(",", end):
            # ``Giám đốc nghiên cứu phát triển, Công ty X``: the comma only separates the post's field from its body.
            if not self._plain_words(text, h.end, end):
                return h
            end += 1
        return _Hit(h.start, end, h.canonical + " " + " ".join(ext.group(1).split()), h.kind, h.head, h.default_org)

    def _body_list(
        self, doc: Doc, h: _Hit, limit: int, rec_orgs: dict[int, tuple[int, str]], cand_starts: set[int], hit_starts: set[int]
    ) -> tuple[int, list[Title]] | None:
        """``… của 3 công ty gồm A, B và C`` / ``… tại các tổ chức như A, B, C`` after a post: its bodies."""
        text = doc.text
        m = _BODY_LIST_RE.match(text, h.end, limit)
        if m is None:
            return None
        out: list[Title] = []
        q = m.end()
        probe = _Hit(0, 0, "", "post", "", "")
        while q < limit:
            q = _next_word_at(text, q)
            if q >= limit or not (text[q].isupper() or text[q].isdigit()):
                break
            span = self._scan_org(text, q, limit, probe, cand_starts, hit_starts)
            if span is None:
                break
            # The list's own separators end a body: ``A, B và C``.
            stop = _LIST_END_RE.search(text, span[0], span[1])
            e = stop.start() if stop is not None else span[1]
            out.append(self._title(doc, rec_orgs, h, (span[0], e)))
            sep = _LIST_SEP_RE.match(text, e, limit)
            if sep is None or sep.end() == e:
                q = e
                break
            q = sep.end()
        return (q, out) if len(out) >= 2 else None

    def _named_after(self, text: str, pos: int, limit: int) -> bool:
        """A capitalised word, a number or a place word follows ``pos`` (after a connector)."""
        q = _next_word_at(text, pos)
        if q >= limit:
            return False
        return text[q].isupper() or text[q].isdigit() or self.place_re.match(text, q) is not None

    @staticmethod
    def _named_again(text: str, start: int, comma: int) -> bool:
        """The words after the comma at ``comma`` repeat the body scanned from ``start`` (any case)."""
        name = text[start:comma].rstrip()
        q = _next_word_at(text, comma + 1)
        return text[q : q + len(name)].casefold() == name.casefold() and not text[q + len(name) : q + len(name) + 1].isalnum()

    def _plain_words(self, text: str, s: int, e: int) -> bool:
        """``text[s:e]`` holds no stop verb and no honorific (words that may qualify a post)."""
        for m in _WORD_RE.finditer(text, s, e):
            if m.group() in self.honorifics or (self.stop_re.match(text, m.start()) and not self._stop_compound(text, m.start())):
                return False
        return True

    def _stop_compound(self, text: str, ws: int) -> bool:
        """The stop word at ``ws`` is inside a compound that a body's name holds (``dự án``)."""
        for m in self.stop_compound_re.finditer(text, max(0, ws - 12), min(len(text), ws + 24)):
            if m.start() <= ws < m.end():
                return True
        return False

    def _org_continues(self, text: str, p: int, hit_starts: set[int]) -> bool:
        """After a comma: another level of the same body (``, Bộ Lao động …``, ``, tỉnh Thanh Hóa``)."""
        while p < len(text) and text[p] == " ":
            p += 1
        if p in hit_starts or p >= len(text):
            return False
        if self.place_re.match(text, p) or _PLACE_ABBR_RE.match(text, p):
            return True  # ``, tỉnh Thanh Hóa``, ``, Q.11, TP.HCM``
        head = self.org_head_re.match(text, p)
        if head is not None and not text[p].isupper():
            # ``Phòng Đào tạo, trường ĐH Kinh tế quốc dân``: a head written small, then a capitalised name.
            q = _next_word_at(text, head.end())
            return head.end() < q < len(text) and text[q].isupper() and q not in hit_starts
        return text[p].isupper() and head is not None

    def _title(self, doc: Doc, rec_orgs: dict[int, tuple[int, str]], hit: _Hit, span: tuple[int, int] | None) -> Title:
        text = doc.text
        if span is None:
            return Title(hit.canonical, hit.default_org or None)
        s, e = span
        got = rec_orgs.get(s)
        if got is not None and got[0] >= e:
            return Title(hit.canonical, got[1])
        surface = text[s:e].strip(" ,-")
        if surface[:1].islower() and self.org_head_re.match(surface):
            surface = surface[:1].upper() + surface[1:]  # ``giám đốc sở Y tế``: a body's head word written small
        if "(" in surface:
            surface = " ".join(_OF_PAREN_RE.sub(lambda m: " " + m.group("of") + " ", _ABBR_PAREN_RE.sub(" ", surface)).split())
        region = _REGION_OF_RE.fullmatch(surface) if not hit.head and " của " in surface else None
        if region is not None and all(
            r in self.countries or r in _WORLD_REGIONS or r.startswith("khu vực ") for r in _REGION_SPLIT_RE.split(region.group("region"))
        ):
            # ``Giám đốc Việt Nam, Lào và Campuchia của Google``: the markets a post covers; the body is the
            # company after ``của`` (rule region_of_body).
            return Title(hit.canonical, self.orgs.canonical(region.group("org")) or None)
        if hit.kind == "appos" and not hit.head and not self.org_head_re.match(surface):
            # ``Công chức Tư pháp - Hộ tịch cấp xã, UBND thị trấn X``: the field is part of the post,
            # the body starts at its head word.
            for m in self.body_head_re.finditer(surface):
                field = surface[: m.start()].strip(" ,-")
                if field and len(field.split()) <= 8:
                    return Title(f"{hit.canonical} {field}", self.orgs.canonical(surface[m.start() :]) or None)
                break
        dept = self.dept_of_re.fullmatch(surface) if not hit.head and " của " in surface else None
        if dept is not None:
            # ``Giám đốc Khoa học của Công ty X``: the department joins the post, the body follows ``của``.
            return Title(f"{hit.canonical} {dept.group('d')}", self.orgs.canonical(dept.group("org")) or None)
        if surface in self.departments and not hit.head:
            # ``Giám đốc Marketing (Vinamilk)``: a department is part of the post; the body, if any,
            # is the bracketed name right after it.
            par = _PAREN_RE.match(text, e)
            org = par.group(1).strip() if par is not None and 1 <= len(par.group(1).split()) <= 6 else None
            return Title(hit.canonical + " " + surface, self.orgs.canonical(org) or None if org else None)
        if hit.head and not (surface[:1].isupper() and self.org_head_re.match(surface)) and not surface.casefold().startswith(hit.head.casefold() + " "):
            surface = hit.head + " " + surface
        elif self.place_re.match(surface) and (level := self._level_body(hit.canonical, surface)) is not None:
            return Title(hit.canonical, level)  # ``Bí thư phường X`` -> Đảng ủy phường X (rule level_body)
        elif hit.canonical.endswith("Chủ tịch") and surface in self.province_units:
            surface = "UBND " + self.province_units[surface]  # ``Chủ tịch Hà Nội``: the city's committee
        return Title(hit.canonical, self.orgs.canonical(surface) or None)

    def _level_body(self, canon: str, place: str) -> str | None:
        """The body a level's post heads at a place, named or bare (rule level_body): ``Chủ tịch`` +
        ``xã X`` -> Ủy ban nhân dân xã X; ``Bí thư`` + ``tỉnh X`` -> Tỉnh ủy X, + ``phường X`` -> Đảng ủy
        phường X; ``Trưởng Công an`` + ``huyện X`` -> Công an huyện X. None for other posts."""
        base = _base_post(canon).removeprefix("Phó ").removesuffix(" Thường trực")
        if base not in _UNIT_BODY:
            return None
        if base == "Trưởng Công an":
            return self.orgs.canonical("Công an " + place)
        people = self.orgs.canonical("UBND " + place)
        return (_party_committee(people) or people) if base == "Bí thư" else people

    # -- the component -----------------------------------------------------------------------------
    def __call__(self, doc: Doc, rec: Record) -> None:
        text = doc.text
        hits = self._hits(text, doc.lower, doc.fast_lower)
        if not hits and "biểu" not in text:  # no post, and no deputy (``Đại biểu X (đoàn Y)``)
            return
        loc_spans = [(doc.norm_index(m.start), doc.norm_index(m.end)) for loc in rec.locations for m in loc.mentions]
        # A known body's name is not a person's (``lãnh đạo Hoàng Anh Gia Lai``, ``Công ty Hà Thành``).
        loc_spans += [
            (doc.norm_index(m.start), doc.norm_index(m.end)) for org in rec.organizations if org.kind in _COMPANY_KINDS for m in org.mentions
        ]
        rec_orgs: dict[int, tuple[int, str]] = {}
        for org in rec.organizations:
            for om in org.mentions:
                rec_orgs[doc.norm_index(om.start)] = (doc.norm_index(om.end), org.name)
        posts = [h for h in hits if h.kind in ("post", "appos")]
        ends, starts = {h.end for h in posts}, {h.start for h in posts}
        cands = [c for c in self._candidates(doc, text, hits, loc_spans) if not _place_not_person(text, c, ends, starts)]
        if not cands:
            return
        cand_starts = {c.start for c in cands}
        cand_sorted = sorted(cand_starts)
        # In apposition a bare name ends the body only after a known body's full name
        # (``…, Bộ trưởng Bộ KH&CN Huỳnh Thành Đạt``); else only a name with ``ông``/``bà`` does.
        org_ends = {end for end, _ in rec_orgs.values()}
        hon_starts = {c.start for c in cands if c.left != c.start or (text[c.start - 1 : c.start] == " " and c.start - 1 in org_ends)}
        cand_by_start = {c.start: c for c in cands}
        hit_starts = {h.start for h in hits}
        hit_at = {h.start: h for h in hits}
        post_hits = [h for h in hits if h.kind in ("post", "appos")]
        post_starts = [h.start for h in post_hits]
        post_ends = {h.end for h in post_hits}
        people: dict[str, _Person] = {}
        claimed: set[int] = set()  # posts already given to a name in apposition

        def person(c: _Cand) -> _Person:
            p = people.get(c.name)
            if p is None:
                p = people[c.name] = _Person(c.name, c.start, foreign=c.foreign)
            if c.gender:
                p.genders.add(c.gender)
            return p

        for c in cands:
            p = person(c)
            sm = _SUSPECT_RE.search(text, max(0, c.left - 20), c.left)
            if sm is not None:
                p.suspect = True
                p.accused = p.accused or sm.group("accused") is not None
            sent_s, sent_e = doc.sentence_at(c.start)
            got = self._prenominal(doc, c, post_hits, post_starts, sent_s, cand_starts, hit_starts, rec_orgs, claimed)
            if got:
                p.titles.extend(got)
                p.rules.append("prenominal")
            else:
                got = self._copula(doc, c, post_hits, post_starts, sent_s, cand_starts, hit_starts, rec_orgs, claimed)
                if got:
                    p.titles.extend(got)
                    p.rules.append("copula")
            # In apposition a bare name inside the body is part of it (``Chủ tịch Tài chính Hoàng Huy``);
            # only a name with its own ``ông``/``bà`` ends the body.
            lead = min([c.left] + [pos for pos, _ in got])
            owner = _OWNER_BEFORE_RE.search(text, max(0, lead - 20), lead)
            if owner is not None and owner.start() in post_ends:
                # ``từng là Thư ký của Thủ tướng X, Bộ trưởng Y, …``: X is the owner inside another's
                # post; the posts after X go on that list, they are not X's (rule owner_in_post).
                continue
            end, got = self._apposition(doc, c, sent_e, hit_at, hon_starts, hit_starts, rec_orgs, cand_by_start)
            if c.foreign and not c.gender:
                # A bare plain-Latin run takes a post right after it (``Đại sứ Marc Knapper``), or in
                # apposition with a named body (``Ayuth Sintoppant, lãnh đạo Cục Cải huấn Thái Lan,``).
                q = _next_word_at(text, end)
                inside = bisect_left(cand_sorted, end) - bisect_right(cand_sorted, c.start)  # names within its body
                if (
                    got and all(t.organization for _, t in got) and text[c.end : c.end + 1] == "," and inside == 0
                    and c.start - 1 not in post_ends and not (q < len(text) and text[q].isupper())
                ):
                    claimed.update(pos for pos, _ in got)
                    p.titles.extend(got)
                    p.rules.append("apposition")
                continue
            claimed.update(pos for pos, _ in got)
            if got:
                p.titles.extend(got)
                p.rules.append("apposition")
            if not got:
                deputy = self._deputy(text, c)
                if deputy is not None:
                    p.titles.append(deputy)
                    p.rules.append("deputy")
            got = self._role(doc, c, end, sent_s, sent_e, hit_at, cand_starts, hit_starts, rec_orgs, cand_sorted)
            if got:
                p.titles.extend(got)
                p.rules.append("role")
        self._short_is(doc, people, cands, hit_at, cand_starts, hit_starts, rec_orgs)
        listed: set[int] = set()  # posts heading a list of names (``Chủ tịch: A``)
        for h in post_hits:
            for c, t in self._colon_list(doc, h, cand_by_start, cand_starts, hit_starts, rec_orgs):
                p = person(c)
                p.titles.append((h.start, t))
                p.rules.append("list")
                listed.add(h.start)
        variants = _merge_variants(people, cands)
        self._resolve_bodies(doc, rec, people, cand_starts, hit_starts, listed, post_hits)
        self._emit(doc, rec, people, cands, hits, variants)

    # -- bodies from the article ---------------------------------------------------------------------
    def _article_bodies(self, doc: Doc, rec: Record, cand_starts: set[int], hit_starts: set[int]) -> list[tuple[int, int, str]]:
        """Every body the article names, as (start, end, name) in text order: the organisations found
        (canonical names), plus each capitalised body head's name as written (``Ngân hàng … Việt Nam``,
        ``Trường Đại học Đồng Nai``) as the officials' body scanner reads it."""
        text = doc.text
        found = [(doc.norm_index(m.start), doc.norm_index(m.end), org.name) for org in rec.organizations for m in org.mentions]
        probe = _Hit(0, 0, "", "post", "", "")
        reach = 0
        for m in self.body_head_re.finditer(text, doc.header_end):
            if m.start() < reach:
                continue
            span = self._scan_org(text, m.start(), min(len(text), m.start() + 200), probe, cand_starts, hit_starts)
            if span is None or span[1] <= m.end():
                continue
            end = span[1]
            for comma in _COMMA_RE.finditer(text, span[0], end):
                # ``Trường X, Ban Thường vụ Tỉnh ủy Y``: the list's next body starts after the comma.
                if self.org_head_re.match(text, comma.end()) and text[comma.end()].isupper():
                    end = comma.start()
                    break
            # As written (spaces folded): the one body a post takes is made canonical by the caller.
            name = " ".join(text[span[0] : end].strip(" ,-").split())
            if name:
                found.append((span[0], end, name))
                reach = end
        found.sort()
        return found

    def _resolve_bodies(
        self,
        doc: Doc,
        rec: Record,
        people: dict[str, _Person],
        cand_starts: set[int],
        hit_starts: set[int],
        listed: set[int],
        post_hits: list[_Hit],
    ) -> None:
        """Posts whose body the sentence leaves short take it from the article (SPEC 2nd ed.):
        - a short form the article spells out (``Ngân hàng … Việt Nam (Techcombank)``) -> the full name;
        - a body named by its kind alone (``Đảng ủy``, ``HĐQT``, ``Hội``) -> the fuller body of that kind
          the article names, else the person's other body (``Bí thư Đảng ủy, Hiệu trưởng Trường X`` ->
          ``Đảng ủy Trường X``), else the nearest body before the post;
        - a post with no body and no default -> the nearest body before it in its paragraph, or, for a
          list of names, within ``_CONTEXT_CHARS`` (``Danh sách … VFF:`` heads the list ``Chủ tịch: …``).
        Foreign officials keep their country. Nothing is scanned when no post needs it."""
        hits = place_hits(doc)
        province = dominant_province(hits)
        text = doc.text
        # Provinces named in the text, in order: a paragraph's own when the article has no one province.
        named = [(h.start, h.province.name) for h in hits if h.level == "province" and h.province is not None and h.name]
        named_starts = [x[0] for x in named]
        for p in people.values():
            # ``Ủy ban Kiểm tra Tỉnh ủy``, ``Sở Y tế``: the article's province when it fixes one, else the
            # last one named before the post in its paragraph.
            if p.foreign:
                continue
            for i, (pos, t) in enumerate(p.titles):
                if not (t.organization and _PLACELESS_RE.search(t.organization)):
                    continue
                pname = province.name if province is not None else None
                if pname is None:
                    k = bisect_left(named_starts, pos) - 1
                    if k >= 0 and "\n" not in text[named[k][0] : pos]:
                        pname = named[k][1]
                if pname is not None:
                    p.titles[i] = (pos, Title(t.title, self.orgs.canonical(t.organization, pname)))
        needy = [
            p for p in people.values()
            if p.official() and any(self._needs_body(t) or (p.foreign and t.organization is None and _base_post(t.title) in _STATE_POSTS) for _, t in p.titles)
        ]
        if not needy:
            return
        bodies = self._article_bodies(doc, rec, cand_starts, hit_starts)
        if not bodies:
            return
        aliases: dict[str, str] = {}
        for _, e, name in bodies:
            m = _ALIAS_PAREN_RE.match(text, e)
            if m is not None and len(name.split()) >= 3:
                aliases.setdefault(okey(m.group(1)), name)
        starts = [b[0] for b in bodies]
        companies: list[tuple[int, str]] | None = None  # read when a board post needs its company
        countries: list[tuple[int, str]] | None = None  # read when a foreign leader needs a country
        for p in needy:
            # Kinds and missing bodies first, so a body inside another (``Đảng ủy``) can take a unit
            # that was itself filled (``nguyên Bí thư Đảng ủy, nguyên Phó Hiệu trưởng`` + the school).
            order = sorted(range(len(p.titles)), key=lambda i: self._is_part(p.titles[i][1].organization))
            for i in order:
                pos, t = p.titles[i]
                units = [(q, u.organization) for q, u in p.titles if u.organization and okey(u.organization) not in self.generic_bodies]
                org = t.organization
                if org is not None and okey(org) in aliases:
                    p.titles[i] = (pos, Title(t.title, self.orgs.canonical(aliases[okey(org)])))
                    continue
                kind = self.generic_bodies.get(okey(org)) if org else None
                if org is not None and kind is None and not p.foreign:
                    longer = self._longer_body(bodies, starts, pos, org)
                    if longer is not None:
                        p.titles[i] = (pos, Title(t.title, self.orgs.canonical(longer)))
                    continue
                if org is None and _base_post(t.title) in _STATE_POSTS and (p.foreign or not self._has_default(t.title)):
                    # ``Thủ tướng Narendra Modi`` in an article about India: the article's country (rule
                    # country_of_article); a state leader's body is never another body the text names
                    # (``phát biểu tại Hội đồng Quan hệ Đối ngoại Mỹ, Ngoại trưởng X``).
                    if countries is None:
                        countries = self._country_mentions(text)
                    land = _most_named(countries, least=2)
                    if land is not None:
                        p.titles[i] = (pos, Title(t.title, land))
                    continue
                if (org is not None and kind is None) or p.foreign:
                    continue  # a foreign official keeps the country the text gives
                if org is None and self._has_default(t.title):
                    continue
                # A bodiless post looks back over its paragraph (``Công ty X họp cổ đông. Ông Y, Chủ tịch
                # HĐQT, …``); a list of names and a body named by kind look further.
                reach = _CONTEXT_CHARS if org is not None or pos in listed else min(pos - text.rfind("\n", 0, pos) - 1, _CONTEXT_CHARS - 1)
                head = self.head_of.get(_base_post(t.title).removeprefix("Phó "))
                new = None
                if org is None and _COMPANY_POST_RE.search(t.title):
                    if companies is None:
                        companies = self._companies(rec, bodies)
                    # The person's own company, when another of their posts names it, comes first.
                    known = {n for _, n in companies}
                    own = next((u for _, u in units if u in known or _COMPANY_BODY_RE.match(u)), None)
                    new = own or _company_of(text, companies, pos)
                if org is None and new is None:
                    new = self._same_post_body(text, post_hits, t.title, pos, cand_starts, hit_starts)
                new = new or self._complete(text, bodies, starts, pos, org, kind, units, head, reach)
                if new and okey(new) not in (okey(t.title), okey(_base_post(t.title))):
                    # a post is never its own body (``Bộ trưởng`` read as a body before ``Bộ trưởng X``)
                    body = self.orgs.canonical(new)
                    if org is None and body and _base_post(t.title).removeprefix("Phó ").removesuffix(" Thường trực") == "Bí thư":
                        # ``Phó Bí thư Thường trực, Chủ tịch HĐND tỉnh X``: the party committee of that level,
                        # never the council itself (rule party_of_level).
                        body = _party_committee(body) or body
                    p.titles[i] = (pos, Title(t.title, body))

    def _same_post_body(
        self, text: str, post_hits: list[_Hit], title: str, pos: int, cand_starts: set[int], hit_starts: set[int]
    ) -> str | None:
        """The body the article writes after the same post elsewhere, when it writes only one (rule
        same_post_body): ``người phát ngôn Bộ Ngoại giao`` … ``người phát ngôn Lê Thị Thu Hằng``."""
        base = _base_post(title)
        found: dict[str, str] = {}
        for h in post_hits:
            if h.start == pos or _base_post(h.canonical) != base:
                continue
            q = _next_word_at(text, h.end)
            if q >= len(text) or not text[q].isupper() or self.org_head_re.match(text, q) is None or q in cand_starts:
                continue
            span = self._scan_org(text, q, min(len(text), q + 200), h, cand_starts, hit_starts)
            if span is not None and _next_word_at(text, span[1]) not in cand_starts:
                name = self.orgs.canonical(text[span[0] : span[1]].strip(" ,-"))
                if name:
                    found.setdefault(okey(name), name)
        return next(iter(found.values())) if len(found) == 1 else None

    def _country_mentions(self, text: str) -> list[tuple[int, str]]:
        """The foreign countries the article names, (start, name) in text order (``Anh`` is left out:
        it is as often a pronoun)."""
        return [(m.start(), m.group()) for m in self.country_re.finditer(text) if m.group() != "Anh"]

    def _companies(self, rec: Record, bodies: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
        """The companies the article names, (start, canonical name) in text order: the known ones
        (``data/companies.tsv``) and bodies written with a company's head word (``Công ty …``)."""
        known = {org.name for org in rec.organizations if org.kind in _COMPANY_KINDS}
        return [(s, self.orgs.canonical(name)) for s, _, name in bodies if name in known or _COMPANY_BODY_RE.match(name)]

    def _needs_body(self, t: Title) -> bool:
        """The post's body may come from the article: none (and no default), a kind alone, a short
        form, or a short name that is no known body."""
        org = t.organization
        if org is None:
            return not self._has_default(t.title)
        key = okey(org)
        return key in self.generic_bodies or (len(key.split()) <= 4 and key not in self.orgs.entries)

    def _longer_body(self, bodies: list[tuple[int, int, str]], starts: list[int], pos: int, org: str) -> str | None:
        """``Hội đồng tư vấn`` -> ``Hội đồng tư vấn triển khai … Nghị quyết 98`` when the article names
        the body in full elsewhere (the nearest before the post, else the first after); known bodies
        and names that are already long stay."""
        key = okey(org)
        if key in self.orgs.entries or len(key.split()) > 6:
            return None
        k = bisect_right(starts, pos)
        for b in (*reversed(bodies[:k]), *bodies[k:]):
            bk = okey(b[2])
            last = b[2].rsplit(" ", 1)[-1]
            if (
                bk.startswith(key + " ") and len(bk.split()) - len(key.split()) <= 12 and not _PLACE_TAIL_RE.match(bk[len(key) :])
                and (last[:1].isupper() or last[:1].isdigit())  # a full name ends in a proper name or a number
            ):
                return b[2]
        return None

    def _is_part(self, org: str | None) -> bool:
        return org is not None and self.generic_bodies.get(okey(org)) == "part"

    def _has_default(self, title: str) -> bool:
        base = _base_post(title)
        return any(canon in (base, base.removeprefix("Phó ")) and dflt for canon, _, _, dflt in self.titles.values())

    def _complete(
        self,
        text: str,
        bodies: list[tuple[int, int, str]],
        starts: list[int],
        pos: int,
        org: str | None,
        kind: str | None,
        units: list[tuple[int, str]],
        head: str | None,
        reach: int,
    ) -> str | None:
        """The body a post at ``pos`` names only by kind (``org``), or not at all (``None``); bodies
        before it count up to ``reach`` characters back."""
        k = bisect_right(starts, pos)
        before = [b for b in reversed(bodies[max(0, k - 40) : k]) if pos - b[0] <= reach]
        key = okey(org) if org else None
        want = key if key is not None and kind == "type" else (okey(head) if head and org is None else None)
        if want is not None:
            # The same kind of body, named in full: the nearest before, else anywhere in the article.
            for b in before + bodies:
                if okey(b[2]).startswith(want + " "):
                    return b[2]
        if kind == "type" or (want is not None and reach < _CONTEXT_CHARS):
            return None  # ``làm trưởng ban``: a ``Ban`` or nothing, never the person's other body
        owner = None
        later = [u for u in units if u[0] > pos]
        if later or units:
            owner = (later or units)[0][1]
        elif key is not None and (same := next((b[2] for b in before if okey(b[2]).startswith(key + " ")), None)):
            return same  # ``Đảng ủy`` after ``Đảng ủy Khối Doanh nghiệp`` in the same stretch
        elif before:
            cand = next((b[2] for b in before if okey(b[2]) not in self.generic_bodies), None)
            owner = cand
        if owner is None:
            return None
        if org is None:
            return owner
        if "đảng ủy" in org.casefold():
            # A party committee sits at the top level of ``Phòng X, Sở Y``: the Sở's.
            levels = [m.end() for m in _COMMA_RE.finditer(owner) if self.body_head_re.match(owner, m.end())]
            if levels:
                owner = owner[levels[-1] :]
        return f"{org[:1].upper()}{org[1:]} {owner}"

    def _short_is(
        self,
        doc: Doc,
        people: dict[str, _Person],
        cands: list[_Cand],
        hit_at: dict[int, _Hit],
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
    ) -> None:
        """``Ông Hiếu là Giám đốc Sở …``: a post given to a short mention goes to the one person of the
        article whose name ends with it (none when two share it); ``Bà là Thành viên HĐQT …`` at a
        sentence's start goes to the person named last before it, of that gender when known."""
        text = doc.text
        starts = [c.start for c in cands]
        for m in _PRONOUN_IS_RE.finditer(text, doc.header_end):
            q = m.end()
            h = hit_at.get(q)
            k = bisect_left(starts, m.start()) - 1
            if h is None or h.kind not in ("post", "appos") or k < 0 or m.start() - cands[k].end > 300:
                continue
            c = cands[k]
            gender = "male" if m.group("pro").casefold() == "ông" else "female"
            p = people.get(c.name)
            if p is None or (p.genders and gender not in p.genders):
                continue
            _, got = self._chain(doc, q, doc.sentence_at(q)[1], hit_at, cand_starts, hit_starts, rec_orgs)
            if got:
                p.titles.extend(got)
                p.rules.append("role")
        by_key: dict[str, list[_Person]] = {}
        for p in people.values():
            parts = p.name.split()
            for key in {parts[-1], " ".join(parts[-2:])} if len(parts) >= 3 else {parts[-1]}:
                by_key.setdefault(key, []).append(p)
        for m in _SHORT_IS_RE.finditer(text, doc.header_end):
            q = m.end()
            h = hit_at.get(q)
            owners = by_key.get(m.group("key"), [])
            if h is None or h.kind not in ("post", "appos") or len(owners) != 1 or m.start("key") in cand_starts:
                continue
            _, got = self._chain(doc, q, doc.sentence_at(q)[1], hit_at, cand_starts, hit_starts, rec_orgs)
            if got:
                owners[0].titles.extend(got)
                owners[0].rules.append("role")

    def _deputy(self, text: str, c: _Cand) -> tuple[int, Title] | None:
        """``Đại biểu Trần Thị Lan (đoàn Nam Định)``: a National Assembly deputy of that province's
        delegation (news names a deputy by the delegation, never by the post in full)."""
        before = _DEPUTY_BEFORE_RE.search(text, max(0, c.left - 12), c.left)
        if before is None:
            return None
        m = _DEPUTY_PAREN_RE.match(text, c.end)
        full = self.province_units.get(m.group("place")) if m is not None else None
        if full is None:
            return None
        return before.start(), Title("Đại biểu Quốc hội", f"Đoàn đại biểu Quốc hội {full}")

    def _prenominal(
        self,
        doc: Doc,
        c: _Cand,
        post_hits: list[_Hit],
        post_starts: list[int],
        sent_s: int,
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
        claimed: set[int],
    ) -> list[tuple[int, Title]]:
        """``Thứ trưởng Bộ Y tế Nguyễn Văn An``, ``Chủ tịch UBND tỉnh X, ông Trần Văn B``."""
        text = doc.text
        k = bisect_right(post_starts, c.left) - 1
        if k < 0:
            return []
        h = post_hits[k]
        if h.end > c.left or h.start < sent_s or h.start in claimed:
            return []
        if h.kind != "post" and not (h.kind == "appos" and c.gender and text[h.end : c.left].rstrip().endswith(",")):
            return []  # ``Đại diện Sở Y tế, ông X``: an apposition post before a name only with its body and ông/bà
        if _PLURAL_BEFORE_RE.search(text, max(0, h.start - 12), h.start):
            return []  # ``chất vấn các Bộ trưởng khối văn hóa - xã hội, bà X``: several holders, none named (rule plural_post)
        lead = text[max(sent_s, h.start - 16) : h.start]
        if self.not_holder_re.search(lead):
            return []  # ``ứng viên Tổng thống X``: X does not hold the post (rule not_holder)
        if "," in text[h.end : c.left] and self.addressee_re.search(lead):
            return []  # ``Báo cáo với Chủ tịch nước, bác sĩ X``: the post is the addressee's (rule addressee)
        aide = post_hits[k - 1] if k > 0 else None
        if aide is not None and not (aide.canonical in _AIDE_POSTS and aide.start >= sent_s and not text[aide.end : h.start].strip()):
            aide = None
        got = self._prenominal_posts(doc, c, h, k, post_hits, sent_s, cand_starts, hit_starts, rec_orgs, claimed)
        if aide is not None and got and got[0][0] == h.start:
            # ``trợ lý Tổng thống Nga X``: X is the aide of the post's holder, the post is not X's; the
            # title names both (``Trợ lý Tổng thống``), the body is the post's (rule aide_of_post).
            return [(aide.start, Title(f"{aide.canonical} {got[0][1].title}", got[0][1].organization))]
        return got

    def _prenominal_posts(
        self,
        doc: Doc,
        c: _Cand,
        h: _Hit,
        k: int,
        post_hits: list[_Hit],
        sent_s: int,
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
        claimed: set[int],
    ) -> list[tuple[int, Title]]:
        """The posts of ``Thứ trưởng Bộ Y tế Nguyễn Văn An`` once the post right before the name (``h``,
        ``post_hits[k]``) is known to be the name's."""
        text = doc.text
        h = self._extended(text, h, c.left)
        # ``Chủ tịch của Real Madrid, Florentino Perez``: the body after ``của`` (rule post_of_body_name).
        of = _OF_START_RE.match(text, h.end, c.left)
        if of is not None and (_base_post(h.canonical) in _GENERIC_POSTS or (c.foreign and not c.gender and text[h.start].islower())):
            of = None  # ``đội trưởng của CLB, Harry Maguire``, ``đại diện của Messi, X``: no post of a body
        body_from = of.end() if of is not None else h.end
        between = text[body_from : c.left]
        stripped = between.strip(" ,-")
        if c.foreign and not c.gender and "," in between and _ACCORDING_RE.search(text, max(sent_s, h.start - 12), h.start):
            # ``Theo chủ tịch UEFA, European Super League …``: after ``theo POST,`` a clause starts; a bare
            # foreign run there is not the post's name (rule according_to).
            return []
        span: tuple[int, int] | None = None
        # ``Người phát ngôn quân đội Indonesia X``: a force written small, then its country (rule force_of_country).
        force = c.foreign and _FORCE_RE.match(stripped) is not None and self._foreign_body(stripped)[0] is not None
        if stripped in _BARE_UNITS:
            # ``Chủ tịch xã X``, ``Bí thư phường X``: the post's body at that level, unnamed.
            return [(h.start, Title(h.canonical, self._level_body(h.canonical, stripped) or stripped))]
        if stripped and not force:
            # ``Tổng giám đốc Tổ chức Y tế Thế giới (WHO) X``: a bracketed short form inside the body is no break.
            if len(between) > 160 or _BREAK_RE.search(_ABBR_PAREN_RE.sub("", between)):
                return []
            # after ``của`` a capitalised run is the body even when it reads like a name (``Sporting Porto``)
            span = self._scan_org(text, body_from, c.left, h, cand_starts - {body_from} if of is not None else cand_starts, hit_starts)
            rest = text[span[1] : c.left].strip(" ,-") if span is not None else ""
            if (span is None or (rest and not _ABBR_PAREN_RE.fullmatch(rest))) and not (c.foreign and _REGION_RE.fullmatch(stripped)):
                return []
        country: str | None = stripped if stripped in self.countries else None
        sector: str | None = None
        if c.foreign and stripped and country is None:
            country, sector = self._foreign_body(stripped)
        named_body = span is not None and self.body_head_re.match(text, span[0]) is not None
        if c.foreign and not c.gender and (
            (stripped and not (country or sector or named_body))
            or (
                not stripped and _base_post(h.canonical) not in _FOREIGN_POSTS
                and not ((text[h.start].isupper() or _base_post(h.canonical) not in _GENERIC_POSTS) and _bare_foreign_name(text, c))
            )
        ):
            return []
        foreign_body = c.foreign or (country is not None and not named_body)
        if sector is not None and not h.head and sector in self.departments:
            # ``Giám đốc Kỹ thuật X của Chelsea``: the department is part of the post (rule foreign_department);
            # the body is the one named right after the name, else the country.
            of_org = _OF_ORG_AFTER_RE.match(text, c.end)
            return [(h.start, Title(f"{h.canonical} {sector}", of_org.group("org") if of_org is not None else country))]
        if sector is not None and not named_body:
            # ``Bộ trưởng Quốc phòng Indonesia X``: the ministry the post heads, of that country;
            # ``Bộ trưởng Bộ Y tế Lào X`` names the ministry already (rule foreign_sector).
            headed = h.head and not self.org_head_re.match(sector)
            body = self.orgs.canonical(f"{h.head} {sector}" if headed else sector) if h.head else sector
            out = [(h.start, Title(h.canonical, f"{body} {country}" if country else body))]
        elif (country is not None and not named_body) or (c.foreign and span is None):
            # A foreign head of government or state: the body is the country named after the post
            # (``Thủ tướng Anh`` -> ``Anh``, like ``Tổng thống Mỹ`` -> ``Mỹ``), never the default
            # Vietnamese body (``Chính phủ``); a foreign name with no country gets no body.
            out = [(h.start, Title(h.canonical, country))]
        else:
            out = [(h.start, self._title(doc, rec_orgs, h, span))]
        if not stripped and out[0][1].organization is None and (of := _OF_BODY_AFTER_RE.match(text, c.end)) is not None:
            # ``chủ tịch Andrea Agnelli của Juventus``: the body follows the name (rule post_name_of_body).
            out[0] = (h.start, Title(h.canonical, self.orgs.canonical(of.group("body").strip()) or of.group("body").strip()))
        # Earlier posts of the same chain: ``Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ X``.
        while k > 0:
            prev = post_hits[k - 1]
            if prev.start < sent_s or prev.kind != "post" or prev.start in claimed:
                break  # another name's posts in apposition (``A, Chủ nhiệm X; …``) stay A's
            gap = text[prev.end : h.start]
            if not gap.strip():
                break
            sep = _CHAIN_SEP_RE.search(gap)
            if sep is None or sep.end() != len(gap) or ";" in sep.group():
                break
            pspan = None
            if sep.start() > 0:
                pspan = self._scan_org(text, prev.end, prev.end + sep.start(), prev, cand_starts, hit_starts)
                if pspan is None or pspan[1] != prev.end + sep.start():
                    break
            t = self._title(doc, rec_orgs, prev, pspan)
            if foreign_body and pspan is None:
                # ``Phó Thủ tướng kiêm Bộ trưởng Công thương Séc X``: a foreign official's earlier post
                # takes the country, not the next post's ministry (rule foreign_chain).
                t = Title(prev.canonical, country)
            elif t.organization is None and not prev.default_org:
                t = Title(t.title, out[-1][1].organization)
            out.append((prev.start, t))
            h = prev
            k -= 1
        return out

    def _copula(
        self,
        doc: Doc,
        c: _Cand,
        post_hits: list[_Hit],
        post_starts: list[int],
        sent_s: int,
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
        claimed: set[int],
    ) -> list[tuple[int, Title]]:
        """``Phó Giám đốc Sở Xây dựng khi đó là ông X``, ``miễn nhiệm chức vụ Thứ trưởng Bộ Y tế đối
        với ông X``: a post [body] [time] ``là``/``đối với`` the name."""
        text = doc.text
        link = _COPULA_BEFORE_RE.search(text, max(sent_s, c.left - 40), c.left)
        if link is None:
            return []
        k = bisect_right(post_starts, link.start()) - 1
        if k < 0:
            return []
        h = post_hits[k]
        if h.start < sent_s or h.end > link.start() or h.start in claimed:
            return []
        between = text[h.end : link.start()]
        if len(between) > 120 or _BREAK_RE.search(between):
            return []
        span = None
        if between.strip(" ,"):
            span = self._scan_org(text, h.end, link.start(), h, cand_starts, hit_starts)
            if span is None or text[span[1] : link.start()].strip(" ,"):
                return []
        return [(h.start, self._title(doc, rec_orgs, h, span))]

    def _foreign_body(self, between: str) -> tuple[str | None, str | None]:
        """``Mỹ`` -> (country, None); ``Quốc phòng Indonesia`` -> (``Indonesia``, ``Quốc phòng``);
        ``Quốc phòng`` -> (None, ``Quốc phòng``): a post's sector and country before a foreign name."""
        if between in self.countries:
            return between, None
        words = between.split()
        region = _REGION_RE.fullmatch(between)
        if region is not None:
            return between, None  # ``Thống đốc bang Oregon X``: the state is the body
        if _FORCE_RE.match(between):
            # ``Người phát ngôn quân đội Indonesia X``: an armed force written small (rule force_of_country).
            between = between[:1].upper() + between[1:]
            words = between.split()
        # ``An ninh Quốc gia Ấn Độ``: a sector of up to four words, then a country.
        if not 1 <= len(words) <= 7 or not words[0][:1].isupper():
            return None, None
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[-n:]) in self.countries:
                return " ".join(words[-n:]), " ".join(words[:-n]) if len(words) - n <= 4 else None
        return None, (between if len(words) <= 4 and all(w[:1].isupper() or w.islower() for w in words) else None)

    def _apposition(
        self,
        doc: Doc,
        c: _Cand,
        sent_e: int,
        hit_at: dict[int, _Hit],
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
        names: dict[int, _Cand] | None = None,
    ) -> tuple[int, list[tuple[int, Title]]]:
        """``Ông X, Phó Chủ tịch UBND tỉnh Y,`` / ``X - Tổng Giám đốc Z -`` / ``bà X (Phó Chủ tịch …)``."""
        text = doc.text
        pos = c.end
        limit = max(sent_e, min(len(text), c.end + 400))
        par = _PAREN_RE.match(text, pos)
        if par is not None:
            inner = par.start(1)
            while inner < par.end(1) and text[inner] == " ":
                inner += 1
            if inner in hit_at and hit_at[inner].kind in ("post", "appos"):
                # ``ông X (thành viên độc lập)``: a bracket holds the post alone, with or without a body.
                _, got = self._chain(doc, inner, par.end(1), hit_at, cand_starts, hit_starts, rec_orgs, bare=True)
                if got:
                    return par.end(), got
            pos = par.end()
        sep = _APPOS_SEP_RE.match(text, pos)
        if sep is None:
            return pos, []
        q = sep.end()
        fm = _FORMER_RE.match(text, q) if q not in hit_at else None
        if fm:
            q = fm.end()
        if q not in hit_at and sep.group().strip() == ",":
            # ``TS X, chuyên gia lúa gạo, Hiệu trưởng Đại học Y,``: a short lower-case description,
            # then the post (rule appos_after_description).
            d = _DESCRIPTION_RE.match(text, q)
            if d is not None and d.end() in hit_at and hit_at[d.end()].kind == "post":
                q = d.end()
        if q not in hit_at:
            return pos, []
        close = text.find(")", q, limit) if sep.group().strip() == "(" else -1
        end, got = self._chain(doc, q, close if close >= 0 else limit, hit_at, cand_starts, hit_starts, rec_orgs, names=names)
        return (end if got else pos), got

    def _chain(
        self,
        doc: Doc,
        q: int,
        limit: int,
        hit_at: dict[int, _Hit],
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
        bare: bool = False,
        names: dict[int, _Cand] | None = None,
    ) -> tuple[int, list[tuple[int, Title]]]:
        """Posts from ``q``: post [body] (, post [body] | kiêm post [body] | , honour)*. ``bare``: an
        apposition-only post (``thành viên``) needs no body (inside a bracket after the name).
        ``names``: every name's start; a post (or its body) that runs straight into one is that
        name's, and so are the posts before it back to the chain's last ``;`` if it has one (with
        commas only the earlier posts stay: which side they are on is not written) (rule next_name)."""
        text = doc.text
        out: list[tuple[int, Title]] = []
        end = q
        since_semi = -1  # posts in ``out`` before the chain's last ``;`` (-1: no ``;`` yet)
        while q < limit:
            h = hit_at.get(q)
            if h is None:
                break
            if h.kind in ("rank", "honor"):
                # ``Bác sĩ y khoa,`` ``Đại tá,``: skip up to the next separator (a few words at most).
                m = _SKIP_RE.match(text, h.end, limit)
                nxt = m.end() if m else h.end
            else:
                h = self._extended(text, h, limit)
                ab = _POST_ABBR_RE.match(text, h.end, limit)
                if ab is not None and text[ab.end() : ab.end() + 1].isupper():
                    # ``Chủ tịch Hội đồng quản trị (HĐQT) Tân Tạo``: the post's abbreviation, then its body.
                    h = _Hit(h.start, ab.end(), h.canonical, h.kind, h.head, h.default_org)
                listed = self._body_list(doc, h, limit, rec_orgs, cand_starts, hit_starts)
                if listed:
                    # ``Chủ tịch HĐQT của 3 công ty gồm A, B và C``: one post per body.
                    out.extend((h.start, t) for t in listed[1])
                    end = listed[0]
                    break
                span = self._scan_org(text, h.end, limit, h, cand_starts, hit_starts)
                of = _QUALIFIED_OF_RE.match(text, h.end, limit) if span is None else None
                if of is not None:
                    # ``Đại biểu Quốc hội chuyên trách thuộc Đoàn ĐBQH tỉnh X``: qualifier, then the body.
                    h = _Hit(h.start, of.end(1), f"{h.canonical} {' '.join(of.group(1).split())}", h.kind, h.head, h.default_org)
                    span = self._scan_org(text, of.end(), limit, h, cand_starts, hit_starts)
                owner = _OWNER_AFTER_RE.match(text, h.end, limit) if span is None else None
                if owner is not None and not self._plain_words(text, owner.start("q"), owner.end("q")):
                    owner = None  # ``Giám đốc cho biết của …``: a verb, not the post's words
                if owner is not None:
                    # ``Giám đốc Quốc gia của Ngân hàng Thế giới``, ``Phó Chủ tịch đầu tư mạng lưới của Facebook``,
                    # ``Giám đốc khu vực Đông Nam Á của Grab``, ``PGĐ- Sở Y tế``: the body after ``của`` or a dash;
                    # the words before ``của`` qualify the post (rule body_after_of).
                    if owner.group("q"):
                        h = _Hit(h.start, owner.end("q"), f"{h.canonical} {' '.join(owner.group('q').split())}", h.kind, h.head, h.default_org)
                    span = self._scan_org(text, owner.end(), limit, h, cand_starts, hit_starts)
                if span is not None and span[1] < limit and _TOKEN_RE.match(text, span[1], limit) is not None:
                    # The body runs into a person's name: the post is that person's (pre-nominal).
                    nm = _GAP_RE.match(text, span[1], limit)
                    after = nm.end() if nm else span[1]
                    if after in cand_starts:
                        break
                if names and self._next_names(text, h, span, limit, names):
                    if since_semi >= 0:
                        del out[since_semi:]  # ``…; Ủy viên Trung ương Đảng, Phó Chủ tịch nước B``: B's posts
                    break
                if h.kind == "appos" and span is None and not bare:
                    break
                unit = _BARE_UNIT_AFTER_RE.match(text, h.end, limit) if span is None else None
                level = self._level_body(h.canonical, unit.group("u")) if unit is not None else None
                if unit is not None and level is not None:
                    # ``Phó Chủ tịch thành phố - …``: the level's body; its place comes from the article.
                    out.append((h.start, Title(h.canonical, level)))
                    nxt = unit.end("u")
                else:
                    out.append((h.start, self._title(doc, rec_orgs, h, span)))
                    nxt = span[1] if span else h.end
                par = _PAREN_RE.match(text, nxt, limit) if span else None
                if par is not None and len(par.group(1).split()) <= 6:
                    nxt = par.end()  # ``… Hàng tiêu dùng Masan (Masan Consumer); Thành viên …``: the chain goes on
            end = nxt
            sep = _CHAIN_SEP_RE.match(text, nxt, limit)
            if sep is None:
                break
            if ";" in sep.group():
                since_semi = len(out)
            q = sep.end()
            if sep.group().strip()[:1] in "-–" and not (q in hit_at and hit_at[q].kind == "post" and text[q].isupper()):
                break  # after a dash only a capitalised post goes on the chain (``… thành phố - Chủ tịch Hội X``)
        for k in range(len(out) - 2, -1, -1):
            pos, t = out[k]
            if t.organization is None and "kiêm" in text[pos : out[k + 1][0]]:
                shared = out[k + 1][1].organization
                if shared is not None and _base_post(t.title).removeprefix("Phó ") == "Bí thư":
                    # ``Bí thư kiêm Chủ tịch UBND xã X`` -> Đảng ủy xã X; ``… kiêm Giám đốc Sở Y`` -> Đảng ủy Sở Y
                    shared = _party_committee(shared) or f"Đảng ủy {shared}"
                out[k] = (pos, Title(t.title, shared))
        if len(out) >= 2:
            out = _placed_levels(out)
        return end, out

    def _next_names(self, text: str, h: _Hit, span: tuple[int, int] | None, limit: int, names: dict[int, _Cand]) -> bool:
        """The post ``h`` (body ``span``) is the next name's: a full name (three words) starts
        its body (a person is never a body), a foreign name ends a body with no body word before it (``thượng nghị sĩ Cộng hòa
        Pattrick Toomey``, not ``Bệnh viện Nhi Trung``), or a name follows the post with nothing
        between (``Phó Chủ tịch nước B``)."""
        if span is not None:
            first = names.get(span[0])
            if first is not None and first.name.count(" ") >= 2:
                return True  # a two-word run at a body's start is as often a brand (``CEO An Vui``, plain Latin)
            return any(
                c.foreign and c.end == span[1] and self.org_head_re.search(text, span[0], s) is None
                for s, c in names.items()
                if span[0] < s < span[1]
            )
        gap = _GAP_RE.match(text, h.end, limit)
        return gap is not None and gap.group().strip() == "" and gap.end() in names

    def _role(
        self,
        doc: Doc,
        c: _Cand,
        after: int,
        sent_s: int,
        sent_e: int,
        hit_at: dict[int, _Hit],
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
        cand_sorted: list[int],
    ) -> list[tuple[int, Title]]:
        """``do Thứ trưởng X làm tổ trưởng``, ``X được bầu giữ chức vụ Chủ tịch Hội``, ``X là Chủ tịch …``.
        ``cand_sorted``: ``cand_starts`` in order (bisect, not a scan of all names per verb)."""
        text = doc.text
        many = _MANY_POSTS_RE.search(text, after, min(sent_e, after + 260))
        if many is not None and many.end() in hit_at:
            # ``X …, đồng thời giữ nhiều chức vụ quan trọng tại Y như: A, B, C``: each listed post is X's.
            i, j = bisect_left(cand_sorted, after), bisect_left(cand_sorted, many.start())
            if j - i <= (1 if after <= c.start < many.start() else 0):
                return self._chain(doc, many.end(), sent_e, hit_at, cand_starts, hit_starts, rec_orgs)[1]
        stop = min(sent_e, after + 120)
        for m in self.role_re.finditer(text, after, stop):
            i, j = bisect_left(cand_sorted, after), bisect_left(cand_sorted, m.start())
            if j - i > (1 if after <= c.start < m.start() else 0):
                return []  # another name between: the verb is not this person's
            q = m.end()
            h = hit_at.get(q)
            verb = m.group("verb")
            if h is None or h.kind not in ("post", "appos"):
                if verb == "là":
                    return []
                continue
            if verb == "là" and _IS_ADVERBS_RE.fullmatch(text, after, m.start()) is None:
                return []
            _, got = self._chain(doc, q, sent_e, hit_at, cand_starts, hit_starts, rec_orgs)
            out = []
            for pos, t in got:
                if t.organization is None and hit_at[pos].head:
                    org = self._named_body(doc, hit_at[pos], sent_s, c.left, rec_orgs, cand_starts, hit_starts)
                    if org:
                        t = Title(t.title, org)
                out.append((pos, t))
            return out
        return []

    def _named_body(
        self,
        doc: Doc,
        h: _Hit,
        sent_s: int,
        before: int,
        rec_orgs: dict[int, tuple[int, str]],
        cand_starts: set[int],
        hit_starts: set[int],
    ) -> str | None:
        """The body of the post's kind that the sentence names before the person (``Tổ Công tác …``)."""
        text = doc.text
        # Any case: ``đoàn công tác Bộ X do ông Y … làm trưởng đoàn``.
        for m in regex.finditer(r"(?<![\p{L}])(?i:" + regex.escape(h.head) + r")(?![\p{L}])", text, pos=sent_s, endpos=before):
            got = rec_orgs.get(m.start())
            if got is not None:
                return got[1]
            span = self._scan_org(text, m.start(), before, h, cand_starts, hit_starts)
            if span is not None and span[1] - span[0] > len(h.head):
                name = text[span[0] : span[1]].strip(" ,-")
                return self.orgs.canonical(name[:1].upper() + name[1:]) or None
        return None

    def _colon_list(
        self,
        doc: Doc,
        h: _Hit,
        cand_by_start: dict[int, _Cand],
        cand_starts: set[int],
        hit_starts: set[int],
        rec_orgs: dict[int, tuple[int, str]],
    ) -> list[tuple[_Cand, Title]]:
        """``Phó Chủ tịch: Trần Văn An (chuyên môn), Lê Văn Bình``; ``5 ủy viên … gồm: A, B``; ``Hai phó
        chủ tịch là A và B`` (a counted post and ``là``/``gồm``: rule plural_list)."""
        text = doc.text
        m = _COLON_RE.match(text, h.end)
        if m is None and h.kind == "post" and _PLURAL_COUNT_RE.search(text, max(0, h.start - 12), h.start):
            m = _PLURAL_IS_RE.match(text, h.end)
        if m is None or _CREDIT_RE.search(text, m.start(), m.end()):
            return []  # ``… - Ảnh: Nam Khánh``: a photo credit, not a list
        span = self._scan_org(text, h.end, m.end(), h, cand_starts, hit_starts) if text[h.end : m.end()].strip(" :") else None
        if span is not None and len(text[span[1] : m.end()].split()) > 6:
            return []
        title = self._title(doc, rec_orgs, h, span)
        out: list[tuple[_Cand, Title]] = []
        q = m.end()
        by_left = {c.left: c for c in cand_by_start.values() if c.left != c.start}  # ``gồm: ông A, bà B``
        while q in cand_by_start or q in by_left:
            c = cand_by_start.get(q) or by_left[q]
            out.append((c, title))
            q = c.end
            par = _PAREN_RE.match(text, q)
            if par is not None:
                q = par.end()
            sep = _LIST_SEP_RE.match(text, q)
            if sep is None:
                break
            q = sep.end()
        return out

    # -- output --------------------------------------------------------------------------------------
    def _emit(
        self, doc: Doc, rec: Record, people: dict[str, _Person], cands: list[_Cand], hits: list[_Hit], variants: dict[str, str]
    ) -> None:
        """``variants``: a name spelt with a typo -> the person's name (its spans are that person's)."""
        text = doc.text
        officials = [p for p in people.values() if p.official()]
        if not officials:
            return
        # Full mentions: every occurrence of each official's name, word-bounded, found in ONE scan of
        # the text by an alternation of all the names (longest first), not one search per name.
        spans: dict[str, list[tuple[int, int]]] = {p.name: [] for p in officials}
        written = {**{n: n for n in spans}, **{v: n for v, n in variants.items() if n in spans}}
        taken: list[tuple[int, int]] = []
        for i, j in _find_words(written, text, doc.header_end):
            spans[written[text[i:j]]].append((i, j))
            taken.append((i, j))
        for c in cands:  # any person's name, official or not, blocks a short mention inside it
            taken.append((c.start, c.end))
        taken.sort()
        # Short mentions by given name (one syllable, or two for long names); ambiguous keys refused.
        owners: dict[str, set[str]] = {}
        all_names = {c.name for c in cands} | set(spans)
        # Names are syllables joined by single spaces: ``o.endswith(" " + name)`` for another name
        # ``o`` means ``name`` is one of ``o``'s word suffixes (a set: linear, not all pairs).
        suffixes: set[str] = set()
        for o in all_names:
            words = o.split(" ")
            suffixes.update(" ".join(words[k:]) for k in range(1, len(words)))
        for name in all_names:
            if name in suffixes:
                continue  # ``Hùng Anh`` after ``ông`` is ``Hồ Hùng Anh``
            parts = name.split()
            keys = [parts[-1]] + ([" ".join(parts[-2:])] if len(parts) >= 3 else [])
            for k in keys:
                owners.setdefault(k, set()).add(name)
        genders: dict[str, set[str]] = {p.name: set(p.genders) for p in officials}
        post_by_end = {h.end: h for h in hits if h.kind in ("post", "appos")}
        n = len(text)
        key_owner = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1 and next(iter(v)) in spans}
        if key_owner:
            # All short keys in one scan (longest first: ``Hùng Anh`` before ``Anh``).
            for nxt, j in _find_words(key_owner, text, doc.header_end):
                name = key_owner[text[nxt:j]]
                if nxt == 0 or text[nxt - 1] != " ":
                    continue
                if j + 1 < n and text[j] == " " and text[j + 1].isupper() and _SYL_START_RE.match(text, j + 1):
                    continue  # ``ông Hùng Anh`` is not ``ông Hùng``
                pre = _prev_word(text, nxt)
                h = post_by_end.get(nxt - 1)
                if h is not None and self.org_head_re.match(text, nxt):
                    continue  # ``Thủ tướng Chính phủ`` is not ``Thủ tướng Chính``
                if pre in self.honorifics:
                    s = nxt - 1 - len(pre)
                elif h is not None:
                    s = h.start
                else:
                    continue
                if _overlaps(taken, s, j):
                    continue
                spans[name].append((s, j))
                if pre in self.honorifics:
                    genders[name].add(self.honorifics[pre])
        for p in sorted(officials, key=lambda x: min(spans[x.name]) if spans[x.name] else (x.first, x.first)):
            mentions = []
            for s, e in sorted(set(spans[p.name])):
                t, os_, oe = doc.surface(s, e)
                mentions.append(Mention(t, os_, oe))
            g = genders[p.name]
            rec.officials.append(
                Official(
                    name=p.name,
                    mentions=mentions,
                    titles=_merge_titles(p.titles),
                    gender=next(iter(g)) if len(g) == 1 else None,
                    rule="+".join(dict.fromkeys(p.rules)),
                )
            )


# The qualifier words of a post (SPEC, second edition: part of the title, capitalised) and their
# toneless spellings as the tone-mark repair pattern sees them.
_UNTONED_QUALIFIERS = {"nguyên": "nguyên", "quyên": "quyền", "cưu": "cựu"}
_QUALIFIERS = frozenset([*_UNTONED_QUALIFIERS.values(), "đồng"])  # ``đồng Chủ tịch``: a co-chair


# The party committee of a place, by the place's unit (``tỉnh X`` -> ``Tỉnh ủy X``).
_COMMITTEE_OF_UNIT = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy"}
_PEOPLE_BODY_RE = regex.compile(r"(?:Ủy ban nhân dân|Hội đồng nhân dân)[ ](?P<unit>tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?:[ ](?P<name>.+))?")


def _party_committee(org: str) -> str | None:
    """The party committee at the level of a people's committee or council (``Ủy ban nhân dân xã X`` ->
    ``Đảng ủy xã X``, ``… tỉnh X`` -> ``Tỉnh ủy X``); None for other bodies."""
    m = _PEOPLE_BODY_RE.fullmatch(org)
    if m is None:
        return None
    unit, name = m.group("unit"), m.group("name")
    head = _COMMITTEE_OF_UNIT.get(unit) or f"Đảng ủy {unit}"
    return f"{head} {name}" if name else head


# A level's body without its place (``Ủy ban nhân dân thành phố``, ``Huyện ủy``) and, in another body, the
# place of that unit (``… thành phố Quy Nhơn``).
_LEVEL_BARE_RE = regex.compile(
    r"(?:Ủy ban nhân dân|Đảng ủy|Công an)[ ](?P<u>xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố)|(?P<c>Tỉnh|Thành|Huyện|Quận|Thị)[ ]ủy"
)
_COMMITTEE_UNIT = {"Tỉnh": "tỉnh", "Thành": "thành phố", "Huyện": "huyện", "Quận": "quận", "Thị": "thị xã"}
_UNIT_PLACE_RE = {
    u: regex.compile(rf"(?<![\p{{L}}])(?:{u}{'|TP[.]?' if u == 'thành phố' else ''})[ ]?(?<=[ .])(?P<name>\p{{Lu}}\p{{L}}*(?:[ ](?:\p{{Lu}}\p{{L}}*|\d+))*)")
    for u in ("xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "tỉnh", "thành phố")
}


def _placed_levels(out: list[tuple[int, Title]]) -> list[tuple[int, Title]]:
    """A chain's level body without its place takes the place of that unit another body of the chain
    names (rule level_place): ``Phó Chủ tịch thành phố - Chủ tịch Hội Chữ thập đỏ TP Quy Nhơn`` ->
    Ủy ban nhân dân thành phố Quy Nhơn."""
    res = []
    for pos, t in out:
        m = _LEVEL_BARE_RE.fullmatch(t.organization or "")
        if m is not None:
            unit = m.group("u") or _COMMITTEE_UNIT[m.group("c")]
            for _, other in out:
                got = _UNIT_PLACE_RE[unit].search(other.organization or "") if other is not t else None
                if got is not None:
                    t = Title(t.title, f"{t.organization} {got.group('name')}")
                    break
        res.append((pos, t))
    return res


def _company_of(text: str, companies: list[tuple[int, str]], pos: int) -> str | None:
    """The company a board or executive post written without its body belongs to (rule
    company_of_article): the company named nearest before the post in its paragraph, else the first
    after it there, else the article's company (``_most_named``)."""
    para_s = text.rfind("\n", 0, pos) + 1
    para_e = text.find("\n", pos)
    para_e = len(text) if para_e < 0 else para_e
    before = [name for s, name in companies if para_s <= s < pos]
    if before:
        return before[-1]
    after = next((name for s, name in companies if pos <= s < para_e), None)
    if after is not None:
        return after
    # ``Công ty Coteccons`` and ``Công ty Cổ phần Xây dựng Coteccons``: one company, under its longest name.
    longest: dict[str, str] = {}
    for _, name in companies:
        brand = okey(name).rsplit(" ", 1)[-1]
        if len(name) > len(longest.get(brand, "")):
            longest[brand] = name
    return _most_named([(s, longest[okey(name).rsplit(" ", 1)[-1]]) for s, name in companies])


def _most_named(named: list[tuple[int, str]], least: int = 1) -> str | None:
    """The name written most often (at least ``least`` times), when it leads the next by two or is
    the only one."""
    counts: dict[str, int] = {}
    for _, name in named:
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= least and (len(ranked) == 1 or ranked[0][1] >= ranked[1][1] + 2):
        return ranked[0][0]
    return None


def _place_not_person(text: str, c: _Cand, post_ends: set[int], post_starts: set[int]) -> bool:
    """A bare name (no ``ông``/``bà``, no post right before or in apposition after it) that is a place
    (rule place_not_person): a country or city the gazetteer knows (``Bắc Kinh``), or the next
    conjunct of a list of places or bodies after ``tại``/``ở``/``từ`` (``học tại Đại học X và Nam Kinh``)."""
    if c.left != c.start:
        return False
    b = c.start
    while b > 0 and text[b - 1] == " ":
        b -= 1
    appos = _APPOS_SEP_RE.match(text, c.end)
    if b in post_ends or (appos is not None and appos.end() in post_starts):
        return False
    if place_key(c.name) in gazetteer().foreign:
        return True
    return _PLACE_LIST_BEFORE_RE.search(text, max(0, c.start - 60), c.start) is not None


def _bare_foreign_name(text: str, c: _Cand) -> bool:
    """``CEO Tim Cook,``: two plain-Latin words right after any post, with no capitalised word after
    them, are a person (a company's name is longer or runs on: ``CEO Apple Tim Cook``) (rule foreign_after_post)."""
    if c.name.count(" ") != 1:
        return False
    q = _next_word_at(text, c.end)
    return q >= len(text) or not (text[q].isupper() or text[q].isdigit())


def _base_post(canon: str) -> str:
    """The post without its qualifier (``Cựu Tổng thống`` -> ``Tổng thống``)."""
    first, _, rest = canon.partition(" ")
    return rest if rest and first.casefold() in _QUALIFIERS else canon


def _qualified(canon: str, kind: str, qualifier: str | None, pho: str | None, tt: str | None) -> str:
    """The post as written around its base: ``Nguyên``/``Quyền``/``Cựu`` and ``Phó`` before,
    ``Thường trực`` after (ranks and honours are never qualified)."""
    if kind not in ("post", "appos"):
        return canon
    if pho:
        canon = "Phó " + canon
    if tt:
        canon += " Thường trực"
    if qualifier:
        canon = qualifier.casefold().capitalize() + " " + canon
    return canon


def _merge_variants(people: dict[str, _Person], cands: list[_Cand]) -> dict[str, str]:
    """One person under names that differ only in tone marks (``Phan Đưc Hạnh`` = ``Phan Đức Hạnh``):
    the spelling written most often (ties: the first) keeps the person, the others merge into it.
    Returns variant -> kept name."""
    groups: dict[str, list[str]] = {}
    for name in people:
        groups.setdefault(_org_key(name), []).append(name)
    if all(len(g) == 1 for g in groups.values()):
        return {}
    seen: dict[str, int] = {}
    for c in cands:
        seen[c.name] = seen.get(c.name, 0) + 1
    out: dict[str, str] = {}
    for names in groups.values():
        if len(names) < 2:
            continue
        keep = max(names, key=lambda n: (seen.get(n, 0), -people[n].first))
        p = people[keep]
        for n in names:
            if n == keep:
                continue
            q = people.pop(n)
            p.titles.extend(q.titles)
            p.genders |= q.genders
            p.rules.extend(q.rules)
            p.suspect = p.suspect or q.suspect
            p.accused = p.accused or q.accused
            p.first = min(p.first, q.first)
            out[n] = keep
    return out


def _merge_titles(items: list[tuple[int, Title]]) -> list[Title]:
    """Posts in text order; the same post without a body merges into one with a body; ``Chủ tịch``
    beside the same person's ``Chủ tịch nước`` is that post said short (rule state_post_short)."""
    out: list[Title] = []
    state = {t.title.casefold() for _, t in items if t.title.casefold().endswith(" nước")}
    for _, t in sorted(items, key=lambda x: x[0]):
        if state and f"{t.title.casefold()} nước" in state:
            continue
        key = t.title.casefold()
        same = [o for o in out if o.title.casefold() == key]
        key_t = _org_key(t.organization)
        if any(_org_key(o.organization) == key_t for o in same):
            continue
        # ``Ủy ban nhân dân tỉnh`` and ``Ủy ban nhân dân tỉnh Long An``: one post, the fuller body kept.
        wider = next((o for o in same if key_t and _org_key(o.organization).startswith(key_t + " ")), None)
        if wider is not None:
            continue
        narrower = next((o for o in same if o.organization and key_t.startswith(_org_key(o.organization) + " ")), None)
        if narrower is not None:
            narrower.organization = t.organization
            continue
        if t.organization is None and same:
            continue
        blank = next((o for o in same if o.organization is None), None)
        if blank is not None:
            blank.organization = t.organization
            continue
        out.append(Title(t.title, t.organization))
    if any(t.title in _OWNER_TITLES for t in out) and not all(t.title in _OWNER_TITLES for t in out):
        # ``tỷ phú X, Chủ tịch Tập đoàn Y``: the post says what the owner word says (rule tycoon_owner).
        out = [t for t in out if t.title not in _OWNER_TITLES]
    return out


@lru_cache(maxsize=8192)  # the same bodies come back in every article
def _org_key(org: str | None) -> str:
    """Bodies compare without case, tone marks and punctuation (``Thương bình`` = ``Thương binh``)."""
    if not org:
        return ""
    return " ".join(_NON_WORD_RE.sub(" ", untone(org.casefold())).split())


_NON_WORD_RE = regex.compile(r"[^\w]+")


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    k = bisect_left(spans, (e, e))
    for a, b in spans[max(0, k - 8) : k]:
        if a < e and s < b:
            return True
    return False


def _next_word_at(text: str, i: int) -> int:
    """Offset of the first non-space character at or after ``i``."""
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def _prev_word(text: str, i: int) -> str:
    """The word that ends right before ``i`` (skipping spaces)."""
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k, stop = j, max(0, j - 40)  # no word is longer (and a run of dots must not cost the whole text)
    while k > stop and (text[k - 1].isalnum() or text[k - 1] in ".&"):
        k -= 1
    return text[k:j]


def _find_words(words: Iterable[str], text: str, start: int) -> list[tuple[int, int]]:
    """The spans of ``words_re(words, HYPHENS).finditer(text, start)``, found with ``str.find`` (the words
    are the article's names: a pattern per article cost more than the search). At each place the
    longest word there bounded by non-word characters (what the trie's greedy branches give), then
    left to right without overlaps. A hyphen matches spaced variants in the pattern: those sets go
    through it."""
    ws = list(words)
    if any(not w or "-" in w for w in ws):
        return [m.span() for m in words_re(ws, HYPHENS).finditer(text, start)]
    n = len(text)
    best: dict[int, int] = {}
    for w in ws:
        i = text.find(w, start)
        while i >= 0:
            j = i + len(w)
            if not (i > 0 and _is_word_char(text[i - 1])) and not (j < n and _is_word_char(text[j])) and best.get(i, -1) < j:
                best[i] = j
            i = text.find(w, i + 1)
    out: list[tuple[int, int]] = []
    reach = -1
    for i in sorted(best):
        if i >= reach:
            out.append((i, best[i]))
            reach = best[i]
    return out


def _is_word_char(c: str) -> bool:
    r"""What ``\w`` matches in a ``re`` pattern on ``str``."""
    return c.isalnum() or c == "_"


def _latin_tail(parts: list[str], families: frozenset[str]) -> int:
    """Where a plain-ASCII name of two or three words ends a run whose earlier words are Vietnamese
    (carry tone marks): ``Nhà Trắng Jake Sullivan`` -> 2; 0 when there is none, or when a family name
    is in the run (``Đinh Quang Minh`` is one Vietnamese name) (rule latin_tail)."""
    if not families.isdisjoint(parts):
        return 0
    for n in (3, 2):
        j = len(parts) - n
        if j >= 1 and all(w.isascii() for w in parts[j:]) and _is_ascii_name(parts[j:]) and not _is_latin(parts[j - 1]):
            return j
    return 0


def _country_prefix(parts: list[str], countries: frozenset[str]) -> int:
    """How many leading syllables of a run name a foreign country (``Nhật Bản Kishida Fumio`` -> 2)."""
    for n in (3, 2, 1):
        if len(parts) > n and " ".join(parts[:n]) in countries:
            return n
    return 0


# Acute vowels of Spanish or Portuguese names (``Fernández``), accepted in a mostly plain-Latin name.
_ACUTE = "áéíóúÁÉÍÓÚ"


_LATIN_RES: dict[str, re.Pattern[str]] = {}


def _is_latin(name: str, extra: str = "") -> bool:
    """Plain Latin plus the accents of European names (``Müller``, ``José``), none of the tone
    marks Vietnamese syllables carry (``Hùng`` is not foreign)."""
    pat = _LATIN_RES.get(extra)
    if pat is None:  # one character class per ``extra`` (a fullmatch is faster than a loop in Python)
        pat = _LATIN_RES[extra] = re.compile("[\\x00-\\x7f" + re.escape("äöüßçñéëïøåæÄÖÜÇÑÉ" + extra) + "]*")
    return pat.fullmatch(name) is not None


def _is_ascii_name(words: list[str]) -> bool:
    """A foreign name: two or three Latin capitalised words (``Matthew Powell``, ``Robles Fernández``),
    no Vietnamese tone marks."""
    if not _PARTICLES.isdisjoint(words):
        # ``Von der Leyen``, ``Ursula von der Leyen``: particles inside, never first or last, not counted.
        if words[0] in _PARTICLES or words[-1] in _PARTICLES:
            return False
        words = [w for w in words if w not in _PARTICLES]
    return (
        2 <= len(words) <= 3
        and all((w.isascii() or _is_latin(w, _ACUTE)) and all(p[:1].isupper() and p[1:].islower() or p.islower() or _INNER_CAP_RE.fullmatch(p) for p in w.split("-")) and w[:1].isupper() and len(w) > 1 for w in words)
        and sum(w.isascii() for w in words) * 2 >= len(words)
    )
