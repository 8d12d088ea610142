"""The one kind of edit: a change to loaded front matter at a data path, and how to apply it.

Everything that describes a change (quick fixes, transcript timing, clip sync, imports, the
GUI's undo commands) builds these edits; ``apply_edits`` is the one place that performs them
and returns the edits that undo them. The engine knows data paths, not episodes: where a
new top-level key goes is decided by a ``place_key`` function the caller passes in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

# Keys and list indexes from the root of the data, e.g. ``("transcript", 12, "who")``.
DataPath = tuple[Any, ...]

# Where a new key goes in the top-level mapping (an index into its keys).
KeyPlacement = Callable[[CommentedMap, Any], int]


class _Missing:
    """Marks a mapping key that is absent (as opposed to present with a null value)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __copy__(self) -> _Missing:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self


MISSING: Any = _Missing()


@dataclass(frozen=True)
class SetValue:
    """Set the value at ``path``, creating absent mappings on the way; ``MISSING`` removes
    a mapping key. A key that is absent goes at ``key_index`` in its mapping when given
    (undo puts a deleted key back where it was), else where the placement rule says."""

    path: DataPath
    value: Any
    key_index: int | None = None


@dataclass(frozen=True)
class InsertItems:
    """Insert ``values`` into the list at ``path`` before ``index``, creating the list (and
    absent mappings on the way) if needed."""

    path: DataPath
    index: int
    values: tuple[Any, ...]


@dataclass(frozen=True)
class RemoveItems:
    """Remove ``count`` items from the list at ``path``, starting at ``first``."""

    path: DataPath
    first: int
    count: int = 1


@dataclass(frozen=True)
class MoveItems:
    """Move ``count`` items starting at ``first`` so they land before ``destination``, an
    index in the list as it was before the move (``QAbstractItemModel.moveRows`` semantics)."""

    path: DataPath
    first: int
    count: int
    destination: int


Edit = SetValue | InsertItems | RemoveItems | MoveItems


def append_key(mapping: CommentedMap, key: Any) -> int:
    """The default placement: a new key goes after the existing ones."""
    return len(mapping)


def get_value(data: Any, path: DataPath, default: Any = MISSING) -> Any:
    """The value at ``path``, or ``default`` when any step of it is absent."""
    node: Any = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return default
    return node


def first_missing(data: Any, path: DataPath) -> DataPath | None:
    """The shortest prefix of ``path`` that is absent (an edit there would create it)."""
    for depth in range(1, len(path) + 1):
        if get_value(data, path[:depth]) is MISSING:
            return tuple(path[:depth])
    return None


def same_value(a: Any, b: Any) -> bool:
    """The same object, or equal values of the same type (``1`` is not ``True``)."""
    if a is b:
        return True
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False


def is_no_op(data: Any, edit: Edit) -> bool:
    """Whether applying ``edit`` to ``data`` would change nothing."""
    if isinstance(edit, SetValue):
        return same_value(get_value(data, edit.path), edit.value)
    if isinstance(edit, MoveItems):
        return is_no_op_move(edit.first, edit.count, edit.destination)
    return False


def is_no_op_move(first: int, count: int, destination: int) -> bool:
    return count <= 0 or first <= destination <= first + count


def undo_position_after_move(first: int, count: int, destination: int) -> tuple[int, int]:
    """The (first, destination) that undoes a move of ``count`` items ``first → destination``."""
    if destination < first:
        return destination, first + count
    return destination - count, first


def inverse_of(data: Any, edit: Edit) -> list[Edit]:
    """The edits that will undo ``edit`` once it is applied to ``data`` as it is now.

    For a removal the inverse re-inserts the very objects that are removed, so the writer
    recognises them and keeps their original text.
    """
    if isinstance(edit, SetValue):
        if edit.value is not MISSING:
            created = first_missing(data, edit.path[:-1])
            if created is not None:
                return [SetValue(created, MISSING)]
        parent = get_value(data, edit.path[:-1])
        old = get_value(data, edit.path)
        if edit.value is MISSING and isinstance(parent, dict) and edit.path[-1] in parent:
            return [SetValue(tuple(edit.path), old, list(parent).index(edit.path[-1]))]
        return [SetValue(tuple(edit.path), old)]
    if isinstance(edit, InsertItems):
        created = first_missing(data, edit.path)
        inverse: list[Edit] = [RemoveItems(tuple(edit.path), edit.index, len(edit.values))]
        if created is not None:
            # Undo removes the list it created: no ``key: []`` is left behind.
            inverse.append(SetValue(created, MISSING))
        return inverse
    if isinstance(edit, RemoveItems):
        seq = get_value(data, edit.path)
        removed = tuple(seq[edit.first : edit.first + edit.count])
        return [InsertItems(tuple(edit.path), edit.first, removed)]
    if is_no_op_move(edit.first, edit.count, edit.destination):
        return []
    first, destination = undo_position_after_move(edit.first, edit.count, edit.destination)
    return [MoveItems(tuple(edit.path), first, edit.count, destination)]


def apply_edit(data: Any, edit: Edit, place_key: KeyPlacement = append_key) -> list[Edit]:
    """Apply one edit to ``data`` in place; returns the edits that undo it, in order (none
    for an edit that changes nothing)."""
    if is_no_op(data, edit):
        return []
    inverse = inverse_of(data, edit)
    if isinstance(edit, SetValue):
        _set(data, edit, place_key)
    elif isinstance(edit, InsertItems):
        seq = _container(data, edit.path, place_key, create=True, leaf_type=CommentedSeq)
        seq[edit.index : edit.index] = list(edit.values)
    elif isinstance(edit, RemoveItems):
        seq = _container(data, edit.path, place_key)
        del seq[edit.first : edit.first + edit.count]
    else:
        seq = _container(data, edit.path, place_key)
        block = list(seq[edit.first : edit.first + edit.count])
        del seq[edit.first : edit.first + edit.count]
        target = (
            edit.destination if edit.destination < edit.first else edit.destination - edit.count
        )
        seq[target:target] = block
    return inverse


def apply_edits(
    data: Any, edits: Iterable[Edit], place_key: KeyPlacement = append_key
) -> list[Edit]:
    """Apply ``edits`` in order; returns the edits that undo all of them, in order."""
    inverse: list[Edit] = []
    for edit in edits:
        inverse[:0] = apply_edit(data, edit, place_key)
    return inverse


def _set(data: Any, edit: SetValue, place_key: KeyPlacement) -> None:
    path, value = edit.path, edit.value
    if value is MISSING:
        parent = get_value(data, path[:-1])
        key = path[-1]
        if isinstance(parent, dict) and key in parent:
            del parent[key]
        return
    parent = _container(data, path[:-1], place_key, create=True)
    key = path[-1]
    if isinstance(parent, CommentedMap) and key not in parent:
        if edit.key_index is not None:
            index = edit.key_index
        else:
            index = place_key(parent, key) if len(path) == 1 else len(parent)
        parent.insert(index, key, value)
    else:
        parent[key] = value


def _container(
    data: Any,
    path: Sequence[Any],
    place_key: KeyPlacement,
    create: bool = False,
    leaf_type: type = CommentedMap,
) -> Any:
    node: Any = data
    for depth, key in enumerate(path):
        if isinstance(node, dict) and key not in node:
            if not create:
                raise KeyError(tuple(path[: depth + 1]))
            new: Any = leaf_type() if depth == len(path) - 1 else CommentedMap()
            if isinstance(node, CommentedMap):
                node.insert(place_key(node, key) if depth == 0 else len(node), key, new)
            else:
                node[key] = new
        node = node[key]
    return node
