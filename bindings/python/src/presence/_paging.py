"""Walking every page of a paged read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Callable, Optional, TypeVar

_C = TypeVar("_C", str, int)
_T = TypeVar("_T")
_P = TypeVar("_P")


def walk(
    read: Callable[[Optional[_C]], _P],
    items: Callable[[_P], Iterable[_T]],
    next_cursor: Callable[[_P], Optional[_C]],
) -> Iterator[_T]:
    """Yield the items of every page: ``read(None)`` first, then ``read(next_cursor(page))``.

    Each page is one read, so a walk is consistent within a page and stable
    across pages while items come and go.
    """
    cursor: Optional[_C] = None
    while True:
        page = read(cursor)
        yield from items(page)
        cursor = next_cursor(page)
        if cursor is None:
            return
