"""Cluster mode records: one session as its owner node sees it.

Each node runs its own engine (with ``node_id`` set) for the sessions it
hosts. :meth:`Engine.take_replicas` hands out a :class:`Replica` for every
change of those sessions (never for heartbeats); a transport carries them to
the other nodes, which give them to :meth:`Engine.apply_replicas`. Replicas
are plain frozen dataclasses: build them from what the transport carried.
"""

from __future__ import annotations

from typing import Optional

from ._enums import State
from ._records import _record

__all__ = ["Replica", "ReplicaPage"]


@_record
class Replica:
    """A replication record: one session, as the node that owns it sees it."""

    session_id: str
    """The session's id."""
    user_id: Optional[str]
    """Its user, or None for a guest."""
    node_id: str
    """The owner node."""
    version: int
    """Decides between records of one session: an older one is ignored (at most 2**32 - 1)."""
    state: State
    """Its state on the owner."""
    reconnecting: bool
    """Inside the reconnect grace window on the owner."""
    visible: bool
    """Whether the client is in the foreground."""
    connected: bool
    """Whether its transport is up."""
    ended: bool
    """The session ended on its owner and is gone everywhere."""
    since_ms: int
    """When it entered ``state``."""
    last_signal_at_ms: int
    """Its latest signal."""
    last_activity_at_ms: int
    """Its latest interaction."""
    heartbeat_interval_ms: int
    """The heartbeat interval it was last told."""
    meta: Optional[str]
    """Its application metadata, or None."""
    room_ids: tuple[str, ...]
    """The rooms it is in."""


@_record
class ReplicaPage:
    """A page of :meth:`Engine.export_replicas`: records of live sessions this node owns."""

    replicas: tuple[Replica, ...]
    """The records."""
    next_cursor: Optional[int]
    """Pass as ``cursor`` for the next page; None after the last page."""
