"""Heartbeat throughput through the Python binding, with many live sessions.

Opens --sessions sessions (24-byte ids) of --users users, then measures
heartbeats applied per second through single ``Engine.heartbeat`` calls (with
and without an explicit time), through ``Engine.heartbeat_many`` batches, and
through single calls from several threads. Every pass heartbeats every session
once, so all sessions stay alive and every lookup misses the CPU caches as it
would in a server. Prints one line per measurement: the best of --repeat runs.

Run: python bench/python/bench_heartbeats.py  (or bench/python/run.sh, which
adds the native engine's own cost for comparison).
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from typing import Callable

import presence
from presence import Activity


def session_ids(count: int) -> list[str]:
    """Ids like the ones applications keep per tab: 24 bytes each."""
    return [f"session-{i:016d}" for i in range(count)]


def measure(label: str, run: Callable[[], int], repeat: int) -> float:
    """Run `run` (which returns how many heartbeats it applied) and report the best rate."""
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        applied = run()
        rates.append(applied / (time.perf_counter() - start))
    best = max(rates)
    print(
        f"{label:<44} {best / 1e6:6.2f} M/s  {1e9 / best:7.0f} ns/heartbeat"
        f"  (median {statistics.median(rates) / 1e6:.2f} M/s of {repeat})",
        flush=True,
    )
    return best


def main() -> None:
    """Open the sessions, then measure every way of sending heartbeats."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=250_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--mode",
        choices=["all", "single", "clock", "batch", "whole", "threads", "none"],
        default="all",
        help="run one measurement only ('none': just open the sessions); see instructions.sh",
    )
    args = parser.parse_args()

    ids = session_ids(args.sessions)
    clock = [int(time.time() * 1000)]

    def tick() -> int:
        # Each pass one millisecond later: far inside every threshold.
        clock[0] += 1
        return clock[0]

    with presence.Engine() as engine:
        start = time.perf_counter()
        per_user = -(-args.sessions // args.users)
        for i, session_id in enumerate(ids):
            engine.open(session_id, user_id=f"user-{i // per_user:011d}", now_ms=clock[0])
        opened = time.perf_counter() - start
        # Publish the opens (debounced) now, so no pass below pays for them.
        clock[0] += 1_000
        engine.advance(clock[0])
        counts = engine.counts(now_ms=clock[0])
        print(
            f"{counts.sessions_alive} live sessions of {counts.users_alive} users "
            f"(opened at {args.sessions / opened / 1e6:.2f} M/s); presence {presence.__version__}",
            flush=True,
        )
        heartbeat = engine.heartbeat

        def single_clock() -> int:
            for session_id in ids:
                heartbeat(session_id)
            return len(ids)

        def single_explicit() -> int:
            now = tick()
            active = Activity.ACTIVE
            for session_id in ids:
                heartbeat(session_id, active, now_ms=now)
            return len(ids)

        def batches() -> int:
            now = tick()
            size = args.batch_size
            for first in range(0, len(ids), size):
                result = engine.heartbeat_many(ids[first : first + size], now_ms=now)
                assert result.ok
            return len(ids)

        def whole_batch() -> int:
            assert engine.heartbeat_many(ids, now_ms=tick()).ok
            return len(ids)

        def threaded() -> int:
            now = tick()
            chunks = [ids[k :: args.threads] for k in range(args.threads)]

            def work(chunk: list[str]) -> None:
                for session_id in chunk:
                    heartbeat(session_id, now_ms=now)

            workers = [threading.Thread(target=work, args=(c,)) for c in chunks]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            return len(ids)

        modes = {
            "single": ("heartbeat(id, ACTIVE, now_ms=t)", single_explicit),
            "clock": ("heartbeat(id)  [engine clock]", single_clock),
            "batch": (f"heartbeat_many, batches of {args.batch_size}", batches),
            "whole": (f"heartbeat_many, one batch of {len(ids)}", whole_batch),
            "threads": (f"heartbeat(id, now_ms=t) on {args.threads} threads", threaded),
        }
        for mode, (label, run) in modes.items():
            if args.mode in ("all", mode):
                measure(label, run, args.repeat)
        assert engine.counts().sessions_alive == args.sessions


if __name__ == "__main__":
    main()
