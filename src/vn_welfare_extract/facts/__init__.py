"""One module per fact type. Each exposes a component class::

    class XComponent:
        name = "x"                  # the Record list it fills
        def __init__(self, res: Resources) -> None: ...  # compile once; read-only afterwards
        def __call__(self, doc: Doc, rec: Record) -> None: ...  # append items to rec.<name>

Components run in ``api.PIPELINE`` order, a table that names what each reads from earlier
steps (officials read organisations; facts read everything). What depends on the user's lexicons
is compiled once per ``Extractor`` in ``resources.Resources`` and passed in; a fact module never
imports another fact module. They search ``doc.text`` (normalised)
and build items with ``doc.surface(start, end)`` so offsets point into the original string.
"""

# Every rule name an item's ``rule`` field can carry, by record list: the names the modules' docstrings
# explain. Composite names are built from these atoms (``rule_atoms``): officials join the rules
# that attached a post with ``+`` (``prenominal+apposition``); facts write the fact's rule, then
# ``|place=…``, ``|date=…`` and ``|amount=…``/``|policy=…`` (how each link was found); dates put
# ``range_``, ``since_`` or ``fromnow_`` before the rule of the date they widen (``range_dmy``).
# ``tests/test_rule_coverage.py`` checks that each fires in a case row and that no other name does.
RULES: dict[str, frozenset[str]] = {
    "dates": frozenset({
        "after", "ago", "asof", "asof_glued", "clock", "clock_range", "cungky", "daylist", "dday", "ddm", "decade", "dmy", "dtm",
        "elided", "fromnow", "holiday", "lunar_full_moon", "month", "monthday", "monthrel", "months", "monthweek", "monthword", "my",
        "quarter", "quarterlist", "quarterrel", "range", "relday", "relday_explicit", "sameday", "sameyear",
        "schoolyear", "season", "since", "week", "weekday", "window", "year", "yearrel", "yrange",
    }),
    "amounts": frozenset({
        "money.bare_scale", "money.between", "money.currency", "money.prefix", "money.range2", "money.thousand_k",
    }),
    "counts": frozenset({
        "count.former", "count.fraction", "count.group_sizes", "count.label", "count.one", "count.partitive",
        "count.parts", "count.post", "count.suffix", "count.unit", "count.vague",
    }),
    "officials": frozenset({"apposition", "copula", "deputy", "list", "prenominal", "role"}),
    "policies": frozenset({
        "bare_code", "congress_resolution", "constitution", "foreign_law", "kind_code", "kind_number", "kind_number_list",
        "kind_issuer_number", "law_amendment", "law_list", "law_table", "plenum_resolution", "title_pattern",
    }),
    "organizations": frozenset({"department", "fuzzy", "group", "known", "listed", "local", "ticker"}),
    "locations": frozenset({
        "city", "commune", "commune_code", "commune_unknown", "country", "district", "district_list", "province", "sea",
    }),
    "facts": frozenset({
        "budget.clause", "case_count.count", "statement.speech_verb", "support.clause",
        *(f"place={how}" for how in (
            "after_count", "article_default", "back_reference", "in_sentence", "large_default", "nationality",
            "nationwide", "nearest", "none", "province_reference", "related", "several", "source", "unknown_place",
            "world", "part_place", "main_province", "subject_country", "destination", "other_item",
            "bracketed", "neighbour", "capital_metonym", "breakdown",
        )),
        *(f"date={how}" for how in (
            "annual_rate", "article_default", "as_of", "back_reference", "budget_period", "report_day", "in_sentence", "none", "to_now",
        )),
        "range_end", "daily_rate", "vague_amount",
        "amount=back_reference", "policy=back_reference",
    }),
}
_WIDENERS = ("range_", "since_", "fromnow_")


def rule_atoms(kind: str, rule: str) -> list[str]:
    """The rule names a composite ``rule`` of a ``kind`` item is built from (see ``RULES``)."""
    if kind == "officials":
        return rule.split("+")
    if kind == "facts":
        return rule.split("|")
    out = []
    while kind == "dates" and rule.startswith(_WIDENERS):
        widener, rule = rule.split("_", 1)
        out.append(widener)
    return [*out, rule]
