"""The record contract (DESIGN §4): pydantic models, the figure catalog, JSON Pointers.

Imports nothing from the rest of the project.
"""

from schemas.record import (
    Assessment,
    Budget,
    DocumentRef,
    Evidence,
    Figure,
    Indicator,
    Meta,
    Narrative,
    Project,
    Record,
    Review,
)

__all__ = [
    "Assessment",
    "Budget",
    "DocumentRef",
    "Evidence",
    "Figure",
    "Indicator",
    "Meta",
    "Narrative",
    "Project",
    "Record",
    "Review",
]
