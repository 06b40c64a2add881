"""Extraction of submitted documents, in the background, with its status kept in the store.

Input is checked before anything is stored (the same loader and one-line errors as the CLI); the
extraction itself runs after the response, and a document left queued or running by a stopped
server is extracted again when the server starts.
"""

from __future__ import annotations

import json
import logging
import threading

from extractor.extract.llm.client import LLMError
from extractor.load import Loaded, LoadError, load_bytes
from extractor.settings import Settings
from extractor.store import Document, Store

log = logging.getLogger(__name__)


class Extractions:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._lock = threading.Lock()  # one extraction at a time: rules are CPU-bound, calls are bounded anyway

    def check(self, name: str, data: bytes) -> Loaded:
        """Decode the upload exactly as the CLI would; `LoadError` names the file and the problem."""
        return load_bytes(data, name=name, max_bytes=self.settings.max_input_bytes)

    def submit(self, name: str, data: bytes) -> tuple[Document, tuple[str, ...]]:
        """Store a checked upload; returns the document and what the loader warns about its text."""
        loaded = self.check(name, data)
        return self.store.add_document(loaded.name, loaded.sha256, data, loaded.text), loaded.warnings

    def run(self, document_id: int) -> None:
        """Extract one stored document; any failure is recorded on the document, never raised."""
        from extractor.extractors import build_extractors
        from extractor.pipeline import run

        with self._lock:
            self.store.set_status(document_id, "running")
            try:
                document = self.store.document(document_id)
                raw, _text = self.store.source(document_id)
                loaded = load_bytes(raw, name=document.name, max_bytes=self.settings.max_input_bytes)
                record = run(loaded, build_extractors(self.settings), configuration=self.settings.fingerprint()).record
                self.store.save_run(document_id, json.loads(record.to_json()))
            except (LoadError, LLMError) as exc:
                self.store.set_status(document_id, "failed", str(exc))
            except Exception as exc:  # a bug must not leave the document "running" forever
                log.exception("extraction of document %s failed", document_id)
                self.store.set_status(document_id, "failed", f"internal error: {type(exc).__name__}: {exc}")

    def resume(self) -> list[int]:
        """Extract what a stopped server left queued or running; returns their ids."""
        pending = self.store.unfinished()
        for document_id in pending:
            self.run(document_id)
        return pending
