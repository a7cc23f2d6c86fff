"""Values kept in the saved environment as one pickled string each, unpickled on first use.

At scale the edition's records are hundreds of thousands of small objects. Saved
as they are, every build that loads the environment makes them all again, and
the garbage collector walks them again and again, even in a build that reads
nothing and never looks at them. Packed, each value is one ``bytes`` object
in the environment, made into objects only when a build asks for it.

A packed value may carry a small *head*, always unpacked: what a build needs
every time, such as a file stamp or the problems to report again, without
making the whole value. Values are treated as immutable once packed: the
pickled string made on the first save is reused by the next.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_UNSET: Any = object()


def digest(value: object) -> str:
    """A short digest of *value*'s ``repr`` (a file stamp, say): one string to keep in a head
    instead of thousands of small tuples."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


class Packed(Generic[T]):
    __slots__ = ("_blob", "_value", "head")

    def __init__(self, value: T, head: Any = None) -> None:
        self._value: T = value
        self._blob: bytes | None = None
        self.head = head

    @classmethod
    def _unpickled(cls, blob: bytes, head: Any) -> Packed[T]:
        packed: Packed[T] = cls.__new__(cls)
        packed._value = _UNSET
        packed._blob = blob
        packed.head = head
        return packed

    @property
    def value(self) -> T:
        if self._value is _UNSET:
            assert self._blob is not None
            self._value = pickle.loads(self._blob)  # our own saved environment
        return self._value

    @property
    def unpacked(self) -> bool:
        """Whether the value has been made into objects in this process."""
        return self._value is not _UNSET

    def blob(self) -> bytes:
        if self._blob is None:
            self._blob = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
        return self._blob

    def __reduce__(self) -> tuple[Any, ...]:
        return (Packed._unpickled, (self.blob(), self.head))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Packed):
            return NotImplemented
        if self is other:
            return True
        if self.head != other.head:
            return False
        if self._blob is not None and self._blob == other._blob:
            return True
        return bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        state = "unpacked" if self.unpacked else f"{len(self._blob or b'')} bytes"
        return f"Packed({state}, head={self.head!r})"
