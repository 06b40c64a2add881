"""A batch's records into the review store (`extractor extract ... --store URL`), so a batch lands in the queue.

In: the store's URL; then, as the batch reports each document done, its input place and record place (local
paths or fsspec URLs). Out: each record in the store as its document's current run (`Store.import_record`): a
record written by this run or found current is added once; a run again adds nothing. A record the store
refuses is named in `problems`, and the batch goes on.
"""

from __future__ import annotations

import json

from sqlalchemy.exc import SQLAlchemyError

from extractor.engines.places import read_bytes
from extractor.load import LoadError, load_bytes
from extractor.settings import Settings
from extractor.store import Store


class StoreSink:
    def __init__(self, url: str, settings: Settings) -> None:
        self.store = Store(url)
        self.settings = settings  # the source text is read as the batch read it (for the reviewer's evidence)
        self.added = 0
        self.problems: dict[str, str] = {}  # input place → why its record is not in the store

    def add(self, source: str, target: str) -> None:
        """Put the record at `target`, extracted from `source`, into the store (once)."""
        try:
            record = json.loads(read_bytes(target).decode("utf-8"))
            raw = read_bytes(source)
            name = str(record["document"]["name"])
            text = load_bytes(raw, name=name, max_bytes=self.settings.max_input_bytes, ocr=self.settings.ocr).text
            if self.store.import_record(name, raw, text, record) is not None:
                self.added += 1
        except (OSError, ValueError, KeyError, LoadError, SQLAlchemyError) as exc:
            self.problems[source] = f"{source}: record not put into the store: {str(exc).splitlines()[0]}"

    def close(self) -> None:
        self.store.close()
