"""Writes (SPARQL Update, Graph Store PUT/POST/DELETE) need the bearer token of `KG_UPDATE_TOKEN`."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request


def require_update_token(request: Request, token: str | None) -> None:
    """403 when the server has no update token (writes are off); 401 without credentials; 403 when wrong."""
    if not token:
        raise HTTPException(403, "updates are disabled on this server (start it with KG_UPDATE_TOKEN set)")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401,
            "this operation needs 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": 'Bearer realm="kg"'},
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "the bearer token is not valid for updates")
