"""POST /sessions and the per-session signals, with every way to get them wrong."""

from __future__ import annotations

import pytest


async def open_session(client, session_id, **fields):
    resp = await client.post("/sessions", json={"sessionId": session_id, **fields})
    return resp.status, await resp.json()


async def session_of(client, user_id, session_id):
    resp = await client.get(f"/api/users/{user_id}")
    assert resp.status == 200
    return (await resp.json())["sessions"][session_id]


async def test_open_creates_then_continues(client):
    status, body = await open_session(client, "tab-1", userId="ann", meta={"device": "laptop"})
    assert status == 201
    assert body == {
        "ok": True,
        "sessionId": "tab-1",
        "continued": False,
        "status": "active",
        "heartbeatIntervalMs": 15000,
    }
    status, body = await open_session(client, "tab-1", userId="ann")
    assert (status, body["continued"]) == (200, True)
    session = await session_of(client, "ann", "tab-1")
    assert session["meta"] == {"device": "laptop"}
    assert session["userId"] == "ann"


async def test_open_a_guest_counts_as_a_guest_session(client):
    status, _ = await open_session(client, "guest-tab")
    assert status == 201
    online = await (await client.get("/api/whos-online")).json()
    assert online["counts"]["sessions"]["guests"] == 1
    assert online["counts"]["sessions"]["alive"] == 1
    assert online["counts"]["users"]["alive"] == 0
    assert online["users"] == {}


async def test_open_hidden_is_told_the_hidden_interval(client):
    status, body = await open_session(client, "bg", userId="ann", visibility="hidden")
    assert status == 201
    assert body["heartbeatIntervalMs"] == 60000


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "a JSON object body is required"),
        (b"{not json", "malformed JSON"),
        (b"[1, 2]", "the body must be a JSON object"),
        (b'{"userId": "ann"}', "sessionId is required"),
        (b'{"sessionId": 7}', "sessionId must be a string"),
        (b'{"sessionId": "s", "userId": ["ann"]}', "userId must be a string"),
        (b'{"sessionId": "s", "meta": "laptop"}', "meta must be a JSON object"),
        (b'{"sessionId": "s", "visibility": "blurred"}', "visibility must be one of"),
    ],
)
async def test_open_refuses_malformed_requests(client, payload, message):
    resp = await client.post("/sessions", data=payload)
    assert resp.status == 400
    body = await resp.json()
    assert body["ok"] is False
    assert body["code"] == "invalid_argument"
    assert message in body["error"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sessionId": ""}, "session id is empty"),
        ({"sessionId": "x" * 200}, "session id is 200 bytes; the limit is 128"),
        ({"sessionId": "s", "meta": {"blob": "x" * 2000}}, "the limit is 1024"),
    ],
)
async def test_open_passes_on_the_engines_refusal(client, fields, message):
    resp = await client.post("/sessions", json=fields)
    assert resp.status == 400
    body = await resp.json()
    assert message in body["error"]
    assert body["code"] == "invalid_argument"


async def test_open_of_another_users_live_session_conflicts(client):
    await open_session(client, "tab-1", userId="ann")
    status, body = await open_session(client, "tab-1", userId="bob")
    assert status == 409
    assert body == {
        "ok": False,
        "error": "session 'tab-1' belongs to another user",
        "code": "conflict",
    }


async def test_open_beyond_the_users_session_limit_is_429(make_client):
    client = await make_client(max_sessions_per_user=1)
    await open_session(client, "tab-1", userId="ann")
    status, body = await open_session(client, "tab-2", userId="ann")
    assert status == 429
    assert body["code"] == "limit_exceeded"


async def test_heartbeat_returns_the_interval_for_the_hints(client):
    await open_session(client, "tab-1", userId="ann")
    resp = await client.post("/sessions/tab-1/heartbeat", json={"activity": "active"})
    assert (resp.status, await resp.json()) == (200, {"ok": True, "heartbeatIntervalMs": 15000})
    resp = await client.post("/sessions/tab-1/heartbeat", json={"visibility": "hidden"})
    assert (await resp.json())["heartbeatIntervalMs"] == 60000
    # No body at all is a plain liveness signal.
    resp = await client.post("/sessions/tab-1/heartbeat")
    assert resp.status == 200


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b'{"activity": "busy"}', "activity must be one of active, idle"),
        (b'{"visibility": true}', "visibility must be one of hidden, visible"),
        (b"nope", "malformed JSON"),
    ],
)
async def test_heartbeat_refuses_bad_hints(client, payload, message):
    await open_session(client, "tab-1", userId="ann")
    resp = await client.post("/sessions/tab-1/heartbeat", data=payload)
    assert resp.status == 400
    assert message in (await resp.json())["error"]


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("POST", "/sessions/ghost/heartbeat", None),
        ("POST", "/sessions/ghost/activity", None),
        ("POST", "/sessions/ghost/visibility", {"visibility": "hidden"}),
        ("POST", "/sessions/ghost/identify", {"userId": "ann"}),
        ("POST", "/sessions/ghost/disconnect", None),
        ("DELETE", "/sessions/ghost", None),
    ],
)
async def test_signals_to_an_unknown_session_are_404(client, method, path, payload):
    resp = await client.request(method, path, json=payload)
    assert resp.status == 404
    assert await resp.json() == {
        "ok": False,
        "error": "no live session 'ghost'",
        "code": "not_found",
    }


