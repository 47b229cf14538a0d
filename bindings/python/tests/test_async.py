"""The asyncio stream: woken by the engine's event fd, no busy polling."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Callable

import pytest
from conftest import NO_DEBOUNCE, t

import presence
from presence import State


def run(coroutine: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coroutine, timeout=10))


def test_stream_delivers_events_published_from_another_thread(engine: presence.Engine) -> None:
    async def main() -> list[tuple[str, State]]:
        received: list[tuple[str, State]] = []
        async with engine.stream() as stream:
            threading.Timer(0.05, lambda: engine.open("tab-1", user_id="ann", now_ms=t(0))).start()
            async for event in stream:
                received.append((event.id, event.new_state))
                if len(received) == 2:
                    break
            assert stream.seq == 2
        return received

    assert run(main()) == [("tab-1", State.ACTIVE), ("ann", State.ACTIVE)]


def test_stream_delivers_time_driven_events_from_the_ticker(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(debounce_active_ms=30, tick_interval_ms=5)

    async def main() -> presence.Event:
        stream = engine.stream()
        engine.open("tab-1", user_id="ann")
        return await stream.__anext__()

    event = run(main())
    assert (event.id, event.new_state) == ("tab-1", State.ACTIVE)
    assert event.published_at_ms >= event.at_ms + 30


def test_stream_waits_without_busy_polling(engine: presence.Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reads = 0
    events_since = presence.Engine.events_since

    def counting(self: presence.Engine, *args: Any, **kwargs: Any) -> presence.EventBatch:
        nonlocal reads
        reads += 1
        return events_since(self, *args, **kwargs)

    monkeypatch.setattr(presence.Engine, "events_since", counting)

    async def main() -> presence.Event:
        stream = engine.stream()
        waiter = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.3)
        assert not waiter.done()
        idle_reads = reads
        engine.open("tab-1", now_ms=t(0))
        event = await waiter
        # The construction check, one empty read, the read after opening its
        # descriptor (events published meanwhile), then it sleeps.
        assert idle_reads <= 3
        return event

    assert run(main()).id == "tab-1"


def test_stream_starts_after_a_snapshot_seq(engine: presence.Engine) -> None:
    engine.open("a", user_id="ann", now_ms=t(0))
    snapshot = engine.snapshot()
    engine.open("b", user_id="bob", now_ms=t(1))

    async def main() -> list[str]:
        ids = []
        async for event in engine.stream(snapshot.seq):
            ids.append(event.id)
            if event.id == "bob":
                return ids
        return ids

    assert run(main()) == ["b", "bob"]


def test_stream_ends_when_the_engine_closes(engine: presence.Engine) -> None:
    async def main() -> list[str]:
        ids = []
        loop = asyncio.get_running_loop()
        loop.call_later(0.05, engine.open, "tab-1")
        loop.call_later(0.1, engine.close)
        async for event in engine.stream():
            ids.append(event.id)
        return ids

    assert run(main()) == ["tab-1"]


def test_stream_ends_when_the_engine_closes_from_another_thread(engine: presence.Engine) -> None:
    async def main() -> None:
        threading.Timer(0.05, engine.close).start()
        async for _ in engine.stream():
            pytest.fail("no event was published")

    run(main())
    assert engine.closed


def test_stream_raises_when_it_fell_too_far_behind(make_engine) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(event_buffer_capacity=4, **NO_DEBOUNCE)

    async def main() -> None:
        stream = engine.stream()
        for i in range(5):
            engine.open(f"s{i}", user_id=f"u{i}", now_ms=t(0))
        with pytest.raises(presence.TooFarBehindError):
            await stream.__anext__()

    run(main())


def test_two_streams_on_one_loop_both_see_every_event(engine: presence.Engine) -> None:
    async def take(stream: presence.EventStream, count: int) -> list[str]:
        return [(await stream.__anext__()).id for _ in range(count)]

    async def main() -> list[list[str]]:
        first, second = engine.stream(), engine.stream()
        tasks = asyncio.gather(take(first, 2), take(second, 2))
        await asyncio.sleep(0.05)
        engine.open("tab-1", user_id="ann", now_ms=t(0))
        return list(await tasks)

    assert run(main()) == [["tab-1", "ann"], ["tab-1", "ann"]]


def test_streams_of_one_engine_on_two_loops_both_see_every_event(
    engine: presence.Engine,
) -> None:
    started = threading.Event()
    received: list[str] = []

    async def wait_in_other_loop() -> None:
        stream = engine.stream()
        waiter = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.05)
        started.set()
        received.append((await asyncio.wait_for(waiter, timeout=10)).id)

    other = threading.Thread(target=asyncio.run, args=(wait_in_other_loop(),))
    other.start()

    async def main() -> str:
        stream = engine.stream()
        waiter = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.05)
        assert started.wait(5)
        engine.open("tab-1", now_ms=t(0))
        return (await waiter).id

    try:
        assert run(main()) == "tab-1"
    finally:
        other.join()
    assert received == ["tab-1"]


def test_aclose_ends_the_stream(engine: presence.Engine) -> None:
    async def main() -> None:
        stream = engine.stream()
        engine.open("tab-1", now_ms=t(0))
        await stream.aclose()
        with pytest.raises(StopAsyncIteration):
            await stream.__anext__()

    run(main())


@pytest.mark.parametrize(
    "make",
    [
        lambda e: e.stream(-1),
        lambda e: e.stream(10),
        lambda e: e.stream(batch_size=0),
    ],
)
def test_stream_arguments_are_checked_at_once(
    engine: presence.Engine, make: Callable[[presence.Engine], object]
) -> None:
    with pytest.raises(presence.InvalidArgumentError):
        make(engine)


def test_stream_batch_size_must_be_an_int(engine: presence.Engine) -> None:
    with pytest.raises(TypeError):
        engine.stream(batch_size="10")  # type: ignore[arg-type]


def test_a_loop_closed_while_a_stream_waited_does_not_block_the_next(
    engine: presence.Engine,
) -> None:
    abandoned = asyncio.new_event_loop()
    waiter = abandoned.create_task(engine.stream().__anext__())
    abandoned.run_until_complete(asyncio.sleep(0.01))
    assert not waiter.done()
    abandoned.close()  # closed without cancelling the waiting stream

    async def main() -> str:
        stream = engine.stream()
        engine.open("tab-1", now_ms=t(0))
        return (await stream.__anext__()).id

    assert run(main()) == "tab-1"
