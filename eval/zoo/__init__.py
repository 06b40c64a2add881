"""The layout zoo: records rendered as the reports of other regions would print them (DESIGN §9).

`render(record, layout, columns, damage, seed)` writes a record's project forms and final-accounts figures in
one layout (`LAYOUTS`: tsv, pipe, pipe_inner, markdown, html, cells, barred, opened, spaced, aligned, flat, torn, scraped, csv, rowlines; or `statements`), one
column set of the forms (`COLUMN_SETS`) and any damage (`DAMAGES`), and gives the record the text states.
`eval.zoo.synthetic` makes records of invented units, projects and numbers; `python -m eval.zoo` measures the
extractor on every layout (rules-only, or through the LLM path against the simulated model).
"""

from eval.zoo.damage import DAMAGES
from eval.zoo.forms import COLUMN_SETS
from eval.zoo.layouts import LAYOUTS
from eval.zoo.render import STATEMENTS, TARGETS, Rendered, render

__all__ = ["COLUMN_SETS", "DAMAGES", "LAYOUTS", "STATEMENTS", "TARGETS", "Rendered", "render"]
