"""Which set-sides of a plan are logged, and where to go from any point.

A *position* is (item index, set number from 1, side), side being "left",
"right" or "both" as on a logged set. The athlete may skip ahead or go back to
an exercise, so "what next" is always "the first planned set-side after this
one that is not logged yet", never simply "the next one".

Plan order is item by item, set by set, except in a superset: two
consecutive items with the same ``superset`` label are done alternately, so
their order is set 1 of the first, set 1 of the second, set 2 of the first...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from app.session.plan import PlanItem

Position = tuple[int, int, str]


class SetLedger:
    def __init__(self, items: tuple[PlanItem, ...], logged: Iterable[Position] = ()) -> None:
        self._items = items
        self._group = superset_groups(items)
        self._order = sorted((p for i in range(len(items)) for p in self._planned(i)),
                             key=self._order_key)
        self._logged: set[Position] = set()
        for position in logged:
            self.log(self.checked(position))

    def checked(self, raw: Any) -> Position:
        """``raw`` (e.g. a list read back from JSON) as a position of this plan;
        ValueError when it cannot be one."""
        try:
            item_index, set_number, side = raw
        except (TypeError, ValueError):
            raise ValueError(f"not a position: {raw!r}") from None
        if isinstance(item_index, bool) or not isinstance(item_index, int) \
                or not 0 <= item_index < len(self._items) \
                or isinstance(set_number, bool) or not isinstance(set_number, int) or set_number < 1 \
                or side not in self._items[item_index].side_order:
            raise ValueError(f"not a position of this plan: {raw!r}")
        return (item_index, set_number, side)

    def first(self) -> Position:
        return (0, 1, self._items[0].side_order[0])

    def log(self, position: Position) -> None:
        self._logged.add(position)

    def unlog(self, position: Position) -> None:
        self._logged.discard(position)

    def is_logged(self, position: Position) -> bool:
        return position in self._logged

    def logged(self) -> list[Position]:
        """Every logged position, in plan order."""
        return sorted(self._logged, key=self._order_key)

    def logged_count(self, item_index: int | None = None) -> int:
        if item_index is None:
            return len(self._logged)
        return sum(1 for position in self._logged if position[0] == item_index)

    def planned_count(self, item_index: int | None = None) -> int:
        items = self._items if item_index is None else (self._items[item_index],)
        return sum(item.sets * len(item.side_order) for item in items)

    def following(self, position: Position) -> Position | None:
        """The first planned set-side after ``position`` that is not logged yet."""
        after = self._order_key(position)
        for candidate in self._order:
            if self._order_key(candidate) > after and candidate not in self._logged:
                return candidate
        return None

    def same_round(self, position: Position, target: Position) -> bool:
        """True when ``target`` comes right after ``position`` in one round of a
        superset (the partner's set of the same number): no rest between them."""
        return (self._group[position[0]] == self._group[target[0]]
                and position[0] != target[0] and position[1] == target[1]
                and self._order_key(target) > self._order_key(position))

    def entry_point(self, item_index: int) -> Position:
        """Where a jump to an item lands: its first set-side not logged yet, or
        one set past the last when all are logged (an extra set)."""
        for candidate in self._planned(item_index):
            if candidate not in self._logged:
                return candidate
        last = max(s for i, s, _side in self._logged if i == item_index)
        return (item_index, last + 1, self._items[item_index].side_order[0])

    def _planned(self, item_index: int) -> Iterator[Position]:
        item = self._items[item_index]
        for set_number in range(1, item.sets + 1):
            for side in item.side_order:
                yield (item_index, set_number, side)

    def _order_key(self, position: Position) -> tuple[int, int, int, int]:
        item_index, set_number, side = position
        first = self._group[item_index]
        return (first, set_number, item_index - first, self._items[item_index].side_order.index(side))


def superset_groups(items: tuple[PlanItem, ...]) -> list[int]:
    """For each item, the index of the first item of its superset (itself when
    it is in none): consecutive items sharing a label form one group."""
    groups: list[int] = []
    for index, item in enumerate(items):
        previous = items[index - 1] if index else None
        same = (item.superset is not None and previous is not None
                and previous.superset == item.superset)
        groups.append(groups[-1] if same else index)
    return groups
