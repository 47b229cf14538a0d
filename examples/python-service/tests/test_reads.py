"""Who's online, one user, events, metrics, health, and the routes that do not exist."""

from __future__ import annotations

import pytest

from presence_service.app import ENGINE


async def open_session(client, session_id, user_id=None):
    resp = await client.post("/sessions", json={"sessionId": session_id, "userId": user_id})
    assert resp.status == 201


async def test_whos_online_lists_users_sessions_and_counts(client):
    await open_session(client, "a-1", "ann")
    await open_session(client, "a-2", "ann")
    await open_session(client, "b-1", "bob")
    await open_session(client, "guest-1")
    resp = await client.get("/api/whos-online")
    assert resp.status == 200
    body = await resp.json()
    assert body["ok"] is True
    assert body["nextCursor"] is None
    assert body["generatedAt"] > 0
    assert list(body["users"]) == ["ann", "bob"]
    ann = body["users"]["ann"]
    assert (ann["status"], ann["sessionCount"], ann["confidenceBucket"]) == ("active", 2, "high")
    assert ann["confidence"] == 1.0
    assert ann["lastSeenAt"] >= ann["since"] > 0
    # Sessions of the listed users; the guest belongs to none of them.
    assert sorted(body["sessions"]) == ["a-1", "a-2", "b-1"]
    assert body["sessions"]["b-1"]["status"] == "active"
    assert body["counts"]["sessions"] == {
        "active": 4,
        "idle": 0,
        "away": 0,
        "stale": 0,
        "reconnecting": 0,
        "guests": 1,
        "alive": 4,
    }
    assert body["counts"]["users"] == {
        "active": 2,
        "idle": 0,
        "away": 0,
        "stale": 0,
        "offline": 0,
        "alive": 2,
    }


async def test_whos_online_min_state_offline_includes_users_who_left(client):
    await open_session(client, "a-1", "ann")
    await open_session(client, "b-1", "bob")
    await client.delete("/sessions/b-1")
    body = await (await client.get("/api/whos-online")).json()
    assert list(body["users"]) == ["ann"]
    body = await (await client.get("/api/whos-online?min_state=offline")).json()
    assert list(body["users"]) == ["ann", "bob"]
    assert body["users"]["bob"]["status"] == "offline"
    assert body["users"]["bob"]["lastSeenAt"] > 0
    body = await (await client.get("/api/whos-online?min_state=active")).json()
    assert list(body["users"]) == ["ann"]


async def test_whos_online_pages_with_a_cursor(client):
    for name in ("ann", "bob", "cat", "dan", "eve"):
        await open_session(client, f"{name}-tab", name)
    seen = []
    url = "/api/whos-online?limit=2"
    pages = 0
    while True:
        body = await (await client.get(url)).json()
        pages += 1
        assert len(body["users"]) <= 2
        seen.extend(body["users"])
        assert sorted(body["sessions"]) == sorted(f"{u}-tab" for u in body["users"])
        if body["nextCursor"] is None:
            break
        url = f"/api/whos-online?limit=2&cursor={body['nextCursor']}"
    assert pages == 3
    assert seen == ["ann", "bob", "cat", "dan", "eve"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/whos-online?min_state=asleep", "min_state must be one of active, away, idle, "),
        ("/api/whos-online?limit=ten", "limit must be an integer"),
        ("/api/whos-online?limit=0", "limit must be between 1 and 10000, got 0"),
        ("/api/events?after=x", "after must be an integer"),
        ("/api/events?after=-1", "after_seq must be between 0 and"),
        ("/api/events?after=99", "after_seq 99 is ahead of the newest event"),
        ("/api/events?after=0&limit=many", "limit must be an integer"),
    ],
)
async def test_reads_refuse_bad_queries(client, url, message):
    resp = await client.get(url)
    assert resp.status == 400
    body = await resp.json()
    assert (body["ok"], body["code"]) == (False, "invalid_argument")
    assert body["error"].startswith(message)


