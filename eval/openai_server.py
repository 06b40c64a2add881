"""A local OpenAI-compatible server for tests and simulations: POST /v1/chat/completions on 127.0.0.1.

Replies are scripted (`enqueue`) or computed by a responder from the request; every request is
recorded, and the server counts how many requests it is serving at once. A reply can be an answer
(rendered as the request asks: a tool call when it offers tools, fenced JSON for markdown-JSON mode,
plain JSON content otherwise), raw content, an HTTP error with headers, a truncated answer
(finish_reason "length") or a slow one (for client timeouts). A request with `stream: true` is
answered as server-sent events, piece by piece; a client that hangs up mid-answer is noticed at the
next piece, the generation stops and `cancelled` counts it.

A `Profile` makes the server behave as a kind of real server does (`PROFILES`): which request shapes
it refuses and how (llama-cpp-python answers `json_schema` with a 500 naming response_format), a key
it requires, the model names it serves, one request generated at a time (and whether an arriving one cuts
the answer streaming, as llama-cpp-python's does), a pace per token, garbage for a body. The probe's question (`extractor.extract.llm.probe`) is answered by the server itself, as
any working model would, and recorded apart in `probes`: `requests` holds every other request, so its
length is what the run's usage must count.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

from extractor.extract.llm.fake import estimate_tokens
from extractor.extract.llm.probe import PROBE_MARKER, PROBE_TOTAL

Support = Literal["ok", "400", "500", "ignore"]


@dataclass(frozen=True)
class Profile:
    """How one kind of server answers: what it accepts, what it requires, how fast it generates."""

    name: str = "openai"
    json_schema: Support = "ok"  # response_format {"type": "json_schema"}
    json_object: Support = "ok"  # response_format {"type": "json_object"} (with or without a `schema`)
    tools: Support = "ok"  # "ignore": answers in content, never calls the tool
    api_key: str | None = None  # the bearer key required; another gets 401
    models: frozenset[str] | None = None  # the model names served; another gets 404
    single_slot: bool = False  # generates one answer at a time; the others wait (llama-cpp-python)
    token_delay_s: float = 0.0  # the pace of generation, per streamed piece (and per piece of a plain answer)
    garbage: bool = False  # answers 200 with a body that is not a chat completion
    stream_usage: bool = True  # reports usage at the end of a stream when asked (stream_options)
    # single-slot: a request that arrives while an answer streams cuts that stream (no finish, no [DONE]) and
    # waits for the slot (llama-cpp-python's `interrupt_requests`, on by default)
    interrupts: bool = False


PROFILES: dict[str, Profile] = {
    "openai": Profile(),
    # accepts only text or json_object (+schema); json_schema is a pydantic validation error answered as 500
    "llama-cpp-python": Profile("llama-cpp-python", json_schema="500", tools="ignore", single_slot=True, interrupts=True),
    "tools-only": Profile("tools-only", json_schema="400", json_object="400"),
    "plain": Profile("plain", json_schema="400", json_object="400", tools="400"),
    "slow": Profile("slow", single_slot=True, token_delay_s=0.05),
    "garbage": Profile("garbage", garbage=True),
}
PIECE_CHARS = 8  # characters per streamed piece: a token or two


@dataclass
class Reply:
    status: int = 200
    answer: Any = None  # a JSON value, rendered in the form the request asks for
    content: str | None = None  # raw assistant content, sent as is
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    error: str | None = None
    usage: tuple[int, int] | None = None  # (prompt, completion) tokens; estimated when None
    cut_after: int | None = None  # streamed: the stream ends after this many events, with no finish (a server error)

    @classmethod
    def json(cls, answer: Any, **kwargs: Any) -> Reply:
        return cls(answer=answer, **kwargs)

    @classmethod
    def text(cls, content: str, **kwargs: Any) -> Reply:
        return cls(content=content, **kwargs)

    @classmethod
    def failure(cls, status: int, message: str = "scripted failure", **kwargs: Any) -> Reply:
        return cls(status=status, error=message, **kwargs)


@dataclass
class Recorded:
    body: dict[str, Any]
    headers: dict[str, str]
    at: float

    @property
    def text(self) -> str:
        """All message text of the request, joined."""
        return "\n".join(str(m.get("content") or "") for m in self.body.get("messages", []))


Responder = Callable[[Recorded], Reply]


class OpenAIServer:
    """Start with `with OpenAIServer() as server:`; point clients at `server.url`."""

    def __init__(self, responder: Responder | None = None, profile: Profile | str = "openai") -> None:
        self.responder = responder
        self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        self.requests: list[Recorded] = []  # every request but the probe's
        self.probes: list[Recorded] = []
        self.max_in_flight = 0
        self.cancelled = 0  # streamed answers the client hung up on, their generation stopped
        self.cut = 0  # streamed answers the server cut because another request arrived (`interrupts`)
        self.pieces_sent = 0  # streamed pieces generated, over all requests
        self.errors: list[Exception] = []
        self._in_flight = 0
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._slot = threading.Lock()  # held while generating, for single-slot profiles
        self._interrupt = threading.Event()  # set by an arriving request: the streaming answer stops
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="openai-server", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    @property
    def pending(self) -> int:
        return len(self._queue)

    def start(self) -> OpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next_reply(self, request: Recorded) -> Reply:
        probe = PROBE_MARKER in request.text
        with self._lock:
            (self.probes if probe else self.requests).append(request)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        refusal = refuse(self.profile, request)
        if refusal is not None:
            return refusal
        if probe:
            return Reply.json({"total": PROBE_TOTAL, "unit": "10,000 yuan"})
        with self._lock:
            scripted = self._queue.popleft() if self._queue else None
        if scripted is not None:
            return scripted
        if self.responder is None:
            return Reply.failure(500, "no scripted reply left")
        try:
            return self.responder(request)
        except Exception as exc:  # a broken responder is a test bug: answer 500 and keep it for the test to see
            self.errors.append(exc)
            return Reply.failure(500, f"responder failed: {exc!r}")

    def _done(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _count_piece(self) -> None:
        with self._lock:
            self.pieces_sent += 1

    def _count_cut(self) -> None:
        with self._lock:
            self.cut += 1

    def _count_cancelled(self) -> None:
        with self._lock:
            self.cancelled += 1


def refuse(profile: Profile, request: Recorded) -> Reply | None:
    """The error this profile answers the request with, or None when it serves it."""
    if profile.api_key is not None and request.headers.get("Authorization") != f"Bearer {profile.api_key}":
        return Reply.failure(401, "Incorrect API key provided")
    model = request.body.get("model")
    if profile.models is not None and model not in profile.models:
        return Reply.failure(404, f"model '{model}' not found")
    body = request.body
    kind = (body.get("response_format") or {}).get("type")
    if kind == "json_schema" and profile.json_schema in ("400", "500"):
        # llama-cpp-python's words for it, as a pydantic validation error
        message = "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\"}]"
        return Reply.failure(int(profile.json_schema), message)
    if kind == "json_object" and profile.json_object in ("400", "500"):
        return Reply.failure(int(profile.json_object), "response_format is not supported by this server")
    if body.get("tools") and profile.tools in ("400", "500"):
        return Reply.failure(int(profile.tools), "tools are not supported by this server")
    return None


def _handler_for(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"owner": server})


class _Handler(BaseHTTPRequestHandler):
    owner: OpenAIServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """GET /models: the names the profile serves (none listed when it serves any name)."""
        if not self.path.rstrip("/").endswith("/models"):
            self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
            return
        key = self.owner.profile.api_key
        if key is not None and self.headers.get("Authorization") != f"Bearer {key}":
            self._send(401, {"error": {"message": "Incorrect API key provided"}}, {})
            return
        names = sorted(self.owner.profile.models or ())
        self._send(200, {"object": "list", "data": [{"id": n, "object": "model", "owned_by": "local"} for n in names]}, {})

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
            return
        request = Recorded(body=body, headers=dict(self.headers.items()), at=time.monotonic())
        profile = self.owner.profile
        slot = self.owner._slot if profile.single_slot else None
        if slot is not None:
            if profile.interrupts and slot.locked():
                self.owner._interrupt.set()
            slot.acquire()
            self.owner._interrupt.clear()
        try:
            reply = self.owner._next_reply(request)
            if reply.delay_s:
                time.sleep(reply.delay_s)
            if reply.status != 200:
                error = {"error": {"message": reply.error or "error", "type": "server_error", "code": reply.status}}
                self._send(reply.status, error, reply.headers)
            elif profile.garbage:
                self._send_raw(200, b"<html><body>502 Bad Gateway</body></html>", "text/html", reply.headers)
            elif body.get("stream"):
                self._stream(body, reply, profile)
            else:
                payload = completion_body(body, reply, profile)
                if profile.token_delay_s:  # generating before it answers, piece by piece
                    time.sleep(profile.token_delay_s * _pieces(payload))
                self._send(200, payload, reply.headers)
        finally:
            self.owner._done()
            if slot is not None:
                slot.release()

    def _stream(self, body: dict[str, Any], reply: Reply, profile: Profile) -> None:
        """Server-sent events, piece by piece; a client that hung up stops the generation."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            cut = reply.cut_after is not None
            for event in stream_events(body, reply, profile)[: reply.cut_after]:
                if profile.interrupts and self.owner._interrupt.is_set():
                    self.owner._count_cut()
                    cut = True
                    break
                self.wfile.write(b"data: " + json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n\n")
                self.wfile.flush()
                self.owner._count_piece()
                if profile.token_delay_s:
                    time.sleep(profile.token_delay_s)
            if not cut:
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.owner._count_cancelled()
        self.close_connection = True

    def _send_raw(self, status: int, data: bytes, content_type: str, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
        pass


def completion_body(request: dict[str, Any], reply: Reply, profile: Profile | None = None) -> dict[str, Any]:
    """A chat.completion object answering `request` with `reply`."""
    message = _message(request, reply, profile or Profile())
    prompt_text = "\n".join(str(m.get("content") or "") for m in request.get("messages", []))
    answer_text = message["content"] or json.dumps(message.get("tool_calls"), ensure_ascii=False)
    prompt, completion = reply.usage or (estimate_tokens(prompt_text), estimate_tokens(answer_text))
    return {
        "id": "chatcmpl-local",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "local"),
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason, "logprobs": None}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
    }


