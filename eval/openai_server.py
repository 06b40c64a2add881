"""A local OpenAI-compatible server for tests and simulations: POST /v1/chat/completions on 127.0.0.1.

Replies are scripted (`enqueue`) or computed by a responder from the request; every request is
recorded, and the server counts how many requests it is serving at once. A reply can be an answer
(rendered as the request asks: a tool call when it offers tools, fenced JSON for markdown-JSON mode,
plain JSON content otherwise), raw content, an HTTP error with headers, a truncated answer
(finish_reason "length") or a slow one (for client timeouts).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from extractor.extract.llm.fake import estimate_tokens


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

    def __init__(self, responder: Responder | None = None) -> None:
        self.responder = responder
        self.requests: list[Recorded] = []
        self.max_in_flight = 0
        self.errors: list[Exception] = []
        self._in_flight = 0
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
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
        with self._lock:
            self.requests.append(request)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
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


def _handler_for(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, {"error": {"message": f"no route {self.path}"}}, {})
                return
            request = Recorded(body=body, headers=dict(self.headers.items()), at=time.monotonic())
            try:
                reply = server._next_reply(request)
                if reply.delay_s:
                    time.sleep(reply.delay_s)
            finally:
                server._done()
            if reply.status != 200:
                error = {"error": {"message": reply.error or "error", "type": "server_error", "code": reply.status}}
                self._send(reply.status, error, reply.headers)
                return
            self._send(200, completion_body(body, reply), reply.headers)

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

    return Handler


def completion_body(request: dict[str, Any], reply: Reply) -> dict[str, Any]:
    """A chat.completion object answering `request` with `reply`."""
    message: dict[str, Any] = {"role": "assistant", "content": None}
    if reply.content is not None:
        message["content"] = reply.content
    elif request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        arguments = json.dumps(reply.answer, ensure_ascii=False)
        message["tool_calls"] = [
            {"id": "call_0", "type": "function", "function": {"name": name, "arguments": arguments}}
        ]
    elif request.get("response_format") is None:  # markdown-JSON mode: the model fences its JSON
        message["content"] = "```json\n" + json.dumps(reply.answer, ensure_ascii=False) + "\n```"
    else:
        message["content"] = json.dumps(reply.answer, ensure_ascii=False)
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