async def test_user_detail_and_unknown_user(client):
    await open_session(client, "a-1", "ann")
    body = await (await client.get("/api/users/ann")).json()
    assert body["user"]["userId"] == "ann"
    assert body["user"]["status"] == "active"
    assert list(body["sessions"]) == ["a-1"]
    assert body["sessions"]["a-1"]["heartbeatIntervalMs"] == 15000
    resp = await client.get("/api/users/nobody")
    assert resp.status == 404
    assert await resp.json() == {"ok": False, "error": "no user 'nobody'", "code": "not_found"}


async def test_events_since_a_seq(client):
    await open_session(client, "a-1", "ann")
    body = await (await client.get("/api/events?after=0")).json()
    kinds = [(e["kind"], e["id"], e["oldStatus"], e["newStatus"]) for e in body["events"]]
    assert kinds == [
        ("session", "a-1", "offline", "active"),
        ("user", "ann", "offline", "active"),
    ]
    assert body["events"][1]["sessionCount"] == 1
    assert "sessionCount" not in body["events"][0]
    # The batch's seq is where to continue; it may pass events of other kinds
    # (readiness) that the service does not forward.
    assert body["seq"] >= body["events"][-1]["seq"]
    after = body["seq"]
    await client.delete("/sessions/a-1")
    body = await (await client.get(f"/api/events?after={after}")).json()
    assert [(e["id"], e["newStatus"]) for e in body["events"]] == [
        ("a-1", "offline"),
        ("ann", "offline"),
    ]
    assert all(e["seq"] > after for e in body["events"])
    body = await (await client.get(f"/api/events?after={body['seq']}")).json()
    assert body["events"] == []


async def test_events_limit_bounds_a_batch(client):
    await open_session(client, "a-1", "ann")
    body = await (await client.get("/api/events?after=0&limit=1")).json()
    assert [e["id"] for e in body["events"]] == ["a-1"]
    assert body["seq"] == body["events"][0]["seq"]


async def test_events_too_far_behind_is_410(make_client):
    client = await make_client(event_buffer_capacity=4)
    for i in range(4):
        await open_session(client, f"s-{i}", f"u-{i}")
    resp = await client.get("/api/events?after=0")
    assert resp.status == 410
    body = await resp.json()
    assert body["code"] == "too_far_behind"
    assert "take a snapshot" in body["error"]
    # The way back: the seq of a who's-online read, then events after it.
    seq = (await (await client.get("/api/whos-online")).json())["seq"]
    assert (await client.get(f"/api/events?after={seq}")).status == 200


async def test_metrics_is_prometheus_text(client):
    await open_session(client, "a-1", "ann")
    await open_session(client, "guest-1")
    resp = await client.get("/metrics")
    assert resp.status == 200
    assert resp.content_type == "text/plain"
    lines = (await resp.text()).splitlines()
    assert 'presence_sessions{state="active"} 2' in lines
    assert 'presence_users{state="active"} 1' in lines
    assert "# TYPE presence_signals_total counter" in lines
    assert "presence_signals_total 2" in lines


async def test_healthz(client):
    resp = await client.get("/healthz")
    assert resp.status == 200
    body = await resp.json()
    assert body["ok"] is True
    assert body["now"] > 1_700_000_000_000  # the engine's clock, in ms since the epoch
    assert body["sessionsAlive"] == 0
    await open_session(client, "a-1", "ann")
    assert (await (await client.get("/healthz")).json())["sessionsAlive"] == 1


async def test_unknown_routes_and_methods_answer_json(client):
    resp = await client.get("/api/nothing")
    assert (resp.status, (await resp.json())["code"]) == (404, "not_found")
    resp = await client.get("/sessions")
    assert (resp.status, (await resp.json())["code"]) == (405, "method_not_allowed")


async def test_a_closed_engine_answers_503(client):
    client.app[ENGINE].close()
    resp = await client.get("/healthz")
    assert resp.status == 503
    assert (await resp.json())["code"] == "closed"
