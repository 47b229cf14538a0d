from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from presence_service import create_app

# No debounce: every change is published at once, so tests read events
# without waiting. Time-driven behaviour gets its own app (test_time.py).
NO_DEBOUNCE = {
    "debounce_active_ms": 0,
    "debounce_idle_ms": 0,
    "debounce_away_ms": 0,
    "debounce_stale_ms": 0,
    "debounce_offline_ms": 0,
}

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def make_client(aiohttp_client: Any) -> ClientFactory:
    async def make(**config: int) -> TestClient[Any, Any]:
        return await aiohttp_client(create_app({**NO_DEBOUNCE, **config}, tick_interval_ms=20))

    return make


@pytest.fixture
async def client(make_client: ClientFactory) -> TestClient[Any, Any]:
    return await make_client()
