"""Domain arithmetic that must hold in a gold record, with listed exceptions.

A check that fails is a problem unless `eval/gold/NOTES.md` lists its id (the line
`exception: <document stem> <check id>`), because the sources themselves contain inconsistencies.
"""

from __future__ import annotations
