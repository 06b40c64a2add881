"""Stage `extract`, LLM: structured extraction with any OpenAI-compatible model.

- `client`: the model-client protocol (`complete(prompt, response_model, *, settings) -> Completion`),
  its errors, the `Prompt` it takes.
- `openai_adapter`: the only module that talks HTTP (openai + instructor).
- `retrying`, `bounded`, `cached`: wrappers implementing the same protocol (transport retries, the
  concurrency bound, the disk cache).
- `prompts` (templates in the top-level `prompts/` package), `targets` (response models),
  `convert` (answers → candidates), `extractor` (`LLMExtractor`), `fake` (a scripted client for tests).
"""
