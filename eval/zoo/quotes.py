"""Evidence quotes for the expected record: where each value stands in the rendered text.

While rendering, a value's evidence holds the pieces of text it is found by (the row's label, its code, the
value as written), joined by `SEP`; after the text is written and damaged, `attach_quotes` finds the pieces in
order (whitespace, width, thousands separators and HTML tags ignored, as `extractor.ground.fold` folds) and
replaces them by the stretch of the text from the first to the last, with its span. The simulated model
(`eval.simulate.Oracle`) answers a value when its quote stands in the chunk it is sent, so the quotes must be
the text's own. A value whose pieces are not found keeps its first piece as its quote.
"""

from __future__ import annotations

from extractor.ground import fold
from schemas import Evidence, Record

SEP = "\x1f"
_REACH = 400  # folded characters between a piece and the next


def pieces_quote(*pieces: str) -> Evidence:
    return Evidence(quote=SEP.join(p for p in pieces if p))


def attach_quotes(record: Record, text: str, traditional: bool = False) -> None:
    """Resolve every evidence of `record` (figures, projects, indicator rows) against `text`, in place."""
    folded, index = fold(text)
    convert = _traditional if traditional else (lambda s: s)
    cursor = 0
    evidences = [f.evidence for f in record.figures]
    for project in record.projects:
        evidences.append(project.evidence)
        evidences += [row.evidence for row in project.indicators]
    for evidence in evidences:
        pieces = [fold(convert(p))[0] for p in evidence.quote.split(SEP)]
        span = _find(folded, pieces, cursor) or _find(folded, pieces, 0)
        if span is None and pieces:  # a label torn (damage `torn_labels`): two pieces, other cells between
            piece = pieces[0]
            for cut in range(1, len(piece)):
                # the label's second half stands right after its first, or on the next line after the row's cells
                for halves in ([piece[:cut], piece[cut:], *pieces[1:]], [piece[:cut], *pieces[1:], piece[cut:]]):
                    span = _find(folded, halves, cursor) or _find(folded, halves, 0)
                    if span is not None:
                        break
                if span is not None:
                    break
        if span is None:
            evidence.quote = evidence.quote.split(SEP)[0]
            continue
        start, end = index[span[0]], index[span[1] - 1] + 1
        evidence.quote, evidence.start, evidence.end = text[start:end], start, end
        cursor = span[0]


def _find(folded: str, pieces: list[str], start: int) -> tuple[int, int] | None:
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    at = folded.find(pieces[0], start)
    while at >= 0:
        end, ok = at + len(pieces[0]), True
        for piece in pieces[1:]:
            nxt = folded.find(piece, end)
            if nxt < 0 or nxt - end > _REACH:
                ok = False
                break
            end = nxt + len(piece)
        if ok:
            return at, end
        at = folded.find(pieces[0], at + 1)
    return None


def _traditional(text: str) -> str:
    from eval.zoo.damage import traditional

    return traditional(text)
