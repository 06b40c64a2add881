"""Grounded extraction of figures, project forms and narratives from Chinese budget reports."""

__version__ = "0.1.0"
