"""The first thing every request meets: caps on the URL and the body, and the client's address for admission.

A body over the cap is refused from its `Content-Length` before it is read (413), or, when it comes chunked,
as soon as the bytes read pass the cap; a URL over its cap gets 414. Either way no parser sees it.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.serve.backend import client_address


class BodyTooLarge(HTTPException):
    def __init__(self, cap: int) -> None:
        super().__init__(413, f"the request body is larger than {cap:,} bytes, this server's limit (KG_MAX_BODY_BYTES)")


def client_of(scope: Scope) -> str:
    """The client's address (uvicorn has applied a trusted X-Forwarded-For already)."""
    client = scope.get("client")
    return client[0] if client else "local"


async def _refuse(send: Send, status: int, message: str) -> None:
    body = (message + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    def __init__(self, app: ASGIApp, *, max_url_bytes: int, max_body_bytes: int) -> None:
        self.app = app
        self.max_url = max_url_bytes
        self.max_body = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client_address.set(client_of(scope))
        url_bytes = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if url_bytes > self.max_url:
            await _refuse(send, 414, f"the URL is {url_bytes:,} bytes long, over this server's limit of {self.max_url:,} "
                                     "(KG_MAX_URL_BYTES); send a long query by POST")
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _refuse(send, 400, "the Content-Length header is not a number")
                    return
                if declared > self.max_body:
                    await _refuse(send, 413, BodyTooLarge(self.max_body).detail)
                    return
        cap = self.max_body
        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        await self.app(scope, capped_receive, send)