def stream_events(request: dict[str, Any], reply: Reply, profile: Profile) -> list[dict[str, Any]]:
    """The chat.completion.chunk events of a streamed answer: its pieces, the finish, then usage if asked."""
    whole = completion_body(request, reply, profile)
    message = whole["choices"][0]["message"]
    base = {"id": "chatcmpl-local", "object": "chat.completion.chunk", "created": whole["created"], "model": whole["model"]}

    def event(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]}

    events = [event({"role": "assistant", "content": ""})]
    if message.get("tool_calls"):
        call = message["tool_calls"][0]
        head = {"index": 0, "id": call["id"], "type": "function", "function": {"name": call["function"]["name"], "arguments": ""}}
        events.append(event({"tool_calls": [head]}))
        events += [event({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
                   for piece in _split(call["function"]["arguments"])]  # fmt: skip
    else:
        events += [event({"content": piece}) for piece in _split(message["content"] or "")]
    events.append(event({}, whole["choices"][0]["finish_reason"]))
    if profile.stream_usage and (request.get("stream_options") or {}).get("include_usage"):
        events.append({**base, "choices": [], "usage": whole["usage"]})
    return events


def _message(request: dict[str, Any], reply: Reply, profile: Profile) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": None}
    if reply.content is not None:
        message["content"] = reply.content
    elif request.get("tools") and profile.tools != "ignore":
        name = request["tools"][0]["function"]["name"]
        arguments = json.dumps(reply.answer, ensure_ascii=False)
        message["tool_calls"] = [
            {"id": "call_0", "type": "function", "function": {"name": name, "arguments": arguments}}
        ]
    elif request.get("tools"):  # a server that ignores tools answers in prose
        message["content"] = "I can help with that. " + json.dumps(reply.answer, ensure_ascii=False)[:40]
    elif request.get("response_format") is None:  # markdown-JSON mode: the model fences its JSON
        message["content"] = "```json\n" + json.dumps(reply.answer, ensure_ascii=False) + "\n```"
    else:
        message["content"] = json.dumps(reply.answer, ensure_ascii=False)
    return message


def _split(text: str) -> list[str]:
    return [text[i : i + PIECE_CHARS] for i in range(0, len(text), PIECE_CHARS)] or [""]


def _pieces(payload: dict[str, Any]) -> int:
    message = payload["choices"][0]["message"]
    text = message.get("content") or json.dumps(message.get("tool_calls") or "")
    return max(1, len(text) // PIECE_CHARS)
