"""Article claims: one live run holds an article; a killed run's claims are taken over."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from narrascope.store import Store, claims, schema


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    st = Store(store_url)
    yield st
    st.close()


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()  # reaped: no process has this pid now
    return proc.pid


def test_a_live_claim_keeps_other_runs_off_until_released(store: Store) -> None:
    me, other = claims.new_owner(), claims.new_owner()  # two runs of this (live) process
    assert [claims.claim(store, "a1", me), claims.claim(store, "a1", other), claims.claim(store, "a1", me)] == [
        True, False, True
    ]
    assert claims.claim(store, "b2", other)
    assert claims.held(store) == {"a1": me, "b2": other}
    claims.release(store, me, ["a1"])
    assert claims.claim(store, "a1", other) and claims.held(store) == {"a1": other, "b2": other}
    claims.release(store, other)
    assert claims.held(store) == {}


def test_claims_of_a_killed_run_or_an_old_remote_one_are_taken_over(store: Store) -> None:
    host = socket.gethostname()
    old = (datetime.now(UTC) - timedelta(seconds=claims.LEASE_S + 60)).isoformat(timespec="seconds")
    recent = datetime.now(UTC).isoformat(timespec="seconds")
    rows = [
        {"article_id": "dead", "owner": f"{host}:{_dead_pid()}:x", "claimed_at": recent},
        {"article_id": "alive", "owner": f"{host}:{os.getpid()}:x", "claimed_at": old},
        {"article_id": "remote-old", "owner": "elsewhere:1:x", "claimed_at": old},
        {"article_id": "remote-new", "owner": "elsewhere:1:x", "claimed_at": recent},
    ]
    with store.write() as conn:
        conn.execute(schema.claims.insert(), rows)
    me = claims.new_owner()
    assert {r["article_id"]: claims.claim(store, r["article_id"], me) for r in rows} == {
        "dead": True, "alive": False, "remote-old": True, "remote-new": False
    }
    assert claims.held(store) == {"dead": me, "alive": rows[1]["owner"], "remote-old": me,
                                  "remote-new": "elsewhere:1:x"}
