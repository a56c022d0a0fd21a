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