async def test_activity_is_accepted(client):
    await open_session(client, "tab-1", userId="ann")
    before = (await session_of(client, "ann", "tab-1"))["lastActivityAt"]
    resp = await client.post("/sessions/tab-1/activity")
    assert (resp.status, await resp.json()) == (200, {"ok": True})
    assert (await session_of(client, "ann", "tab-1"))["lastActivityAt"] >= before


async def test_visibility_hidden_then_visible(client):
    await open_session(client, "tab-1", userId="ann")
    resp = await client.post("/sessions/tab-1/visibility", json={"visibility": "hidden"})
    assert resp.status == 200
    session = await session_of(client, "ann", "tab-1")
    assert session["visible"] is False
    # Inside the blur tolerance a hidden tab keeps its state.
    assert session["status"] == "active"
    await client.post("/sessions/tab-1/visibility", json={"visibility": "visible"})
    assert (await session_of(client, "ann", "tab-1"))["visible"] is True


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "visibility is required"),
        ({"visibility": "gone"}, "visibility must be one of hidden, visible"),
    ],
)
async def test_visibility_refuses_bad_values(client, payload, message):
    await open_session(client, "tab-1", userId="ann")
    resp = await client.post("/sessions/tab-1/visibility", json=payload)
    assert resp.status == 400
    assert (await resp.json())["error"] == message


async def test_identify_turns_a_guest_into_a_user(client):
    await open_session(client, "guest-tab")
    resp = await client.post("/sessions/guest-tab/identify", json={"userId": "ann"})
    assert resp.status == 200
    session = await session_of(client, "ann", "guest-tab")
    assert session["userId"] == "ann"
    # Once it is ann's, nobody else can claim it.
    resp = await client.post("/sessions/guest-tab/identify", json={"userId": "bob"})
    assert resp.status == 409
    resp = await client.post("/sessions/guest-tab/identify", json={})
    assert (resp.status, (await resp.json())["error"]) == (400, "userId is required")


async def test_disconnect_holds_the_state_and_marks_reconnecting(client):
    await open_session(client, "tab-1", userId="ann")
    resp = await client.post("/sessions/tab-1/disconnect")
    assert resp.status == 200
    session = await session_of(client, "ann", "tab-1")
    assert (session["status"], session["reconnecting"], session["connected"]) == (
        "active",
        True,
        False,
    )
    online = await (await client.get("/api/whos-online")).json()
    assert online["users"]["ann"]["status"] == "active"
    assert online["counts"]["sessions"]["reconnecting"] == 1
    # Opening the same id again inside the grace window continues the session.
    status, body = await open_session(client, "tab-1", userId="ann")
    assert (status, body["continued"]) == (200, True)
    assert (await session_of(client, "ann", "tab-1"))["reconnecting"] is False


async def test_leave_is_offline_now(client):
    await open_session(client, "tab-1", userId="ann")
    await open_session(client, "tab-2", userId="ann")
    resp = await client.delete("/sessions/tab-1")
    assert (resp.status, await resp.json()) == (200, {"ok": True})
    user = await (await client.get("/api/users/ann")).json()
    # Closing one tab of two does not change the user.
    assert (user["user"]["status"], user["user"]["sessionCount"]) == ("active", 1)
    assert list(user["sessions"]) == ["tab-2"]
    await client.delete("/sessions/tab-2")
    user = await (await client.get("/api/users/ann")).json()
    assert (user["user"]["status"], user["user"]["sessionCount"]) == ("offline", 0)
    assert (await client.delete("/sessions/tab-2")).status == 404


async def test_a_body_over_a_mebibyte_is_413(client):
    resp = await client.post("/sessions", data=b" " * (1024 * 1024 + 1))
    assert resp.status == 413
    assert (await resp.json())["code"] == "request_entity_too_large"
