"""Collect fixtures: the invented site of ``fakesite`` running on 127.0.0.1 for one test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fakesite import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        yield running
