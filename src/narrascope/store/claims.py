"""Article claims: a run claims each article before analysing it, so two runs over the same input
do not both analyse it (table ``claims``, migration 8).

A claim names its owner as ``host:pid:token``. It is live while that process runs (checked on the
same host) or, for another host, for :data:`LEASE_S` seconds; a claim of a killed run is stale and
the next run takes it over. Claims are released when the article is stored or has failed.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from . import schema

if TYPE_CHECKING:
    from .core import Store

claims = schema.claims
LEASE_S = 3600  # how long a claim made on another host counts as live


def new_owner() -> str:
    """An owner name for one run: this host, this process, a random token."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def claim(store: Store, article_id: str, owner: str) -> bool:
    """Claim an article for ``owner``; False when another live run holds it."""
    try:
        with store.write() as conn:
            row = conn.execute(select(claims).where(claims.c.article_id == article_id)).mappings().first()
            if row is not None:
                if row["owner"] != owner and live(row["owner"], row["claimed_at"]):
                    return False
                conn.execute(delete(claims).where(claims.c.article_id == article_id, claims.c.owner == row["owner"]))
            conn.execute(claims.insert().values(article_id=article_id, owner=owner, claimed_at=_now()))
            return True
    except IntegrityError:  # PostgreSQL: a concurrent run inserted the same claim first
        return False


def release(store: Store, owner: str, article_ids: Iterable[str] | None = None) -> None:
    """Drop ``owner``'s claims on these articles (all of its claims when None)."""
    query = delete(claims).where(claims.c.owner == owner)
    if article_ids is not None:
        query = query.where(claims.c.article_id.in_(list(article_ids)))
    with store.write() as conn:
        conn.execute(query)


def held(store: Store) -> dict[str, str]:
    """Every claim: article id -> owner (for tests and diagnostics)."""
    with store.engine.connect() as conn:
        return {str(a): str(o) for a, o in conn.execute(select(claims.c.article_id, claims.c.owner))}


def live(owner: str, claimed_at: str) -> bool:
    """Whether the run that made a claim may still be running."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's live process
            return True
        return True
    try:
        when = datetime.fromisoformat(claimed_at)
    except ValueError:
        return False
    return datetime.now(UTC) - when < timedelta(seconds=LEASE_S)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
