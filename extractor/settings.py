"""Settings: one frozen object read at the edge (CLI, server) and passed down.

Environment variables carry the `EXTRACTOR_` prefix; the LLM endpoint and key fall back to
`OPENAI_BASE_URL` / `OPENAI_API_KEY`. No other module reads the environment.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.numbers import FiniteFloat, Integer

InstructorMode = Literal["json_schema", "json_object_schema", "tools", "json", "md_json"]
LLMMode = Literal["auto", "json_schema", "json_object_schema", "tools", "json", "md_json"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EXTRACTOR_", frozen=True, extra="ignore", populate_by_name=True)

    llm_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("EXTRACTOR_LLM_BASE_URL", "OPENAI_BASE_URL")
    )
    llm_model: str | None = None
    llm_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("EXTRACTOR_LLM_API_KEY", "OPENAI_API_KEY")
    )
    llm_mode: LLMMode = "auto"  # auto: a probe at the start of a run finds the first mode the server answers in
    llm_timeout_s: FiniteFloat = Field(default=60.0, gt=0)  # seconds without a token (streamed) before a call is abandoned
    llm_call_max_s: FiniteFloat = Field(default=600.0, gt=0)  # wall-clock bound on one call, however steadily it streams
    llm_stream: bool = True  # stream answers: the idle timeout applies per token, a dropped call stops the server
    llm_breaker_failures: Integer = Field(default=5, ge=1)  # connection failures in a row before the run goes rules-only
    llm_max_retries: Integer = Field(default=4, ge=0)
    llm_max_reasks: Integer = Field(default=2, ge=0)
    llm_concurrency: Integer = Field(default=4, ge=1)
    llm_max_tokens: Integer = Field(default=4096, ge=1)
    llm_temperature: FiniteFloat = Field(default=0.0, ge=0)
    llm_token_budget: Integer = Field(default=400_000, ge=1)  # prompt + completion tokens per document, failed attempts included
    llm_max_questions: Integer | None = Field(default=None, ge=1)  # (batch, family) questions per document, in document order
    cache_dir: Path = Path(".cache/extractor")
    database_url: str = "sqlite:///extractor.db"
    review_token: SecretStr | None = None
    max_input_bytes: Integer = Field(default=20 * 1024 * 1024, ge=1)
    ocr: bool = False  # read every PDF page by OCR, even pages with a text layer (`--ocr`)

    @field_validator("llm_base_url")
    @classmethod
    def _an_http_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parsed = urlsplit(value.strip())
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"{value!r} is not an http(s) URL (e.g. http://127.0.0.1:8080/v1)")
        try:
            parsed.port  # noqa: B018 (raises on a port that is not a number or out of range)
        except ValueError as exc:
            raise ValueError(f"{value!r} has an invalid port") from exc
        return value.strip()

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_model)

    def without_llm(self) -> Settings:
        return self.model_copy(update={"llm_model": None})

    def fingerprint(self) -> str:
        """What changes a record: the extractor's code and prompts, and the LLM configuration."""
        llm = f"{self.llm_base_url}|{self.llm_model}|{self.llm_mode}|{self.llm_temperature}" if self.llm_enabled else "rules"
        return f"{code_hash()}|{llm}" + ("|ocr" if self.ocr else "")


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of the extractor's sources, prompts and schemas: a new version re-extracts on resume."""
    import extractor
    import prompts
    import schemas

    digest = hashlib.sha256(extractor.__version__.encode())
    for package in (extractor, schemas, prompts):
        root = Path(str(package.__file__)).parent
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".jinja") and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{extractor.__version__}+{digest.hexdigest()[:12]}"


LLM_NOTICE = (
    "No model configured: rules only. Set EXTRACTOR_LLM_MODEL (and EXTRACTOR_LLM_BASE_URL, "
    "EXTRACTOR_LLM_API_KEY) or pass --llm-model to switch the LLM on."
)
