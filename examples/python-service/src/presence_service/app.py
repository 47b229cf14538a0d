"""A who's-online HTTP service: presence signals in over HTTP/JSON, reads and events out.

One engine per application, created when the app starts and closed when it
stops (``cleanup_ctx``). The engine keeps its own time: every call here uses
its clock, and its native ticker turns silence into idle, away, stale and
offline and publishes the debounced events.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import presence
from aiohttp import web

from . import wire

ENGINE = web.AppKey("engine", presence.Engine)

# The engine's status, as the HTTP status a client should act on.
HTTP_STATUS = {
    presence.Status.INVALID_ARGUMENT: 400,
    presence.Status.NOT_FOUND: 404,
    presence.Status.CONFLICT: 409,
    presence.Status.LIMIT_EXCEEDED: 429,
    presence.Status.TOO_FAR_BEHIND: 410,  # gone: take a snapshot again
    presence.Status.CLOSED: 503,
}

DEFAULT_PAGE = 50
DEFAULT_EVENT_BATCH = 1000
# Proxies drop idle connections; an SSE comment this often keeps a quiet stream open.
KEEPALIVE_SECONDS = 15.0


def error(status: int, message: str, code: str) -> web.Response:
    return web.json_response({"ok": False, "error": message, "code": code}, status=status)


@web.middleware
async def json_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every refusal is JSON: the engine's own message, or the service's for malformed input."""
    try:
        return await handler(request)
    except presence.PresenceError as e:
        return error(HTTP_STATUS.get(e.status, 500), e.message, str(e.status))
    except wire.BadRequestError as e:
        return error(400, str(e), "invalid_argument")
    except web.HTTPException as e:
        if e.status < 400:
            raise
        return error(e.status, e.reason, e.reason.lower().replace(" ", "_"))


async def json_body(request: web.Request, *, required: bool) -> dict[str, Any]:
    """The request's JSON object; an empty body is ``{}`` where the fields are optional."""
    text = await request.text()
    if not text.strip():
        if required:
            raise wire.BadRequestError("a JSON object body is required")
        return {}
    try:
        body = json.loads(text)
    except json.JSONDecodeError as e:
        raise wire.BadRequestError(f"malformed JSON: {e}") from None
    if not isinstance(body, dict):
        raise wire.BadRequestError("the body must be a JSON object")
    return body


def int_query(request: web.Request, name: str, default: int) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise wire.BadRequestError(f"{name} must be an integer") from None


def ok(**fields: Any) -> web.Response:
    return web.json_response({"ok": True, **fields})


# Signals


async def open_session(request: web.Request) -> web.Response:
    engine = request.app[ENGINE]
    body = await json_body(request, required=True)
    session_id = wire.string_field(body, "sessionId", required=True)
    assert session_id is not None  # required=True
    result = engine.open(
        session_id,
        user_id=wire.string_field(body, "userId", required=False),
        meta=wire.encode_meta(body.get("meta")),
        visibility=wire.enum_field(
            body, "visibility", wire.VISIBILITIES, presence.Visibility.UNKNOWN
        ),
    )
    return web.json_response(
        {
            "ok": True,
            "sessionId": session_id,
            "continued": result.continued,
            "status": str(result.state),
            "heartbeatIntervalMs": result.heartbeat_interval_ms,
        },
        # A continued session is the same resource, not a new one.
        status=200 if result.continued else 201,
    )


async def heartbeat(request: web.Request) -> web.Response:
    body = await json_body(request, required=False)
    interval = request.app[ENGINE].heartbeat(
        request.match_info["id"],
        wire.enum_field(body, "activity", wire.ACTIVITIES, presence.Activity.UNKNOWN),
        wire.enum_field(body, "visibility", wire.VISIBILITIES, presence.Visibility.UNKNOWN),
    )
    return ok(heartbeatIntervalMs=interval)


async def activity(request: web.Request) -> web.Response:
    request.app[ENGINE].activity(request.match_info["id"])
    return ok()


async def visibility(request: web.Request) -> web.Response:
    body = await json_body(request, required=True)
    if body.get("visibility") is None:
        raise wire.BadRequestError("visibility is required")
    value = wire.enum_field(body, "visibility", wire.VISIBILITIES, None)
    request.app[ENGINE].visibility(request.match_info["id"], value)
    return ok()


async def identify(request: web.Request) -> web.Response:
    body = await json_body(request, required=True)
    user_id = wire.string_field(body, "userId", required=True)
    assert user_id is not None  # required=True
    request.app[ENGINE].identify(request.match_info["id"], user_id)
    return ok()


async def disconnect(request: web.Request) -> web.Response:
    request.app[ENGINE].disconnect(request.match_info["id"])
    return ok()


async def leave(request: web.Request) -> web.Response:
    request.app[ENGINE].leave(request.match_info["id"])
    return ok()


# Reads


