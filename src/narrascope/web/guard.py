"""The request guard in front of every route, as plain ASGI middleware (Starlette's
``BaseHTTPMiddleware`` adds a task group and a body stream to every request): Host allow-list,
write refusals, HEAD as GET without a body, and the security headers on every response."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
)


def error_response(status: int, code: str, detail: object) -> JSONResponse:
    """The API's one error shape: ``{"error": code, "detail": ...}``."""
    return JSONResponse({"error": code, "detail": detail}, status_code=status)


class Guard:
    """Refuses foreign Host headers and unacceptable writes before routing; answers HEAD as GET
    without the body (RFC 9110); adds the security headers a response does not set itself."""

    def __init__(
        self, app: ASGIApp, allowed: frozenset[str], refuse_write: Callable[[Request], Response | None]
    ) -> None:
        self.app = app
        self.allowed = allowed
        self.refuse_write = refuse_write

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host = hostname(request.headers.get("host") or "")
        refusal: Response | None = None
        if self.allowed and host not in self.allowed:
            refusal = error_response(400, "bad_host", f"Host {host!r} is not served here (DNS-rebinding protection)")
        elif scope["method"] in WRITE_METHODS:
            refusal = self.refuse_write(request)
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        if refusal is not None:
            await refusal(scope, receive, send_secured)
        else:
            await self.app(scope, receive, send_secured)


def hostname(value: str) -> str:
    """The host part of a Host header (``[::1]:8000`` → ``[::1]``, ``127.0.0.1:80`` → ``127.0.0.1``)."""
    if value.startswith("["):
        return value.split("]", 1)[0] + "]"
    return value.rsplit(":", 1)[0]


def write_refusal(request: Request, token: str | None, loopback: bool, limit: int) -> Response | None:
    """Why a write request is refused, or None when it may go on."""
    origin = request.headers.get("origin")
    cross_site = request.headers.get("sec-fetch-site") == "cross-site"
    if cross_site or (origin is not None and urlsplit(origin).netloc != request.headers.get("host")):
        return error_response(403, "cross_origin", "cross-site writes are refused; submit from this server's own pages")
    if token:
        scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
        given = request.headers.get("x-narrascope-token") or (bearer.strip() if scheme.lower() == "bearer" else "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return error_response(
                401,
                "unauthorized",
                "this server requires its API token for writes: send 'Authorization: Bearer <NARRASCOPE_TOKEN>'",
            )
    elif not loopback:
        return error_response(
            403,
            "read_only",
            "writes are disabled when serving beyond 127.0.0.1 without a token: restart with NARRASCOPE_TOKEN set",
        )
    length = request.headers.get("content-length")
    if length is None and request.headers.get("transfer-encoding"):
        return error_response(411, "length_required", "send a Content-Length header with the request body")
    if length is not None and (not length.isdigit() or int(length) > limit + 64 * 1024):
        return error_response(413, "too_large", f"the request body is larger than the upload limit of {limit} bytes")
    return None
