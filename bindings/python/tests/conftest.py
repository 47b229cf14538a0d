"""Shared fixtures: engines on an explicit clock, so tests never depend on wall time."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any, Callable

import pytest

import presence

# Tests run on explicit times a year ahead of the real clock: a call with
# now_ms=None (the engine's clock) is then "older than the latest time seen",
# so it reads the engine at the test's latest time instead of jumping to today.
# t(s) is s seconds after EPOCH_MS, in ms.
EPOCH_MS = (int(time.time()) + 365 * 24 * 3600) * 1000


def t(seconds: float) -> int:
    return EPOCH_MS + round(seconds * 1000)


def declared(events: Iterable[presence.Event]) -> list[presence.Event]:
    """The session and user events among `events`.

    The engine also publishes coordination events (readiness of users, rooms,
    intents, ...); tests about session and user changes look at these two only.
    """
    return [e for e in events if e.kind in (presence.EventKind.SESSION, presence.EventKind.USER)]


NO_DEBOUNCE = {
    "debounce_active_ms": 0,
    "debounce_idle_ms": 0,
    "debounce_away_ms": 0,
    "debounce_stale_ms": 0,
    "debounce_offline_ms": 0,
}


@pytest.fixture
def make_engine() -> Iterator[Callable[..., presence.Engine]]:
    """Engines with the given configuration, closed after the test."""
    engines: list[presence.Engine] = []

    def make(**config: Any) -> presence.Engine:
        engine = presence.Engine(**config)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def engine(make_engine: Callable[..., presence.Engine]) -> presence.Engine:
    """An engine with the default thresholds and no debounce: every change publishes at once."""
    return make_engine(**NO_DEBOUNCE)
