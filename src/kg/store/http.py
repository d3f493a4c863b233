"""The HTTP client of a remote SPARQL store: one pooled connection set, retries on transient failures, and
errors that say which store, what was asked and what to check."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

TRANSIENT_STATUS = {429, 502, 503, 504}


class StoreError(Exception):
    """A remote store failed; the message says which store, what was asked and what to check."""


class StoreUnavailable(StoreError):
    """No answer (connection refused, reset or timed out), also after the retries."""


class StoreRefused(StoreError):
    """The store answered with an error status that retrying does not fix."""

    def __init__(self, message: str, status: int, body: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class StoreTruncated(StoreError):
    """The store cut a result at its row limit (e.g. Virtuoso's ResultSetMaxRows)."""


class StoreTimeout(StoreUnavailable):
    """The store did not answer within the time allowed for this request."""


@dataclass(frozen=True)
class Endpoints:
    """A remote store is named by its three URLs; only `query` is needed to read."""

    query: str
    update: str | None = None
    gsp: str | None = None

    def need(self, kind: str) -> str:
        url = getattr(self, kind)
        if not url:
            env = {"update": "KG_STORE_UPDATE", "gsp": "KG_STORE_GSP"}[kind]
            raise StoreError(f"writing to the remote store needs its {kind} URL: set {env} (or --store-{kind})")
        return url


def make_auth(user: str | None, password: str | None, token: str | None, scheme: str | None) -> httpx.Auth | None:
    """Basic (user + password), digest (`scheme` digest, e.g. Virtuoso's /sparql-auth) or bearer (token)."""
    if token:
        return BearerAuth(token)
    if user:
        return httpx.DigestAuth(user, password or "") if scheme == "digest" else httpx.BasicAuth(user, password or "")
    return None


class BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


class StoreClient:
    """Requests to one store's URLs, with retries. Thread-safe (one pooled httpx client)."""

    def __init__(self, *, auth: httpx.Auth | None = None, timeout_s: float = 60.0, connect_timeout_s: float = 5.0,
                 retries: int = 3, backoff_s: float = 0.5, max_connections: int = 8) -> None:
        self.retries = retries
        self.backoff_s = backoff_s
        self.client = httpx.Client(
            auth=auth,
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            limits=httpx.Limits(max_connections=max_connections),
            headers={"User-Agent": "jpow-kg"},
        )

    def close(self) -> None:
        self.client.close()

    def send(self, what: str, method: str, url: str, *, retry: bool = True, stream: bool = False,
             timeout_s: float | None = None, **kwargs: Any) -> httpx.Response:
        """One request with retries on transient failures; raises StoreUnavailable / StoreRefused.

        `retry=False` for requests that must not run twice (the build switch): only a connection that was never
        made is retried then."""
        attempts = self.retries + 1
        last = ""
        if timeout_s is not None:
            kwargs["timeout"] = httpx.Timeout(timeout_s, connect=self.client.timeout.connect)
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
            try:
                request = self.client.build_request(method, url, **kwargs)
                response = self.client.send(request, stream=stream)
            except httpx.ConnectError as exc:
                last = f"cannot connect ({exc})"
                continue
            except httpx.TimeoutException as exc:
                last = f"no answer within the time limit ({type(exc).__name__})"
                if not retry or isinstance(exc, httpx.ReadTimeout):
                    raise StoreTimeout(f"{what}: {url} gave {last}; the store may be overloaded, or the "
                                       f"request too large (raise KG_STORE_TIMEOUT)") from None
                continue
            except httpx.TransportError as exc:
                last = f"the connection failed ({type(exc).__name__}: {exc})"
                if not retry:
                    break
                continue
            if response.status_code in TRANSIENT_STATUS and retry and attempt + 1 < attempts:
                last = f"HTTP {response.status_code}"
                response.close()
                continue
            if response.status_code >= 400:
                body = (response.read() if stream else response.content).decode("utf-8", "replace")
                response.close()
                hint = {401: " (check KG_STORE_USER/KG_STORE_PASSWORD or KG_STORE_TOKEN)",
                        403: " (the store refuses this user: grant update rights, see docs/deploy.md)",
                        404: " (check the URL)"}.get(response.status_code, "")
                raise StoreRefused(f"{what}: {url} answered HTTP {response.status_code}{hint}: "
                                   f"{excerpt(body)}", response.status_code, body)
            return response
        raise StoreUnavailable(f"{what}: {url} is unreachable after {attempts} attempt(s): {last}. Is the store "
                               f"running, and are KG_STORE_QUERY/KG_STORE_UPDATE/KG_STORE_GSP right?")


def form_fields(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Repeated parameters (`default-graph-uri`) as the form body httpx sends."""
    form: dict[str, list[str]] = {}
    for k, v in params:
        form.setdefault(k, []).append(v)
    return form


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def excerpt(body: str, limit: int = 300) -> str:
    text = " ".join(body.split())
    return text if len(text) <= limit else text[:limit] + " …"
