"""Pagination that slices in the database and shapes only the page."""

from collections.abc import Callable
from typing import Any

from ninja.pagination import LimitOffsetPagination


def shaped(to_dict: Callable[[Any], dict[str, Any]]) -> type[LimitOffsetPagination]:
    """`@paginate(shaped(node_dict))`: the view returns a queryset; only the
    requested page is turned into dicts, not every row the user has."""

    class Shaped(LimitOffsetPagination):
        def paginate_queryset(
            self, queryset: Any, pagination: Any, request: Any, **params: Any
        ) -> Any:
            page = super().paginate_queryset(queryset, pagination, request, **params)
            page[self.items_attribute] = [to_dict(item) for item in page[self.items_attribute]]
            return page

    return Shaped
