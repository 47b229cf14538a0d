"""GET /api/stream (Server-Sent Events), time-driven changes, and the engine's lifetime."""

from __future__ import annotations

import asyncio
import json

from presence_service import create_app
from presence_service.app import ENGINE

from .conftest import NO_DEBOUNCE


async def next_event(resp):
    """The next SSE event as a dict of its fields; comments are skipped."""
    fields = {}
    while True:
        async with asyncio.timeout(5):
            line = (await resp.content.readline()).decode()
        assert line, "the stream ended"
        line = line.rstrip("\n")
        if not line:
            if fields:
                return fields
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(": ")
        fields[name] = value


async def test_stream_delivers_changes_as_they_happen(client):
    resp = await client.get("/api/stream")
    assert resp.status == 200
    assert resp.headers["Content-Type"] == "text/event-stream"
    await client.post("/sessions", json={"sessionId": "a-1", "userId": "ann"})
    first = await next_event(resp)
    assert first["event"] == "session"
    data = json.loads(first["data"])
    assert (data["id"], data["oldStatus"], data["newStatus"]) == ("a-1", "offline", "active")
    assert first["id"] == str(data["seq"])
    second = await next_event(resp)
    assert second["event"] == "user"
    assert json.loads(second["data"])["sessionCount"] == 1
    resp.close()


async def test_stream_resumes_after_last_event_id(client):
    await client.post("/sessions", json={"sessionId": "a-1", "userId": "ann"})
    await client.post("/sessions", json={"sessionId": "b-1", "userId": "bob"})
    events = (await (await client.get("/api/events?after=0")).json())["events"]
    assert len(events) == 4
    resp = await client.get("/api/stream", headers={"Last-Event-ID": str(events[1]["seq"])})
    replayed = [json.loads((await next_event(resp))["data"])["id"] for _ in range(2)]
    assert replayed == ["b-1", "bob"]
    resp.close()
    # An EventSource that saw no id yet sends an empty one: the query decides.
    resp = await client.get("/api/stream?after=0", headers={"Last-Event-ID": ""})
    assert json.loads((await next_event(resp))["data"])["id"] == "a-1"
    resp.close()


async def test_stream_refuses_a_bad_or_lost_start(make_client):
    client = await make_client(event_buffer_capacity=2)
    resp = await client.get("/api/stream?after=soon")
    assert (resp.status, (await resp.json())["code"]) == (400, "invalid_argument")
    resp = await client.get("/api/stream?after=50")
    assert resp.status == 400
    for i in range(2):
        await client.post("/sessions", json={"sessionId": f"s-{i}", "userId": f"u-{i}"})
    resp = await client.get("/api/stream?after=0")
    assert (resp.status, (await resp.json())["code"]) == (410, "too_far_behind")


async def test_stream_falling_behind_ends_with_resync(make_client):
    client = await make_client(event_buffer_capacity=2)
    resp = await client.get("/api/stream")
    assert resp.status == 200
    engine = client.app[ENGINE]
    # Straight into the engine, without yielding to the loop: the stream
    # cannot read before the buffer has dropped what it had not read.
    for i in range(3):
        engine.open(f"s-{i}", user_id=f"u-{i}")
    event = await next_event(resp)
    assert event["event"] == "resync"
    assert "take a snapshot" in json.loads(event["data"])["error"]
    assert await resp.content.read() == b""  # and the stream ends


async def test_ticker_turns_silence_into_idle_and_streams_it(aiohttp_client):
    config = {**NO_DEBOUNCE, "idle_after_ms": 200, "away_after_ms": 60_000}
    client = await aiohttp_client(create_app(config, tick_interval_ms=20))
    resp = await client.get("/api/stream")
    await client.post("/sessions", json={"sessionId": "a-1", "userId": "ann"})
    changes = []
    while ("ann", "idle") not in changes:
        data = json.loads((await next_event(resp))["data"])
        changes.append((data["id"], data["newStatus"]))
    assert changes == [("a-1", "active"), ("ann", "active"), ("a-1", "idle"), ("ann", "idle")]
    body = await (await client.get("/api/whos-online")).json()
    assert body["users"]["ann"]["status"] == "idle"
    assert body["counts"]["sessions"]["idle"] == 1
    resp.close()


async def test_shutdown_closes_the_engine_and_ends_streams(aiohttp_client):
    client = await aiohttp_client(create_app(NO_DEBOUNCE))
    engine = client.app[ENGINE]
    resp = await client.get("/api/stream")
    assert resp.status == 200
    await client.server.close()  # runs on_shutdown and cleanup_ctx
    assert engine.closed
    # The stream ended rather than hanging on the closed engine.
    assert await asyncio.wait_for(resp.content.read(), 5) == b": connected\n\n"
