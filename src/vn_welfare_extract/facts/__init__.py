"""One module per fact type. Each exposes a component class::

    class XComponent:
        name = "x"                  # the Record list it fills
        def __init__(self, lex: Lexicons) -> None: ...   # compile once; read-only afterwards
        def __call__(self, doc: Doc, rec: Record) -> None: ...  # append items to rec.<name>

Components run in ``api.PIPELINE`` order, so a later one may read what earlier ones found
(officials read organisations; facts read everything). They search ``doc.text`` (normalised)
and build items with ``doc.surface(start, end)`` so offsets point into the original string.
"""
