"""A small bounded mapping for per-process memoisation on the request path."""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """A dict that forgets its oldest quarter when full (insertion order), never growing past
    `size` entries however many distinct keys arrive."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def put(self, key: K, value: V) -> V:
        if len(self._items) >= self._size:
            for stale in list(self._items)[: self._size // 4]:
                del self._items[stale]
        self._items[key] = value
        return value

    def clear(self) -> None:
        self._items.clear()