async def whos_online(request: web.Request) -> web.Response:
    engine = request.app[ENGINE]
    min_state = wire.enum_field(dict(request.query), "min_state", wire.STATES, presence.State.STALE)
    page = engine.list_users(
        min_state,
        cursor=request.query.get("cursor"),
        limit=int_query(request, "limit", DEFAULT_PAGE),
    )
    sessions: dict[str, Any] = {}
    for u in page.users:
        try:
            detail = engine.get_user(u.user_id)
        except presence.NotFoundError:
            # Forgotten since the page was read (the ticker runs meanwhile):
            # it has no sessions left to show.
            continue
        sessions.update((s.session_id, wire.session(s)) for s in detail.sessions)
    return ok(
        generatedAt=engine.now(),
        seq=page.seq,
        counts=wire.counts(engine.counts()),
        users={u.user_id: wire.user(u) for u in page.users},
        sessions=sessions,
        nextCursor=page.next_cursor,
    )


async def get_user(request: web.Request) -> web.Response:
    detail = request.app[ENGINE].get_user(request.match_info["id"])
    return ok(
        user=wire.user(detail.user),
        sessions={s.session_id: wire.session(s) for s in detail.sessions},
    )


async def events(request: web.Request) -> web.Response:
    batch = request.app[ENGINE].events_since(
        int_query(request, "after", 0), limit=int_query(request, "limit", DEFAULT_EVENT_BATCH)
    )
    return ok(
        seq=batch.seq,
        events=[wire.event(e) for e in batch.events if wire.is_presence_event(e)],
    )


async def stream(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: one ``session`` or ``user`` event per change, ``id`` = seq.

    Starts after ``Last-Event-ID`` (what a reconnecting EventSource sends),
    else after ``?after=``, else at the newest event. If the client fell too
    far behind, the stream sends a ``resync`` event and ends: read
    ``/api/whos-online`` again and reconnect after its ``seq``.
    """
    engine = request.app[ENGINE]
    after = request.headers.get("Last-Event-ID") or request.query.get("after")
    try:
        start = engine.stats().last_seq if after is None else int(after)
    except ValueError:
        raise wire.BadRequestError("after (or Last-Event-ID) must be an integer") from None
    # Opening checks the seq, so a bad or lost one is answered with a status
    # before the event stream starts.
    async with engine.stream(start) as events:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        try:
            await response.write(b": connected\n\n")
            while True:
                try:
                    e = await asyncio.wait_for(events.__anext__(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                except StopAsyncIteration:  # the engine closed: the service is stopping
                    break
                except presence.TooFarBehindError as lost:
                    data = json.dumps({"error": lost.message, "seq": events.seq})
                    await response.write(f"event: resync\ndata: {data}\n\n".encode())
                    break
                if wire.is_presence_event(e):
                    data = json.dumps(wire.event(e))
                    await response.write(f"id: {e.seq}\nevent: {e.kind}\ndata: {data}\n\n".encode())
        except ConnectionResetError:
            pass  # the client went away; found at the next write
    return response


async def metrics(request: web.Request) -> web.Response:
    engine = request.app[ENGINE]
    return web.Response(
        text=engine.prometheus(),
        content_type="text/plain",
        headers={"X-Content-Type-Options": "nosniff"},
        charset="utf-8",
    )


async def healthz(request: web.Request) -> web.Response:
    engine = request.app[ENGINE]
    # A read on the engine's clock: proves the engine answers, and moves now() to the clock.
    alive = engine.counts().sessions_alive
    return ok(engineVersion=presence.ENGINE_VERSION, now=engine.now(), sessionsAlive=alive)


def create_app(
    config: Mapping[str, int] | None = None, *, tick_interval_ms: int = 100
) -> web.Application:
    """The service. ``config`` is the engine's keyword configuration (``presence.Engine``)."""
    settings = {"max_catch_up_steps": 64, **(config or {})}

    async def engine_context(app: web.Application) -> AsyncIterator[None]:
        with presence.Engine(**settings, tick_interval_ms=tick_interval_ms) as engine:
            app[ENGINE] = engine
            yield

    async def end_streams(app: web.Application) -> None:
        # Closing the engine ends every SSE stream (their iterators stop), so
        # shutdown does not wait for clients that never hang up. The context
        # above closes it again, which is a no-op.
        app[ENGINE].close()

    app = web.Application(middlewares=[json_errors])
    app.cleanup_ctx.append(engine_context)
    app.on_shutdown.append(end_streams)
    app.add_routes(
        [
            web.post("/sessions", open_session),
            web.post("/sessions/{id}/heartbeat", heartbeat),
            web.post("/sessions/{id}/activity", activity),
            web.post("/sessions/{id}/visibility", visibility),
            web.post("/sessions/{id}/identify", identify),
            web.post("/sessions/{id}/disconnect", disconnect),
            web.delete("/sessions/{id}", leave),
            web.get("/api/whos-online", whos_online),
            web.get("/api/users/{id}", get_user),
            web.get("/api/events", events),
            web.get("/api/stream", stream),
            web.get("/metrics", metrics),
            web.get("/healthz", healthz),
        ]
    )
    return app
