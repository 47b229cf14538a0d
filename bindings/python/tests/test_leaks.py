"""Error paths and engine lifetimes must not leak: resident memory stays flat."""

from __future__ import annotations

import contextlib
import gc
import os

import presence


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def churn() -> None:
    for _ in range(50):
        with presence.Engine(debounce_active_ms=0, tick_interval_ms=50) as engine:
            engine.set_event_callback(lambda seq: None)
            for i in range(100):
                engine.open(f"s{i}", user_id=f"u{i % 5}", meta="{}", transport_id=f"t{i}")
            engine.heartbeat_many([f"s{i}" for i in range(150)])
            engine.snapshot()
            list(engine.iter_users(page_size=2))
            for bad in ("", "x" * 500, "bad\ud800", 7, None):
                for call in (engine.heartbeat, engine.get_session, engine.leave):
                    with contextlib.suppress(presence.PresenceError, TypeError):
                        call(bad)  # type: ignore[arg-type]
            with contextlib.suppress(presence.InvalidArgumentError):
                engine.heartbeat_many(["s1", "x\ud800"])
        with contextlib.suppress(presence.ClosedError):
            engine.heartbeat("s1")
    gc.collect()


def test_engines_and_errors_do_not_leak() -> None:
    churn()  # warm up allocator pools and caches
    before = resident_bytes()
    for _ in range(3):
        churn()
    grown = resident_bytes() - before
    assert grown < 8 * 1024 * 1024, f"resident memory grew by {grown / 1e6:.1f} MB"
