"""Snapshots across restarts: Engine.save() and Engine.restore()."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest
from conftest import NO_DEBOUNCE, t

import presence
from presence import Availability, State, Status
from presence._engine import _open_engines
from presence._errors import _CLASS_BY_STATUS

HOUR_S = 3600


@pytest.fixture
def restored() -> Iterator[Callable[..., presence.Engine]]:
    """Engine.restore(), closing every engine it made after the test."""
    with contextlib.ExitStack() as engines:
        yield lambda *args, **kwargs: engines.enter_context(
            presence.Engine.restore(*args, **kwargs)
        )


@pytest.fixture
def saved(engine: presence.Engine, tmp_path: Path) -> Path:
    """A snapshot of an engine with two users, three sessions and a room, saved at t(1)."""
    engine.open("s1", user_id="alice", meta='{"device":"web"}', now_ms=t(0))
    engine.open("s2", user_id="alice", now_ms=t(0))
    engine.open("s3", user_id="bob", now_ms=t(0))
    engine.set_availability("alice", Availability.BUSY, now_ms=t(0))
    engine.join_room("s3", "lobby", now_ms=t(0))
    path = tmp_path / "presence.snapshot"
    engine.save(path, now_ms=t(1))
    return path


def test_every_status_has_its_exception_class() -> None:
    for status in Status:
        if status is Status.OK:
            continue
        assert _CLASS_BY_STATUS[status].default_status is status
    assert _CLASS_BY_STATUS[Status.IO_ERROR] is presence.PresenceIOError
    assert _CLASS_BY_STATUS[Status.CORRUPT] is presence.CorruptSnapshotError
    assert issubclass(presence.PresenceIOError, presence.PresenceError)
    assert issubclass(presence.PresenceIOError, OSError)
    assert issubclass(presence.CorruptSnapshotError, presence.PresenceError)
    assert {"PresenceIOError", "CorruptSnapshotError"} <= set(presence.__all__)


def test_the_io_error_reads_as_its_message() -> None:
    error = presence.PresenceIOError("cannot open x", int(Status.IO_ERROR))
    assert str(error) == "cannot open x"
    assert error.status is Status.IO_ERROR
    assert error.errno is None


def test_save_then_restore_keeps_users_sessions_and_rooms(
    engine: presence.Engine, saved: Path, restored: Callable[..., presence.Engine]
) -> None:
    before_alice = engine.get_user("alice", now_ms=t(1))
    before_s1 = engine.get_session("s1", now_ms=t(1))
    again = restored(saved, now_ms=t(1), **NO_DEBOUNCE)
    assert isinstance(again, presence.Engine)
    assert again.config().session_ttl_ms == engine.config().session_ttl_ms

    alice = again.get_user("alice", now_ms=t(1))
    assert alice.user.user_id == "alice"
    assert alice.user.availability is Availability.BUSY
    assert alice.user.session_count == 2
    assert alice.user.state == before_alice.user.state
    assert sorted(s.session_id for s in alice.sessions) == ["s1", "s2"]

    s1 = again.get_session("s1", now_ms=t(1))
    assert s1.user_id == "alice"
    assert s1.meta == '{"device":"web"}'
    assert s1.last_signal_at_ms == before_s1.last_signal_at_ms == t(0)
    assert s1.state == before_s1.state
    assert not s1.connected  # the transport did not survive the restart

    assert again.get_session("s3", now_ms=t(1)).user_id == "bob"
    assert [m.member_id for m in again.list_members("lobby", now_ms=t(1)).members] == ["bob"]
    assert again.counts(now_ms=t(1)).sessions_alive == 3
    # A reconnect inside the grace window continues the session.
    assert again.open("s1", user_id="alice", now_ms=t(2)).continued
    # Event numbering continues after the saved engine's.
    assert again.snapshot(now_ms=t(2)).seq >= engine.snapshot(now_ms=t(1)).seq


def test_restore_takes_the_configuration_of_engine(
    saved: Path, restored: Callable[..., presence.Engine]
) -> None:
    config = presence.Config(session_ttl_ms=120_000)
    again = restored(str(saved), config, now_ms=t(1), reconnect_grace_ms=5_000)
    assert again.config().session_ttl_ms == 120_000
    assert again.config().reconnect_grace_ms == 5_000
    with pytest.raises(TypeError, match="keyword"):
        presence.Engine.restore(saved, no_such_field=1)


def test_a_restore_long_after_finds_everyone_offline(
    saved: Path, restored: Callable[..., presence.Engine]
) -> None:
    again = restored(saved, now_ms=t(10 * HOUR_S))
    assert again.counts(now_ms=t(10 * HOUR_S)).sessions_alive == 0
    with pytest.raises(presence.NotFoundError):
        again.get_session("s1", now_ms=t(10 * HOUR_S))
    alice = again.get_user("alice", now_ms=t(10 * HOUR_S))  # remembered while offline
    assert alice.user.state is State.OFFLINE
    assert alice.user.last_seen_at_ms == t(0)
    assert alice.user.session_count == 0
    assert alice.sessions == ()


def test_save_replaces_the_file_which_only_its_owner_can_read(
    engine: presence.Engine, saved: Path, restored: Callable[..., presence.Engine]
) -> None:
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    engine.leave("s3", now_ms=t(2))
    engine.save(str(saved), now_ms=t(2))
    assert [p.name for p in saved.parent.iterdir()] == [saved.name]  # no temporary file
    again = restored(saved, now_ms=t(2))
    with pytest.raises(presence.NotFoundError):
        again.get_session("s3", now_ms=t(2))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1], id="last-byte-missing"),
        pytest.param(lambda data: b"garbage, not a snapshot\n" * 40, id="garbage"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(
            lambda data: data[:40] + bytes(b ^ 0xFF for b in data[40:48]) + data[48:],
            id="flipped-bytes",
        ),
    ],
)
def test_a_damaged_file_raises_corrupt_and_loads_nothing(
    saved: Path, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    bad = tmp_path / "bad.snapshot"
    bad.write_bytes(damage(saved.read_bytes()))
    open_before = len(_open_engines)
    with pytest.raises(presence.CorruptSnapshotError) as caught:
        presence.Engine.restore(bad, now_ms=t(1))
    assert caught.value.status is Status.CORRUPT
    assert caught.value.message
    assert len(_open_engines) == open_before  # no engine was created
    # The good file still restores whole.
    with presence.Engine.restore(saved, now_ms=t(1)) as again:
        assert again.counts(now_ms=t(1)).sessions_alive == 3


def test_a_first_start_without_a_snapshot_raises_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "none-yet.snapshot"
    with pytest.raises(presence.NotFoundError, match="no file") as caught:
        presence.Engine.restore(missing)
    assert caught.value.status is Status.NOT_FOUND
    assert isinstance(caught.value, LookupError)
    assert not missing.exists()


def test_saving_into_a_missing_directory_is_an_io_error(
    engine: presence.Engine, tmp_path: Path
) -> None:
    engine.open("s", now_ms=t(0))
    target = tmp_path / "no-such-dir" / "presence.snapshot"
    with pytest.raises(presence.PresenceIOError) as caught:
        engine.save(target)
    assert isinstance(caught.value, OSError)
    assert caught.value.status is Status.IO_ERROR
    assert "no-such-dir" in caught.value.message
    assert list(tmp_path.iterdir()) == []
    assert engine.counts().sessions_alive == 1  # the engine is unchanged and usable


def test_restoring_a_directory_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(presence.PresenceIOError, match="not a regular file") as caught:
        presence.Engine.restore(tmp_path)
    assert caught.value.status is Status.IO_ERROR


BAD_PATHS: list[tuple[Any, type[BaseException]]] = [
    (None, TypeError),
    (b"/tmp/x.snapshot", TypeError),
    (42, TypeError),
    ("", presence.InvalidArgumentError),
    ("/tmp/a\0b.snapshot", presence.InvalidArgumentError),
    ("/tmp/bad\ud800.snapshot", presence.InvalidArgumentError),
    ("/tmp/\udcff", presence.InvalidArgumentError),
]


@pytest.mark.parametrize(("path", "error"), BAD_PATHS)
def test_bad_paths_on_save(engine: presence.Engine, path: Any, error: type[BaseException]) -> None:
    engine.open("s", now_ms=t(0))
    with pytest.raises(error):
        engine.save(path)
    assert engine.counts().sessions_alive == 1


@pytest.mark.parametrize(("path", "error"), BAD_PATHS)
def test_bad_paths_on_restore(path: Any, error: type[BaseException]) -> None:
    open_before = len(_open_engines)
    with pytest.raises(error):
        presence.Engine.restore(path)
    assert len(_open_engines) == open_before


def test_bad_times_and_configuration_on_restore(saved: Path) -> None:
    with pytest.raises(presence.InvalidArgumentError):
        presence.Engine.restore(saved, now_ms=-1)
    with pytest.raises(TypeError):
        presence.Engine.restore(saved, now_ms=1.5)
    with pytest.raises(presence.InvalidArgumentError):
        presence.Engine.restore(saved, session_ttl_ms=-5)
    with pytest.raises(TypeError, match=r"must be a presence\.Config"):
        presence.Engine.restore(saved, {"session_ttl_ms": 1})  # type: ignore[arg-type]


def test_a_cluster_node_cannot_save_or_restore(
    saved: Path, make_engine: Callable[..., presence.Engine], tmp_path: Path
) -> None:
    node = make_engine(node_id="n1")
    with pytest.raises(presence.UnsupportedError):
        node.save(tmp_path / "node.snapshot")
    with pytest.raises(presence.UnsupportedError):
        presence.Engine.restore(saved, node_id="n1")


def test_use_after_close(engine: presence.Engine, tmp_path: Path) -> None:
    engine.close()
    target = tmp_path / "closed.snapshot"
    with pytest.raises(presence.ClosedError):
        engine.save(target)
    assert not target.exists()


def test_a_restored_engine_closes_and_takes_a_ticker(saved: Path) -> None:
    with presence.Engine.restore(saved, tick_interval_ms=50) as again:
        assert repr(again).startswith("<presence.Engine sessions_alive=")
    assert again.closed
    assert os.path.exists(saved)
