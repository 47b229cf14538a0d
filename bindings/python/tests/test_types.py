"""Enums, records and the package's surface."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from conftest import t

import presence
from presence import ConfidenceBucket, EventKind, Evidence, State, Status, _presence


def test_states_are_ordered_by_precedence() -> None:
    assert State.ACTIVE > State.IDLE > State.AWAY > State.STALE > State.OFFLINE
    assert max([State.AWAY, State.ACTIVE, State.STALE]) is State.ACTIVE
    assert State.IDLE >= State.IDLE
    assert ConfidenceBucket.HIGH > ConfidenceBucket.MEDIUM > ConfidenceBucket.LOW


def test_enum_names_match_the_engine() -> None:
    for state in State:
        assert str(state) == _presence.state_name(state)
    for status in Status:
        assert status.name == _presence.status_name(status)
    assert str(EventKind.USER) == "user"
    assert [int(k) for k in EventKind] == list(range(1, 8))
    assert [int(e) for e in Evidence] == list(range(6))


def test_engine_name_lookups_reject_bad_values() -> None:
    with pytest.raises(presence.InvalidArgumentError):
        _presence.state_name(9)
    with pytest.raises(TypeError):
        _presence.status_name("OK")


def test_records_are_frozen_hashable_dataclasses(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", meta="m", now_ms=t(0))
    detail = engine.get_user("ann")
    session = detail.sessions[0]
    assert dataclasses.is_dataclass(session)
    with pytest.raises(dataclasses.FrozenInstanceError):
        session.state = State.IDLE  # type: ignore[misc]
    assert hash(detail) == hash(engine.get_user("ann"))
    assert dataclasses.replace(session, state=State.IDLE).state is State.IDLE
    assert dataclasses.asdict(session)["meta"] == "m"
    assert pickle.loads(pickle.dumps(detail)) == detail


@pytest.mark.parametrize(
    "cls",
    [
        presence.OpenResult,
        presence.Session,
        presence.User,
        presence.UserDetail,
        presence.UserPage,
        presence.Counts,
        presence.Event,
        presence.EventBatch,
        presence.Snapshot,
        presence.Stats,
        presence.HeartbeatBatch,
    ],
)
def test_every_record_is_documented(cls: type) -> None:
    assert cls.__doc__
    assert dataclasses.fields(cls)


def test_every_public_name_is_exported_and_documented() -> None:
    for name in presence.__all__:
        value = getattr(presence, name)
        if callable(value):
            assert value.__doc__, name
    for name in dir(presence.Engine):
        if not name.startswith("_"):
            assert getattr(presence.Engine, name).__doc__, name


def test_versions() -> None:
    assert presence.__version__ == presence.ENGINE_VERSION == "0.1.0"
    assert presence.ABI_VERSION == _presence.ABI_VERSION == 1
    assert _presence.version_number() == 100


def test_default_config_is_a_copy() -> None:
    presence.DEFAULT_CONFIG["idle_after_ms"] = 1
    try:
        assert _presence.default_config()["idle_after_ms"] == 60_000
    finally:
        presence.DEFAULT_CONFIG["idle_after_ms"] = 60_000


def test_repr_shows_concurrency(engine: presence.Engine) -> None:
    engine.open("tab-1", user_id="ann", now_ms=t(0))
    engine.open("tab-2", now_ms=t(0))
    assert repr(engine) == "<presence.Engine sessions_alive=2 users_alive=1 rooms=0>"
