"""Many threads on one engine: signals, batches, reads, the ticker and close."""

from __future__ import annotations

import threading
import time
from typing import Callable

import presence
from presence import Activity


def hammer(workers: list[Callable[[], None]], seconds: float) -> list[BaseException]:
    """Runs every worker in a loop on its own thread for `seconds`; returns their errors."""
    stop = threading.Event()
    errors: list[BaseException] = []

    def loop(work: Callable[[], None]) -> None:
        try:
            while not stop.is_set():
                work()
        except BaseException as error:  # reported to the test, not swallowed
            errors.append(error)

    threads = [threading.Thread(target=loop, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(30)
        assert not thread.is_alive()
    return errors


def test_threads_hammering_one_engine_keep_counts_consistent() -> None:
    with presence.Engine(tick_interval_ms=2, debounce_active_ms=5) as engine:
        callbacks = 0

        def on_events(seq: int) -> None:
            nonlocal callbacks
            callbacks += 1

        engine.set_event_callback(on_events)
        per_thread = 200

        def signals(prefix: str) -> Callable[[], None]:
            ids = [f"{prefix}-{i}" for i in range(per_thread)]

            def work() -> None:
                for i, session_id in enumerate(ids):
                    engine.open(session_id, user_id=f"{prefix}-user-{i % 20}")
                    engine.heartbeat(session_id, Activity.ACTIVE)
                for session_id in ids[::3]:
                    engine.leave(session_id)
                engine.heartbeat_many(ids)

            return work

        def reads() -> None:
            counts = engine.counts()
            assert counts.sessions_alive <= 3 * per_thread
            engine.snapshot()
            list(engine.iter_users(page_size=7))
            engine.events_since(max(0, engine.stats().last_seq - 100))

        errors = hammer([signals("a"), signals("b"), signals("c"), reads, reads], 1.5)
        assert errors == []
        # Counts are maintained incrementally; they must match a recount.
        snapshot_users = {u.user_id for u in engine.list_users(limit=10_000).users}
        counts = engine.counts()
        sessions = sum(engine.get_user(u).user.session_count for u in snapshot_users)
        assert counts.sessions_alive - counts.guest_sessions == sessions
        assert counts.users_alive == len(snapshot_users)
        assert callbacks > 0


def test_close_while_other_threads_use_the_engine_never_crashes() -> None:
    for _ in range(5):
        engine = presence.Engine(tick_interval_ms=1, debounce_active_ms=0)
        engine.set_event_callback(lambda seq: None)
        results: list[str] = []
        started = threading.Barrier(5)

        def user(
            index: int,
            engine: presence.Engine = engine,
            started: threading.Barrier = started,
            results: list[str] = results,
        ) -> None:
            started.wait()
            try:
                for i in range(100_000):
                    engine.open(f"{index}-{i}", user_id=str(i % 7))
                    engine.snapshot()
                    engine.heartbeat_many([f"{index}-{i}"])
            except presence.ClosedError:
                results.append("closed")

        threads = [threading.Thread(target=user, args=(k,)) for k in range(4)]
        for thread in threads:
            thread.start()
        started.wait()
        time.sleep(0.05)
        engine.close()
        for thread in threads:
            thread.join(30)
        assert results == ["closed"] * 4


def test_stream_and_cursor_consumers_on_threads_see_the_same_sequence() -> None:
    with presence.Engine(debounce_active_ms=0) as engine:
        seen: dict[int, list[int]] = {0: [], 1: []}
        produced = threading.Event()

        def consume(key: int) -> None:
            cursor = engine.cursor()
            while not produced.is_set():
                seen[key].extend(e.seq for e in cursor)
            seen[key].extend(e.seq for e in cursor)

        consumers = [threading.Thread(target=consume, args=(k,)) for k in seen]
        for thread in consumers:
            thread.start()
        for i in range(100):
            engine.open(f"s{i}", user_id=f"u{i}")
        produced.set()
        for thread in consumers:
            thread.join(30)
        last = engine.stats().last_seq
        assert last >= 200
        assert seen[0] == seen[1] == list(range(1, last + 1))
