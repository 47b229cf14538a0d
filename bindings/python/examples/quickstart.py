import presence

t0 = 1_800_000_000_000  # times are int ms since the epoch; omit now_ms to use the clock
with presence.Engine(debounce_active_ms=0) as engine:
    engine.open("tab-1", user_id="ann", now_ms=t0)
    engine.open("phone-1", user_id="ann", now_ms=t0)
    next_ms = engine.heartbeat("tab-1", presence.Activity.ACTIVE, now_ms=t0 + 15_000)
    print("heartbeat again in", next_ms, "ms")
    engine.disconnect("phone-1", now_ms=t0 + 20_000)  # a dropped socket is not an exit
    ann = engine.get_user("ann", now_ms=t0 + 25_000).user
    print(ann.user_id, ann.state, ann.session_count, ann.confidence_bucket)
    for event in engine.events_since(0).events:
        if event.kind in (presence.EventKind.SESSION, presence.EventKind.USER):
            print(event.kind, event.id, event.old_state, "->", event.new_state)
    engine.advance(t0 + 200_000)  # silence: stale, then offline
    print(engine.get_user("ann", now_ms=t0 + 200_000).user.state)
