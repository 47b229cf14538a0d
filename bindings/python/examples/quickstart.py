import presence
from presence import Availability, TargetKind

t0 = 1_800_000_000_000  # times are int ms since the epoch; omit now_ms to use the clock
with presence.Engine(debounce_active_ms=0) as engine:
    for session, user in (("tab-1", "ann"), ("phone-1", "bob")):
        engine.open(session, user_id=user, now_ms=t0)
        engine.join_room(session, "standup", now_ms=t0)
    room = engine.get_room("standup", now_ms=t0 + 10_000)
    print(room.room_id, room.members.active, "active members, ready:", room.ready)
    engine.set_availability("ann", Availability.DO_NOT_DISTURB, now_ms=t0 + 15_000)
    gate = engine.readiness(TargetKind.USER, "ann", now_ms=t0 + 15_000)
    print("call ann?", gate.can_call, gate.reason)
    engine.disconnect("phone-1", now_ms=t0 + 20_000)  # a dropped socket is not an exit
    print(engine.get_user("bob", now_ms=t0 + 30_000).user.state)  # held: reconnect grace
    print(engine.get_user("bob", now_ms=t0 + 200_000).user.state)  # silence: offline
