"""igraph's random numbers, one seeded user at a time.

igraph draws from one process-wide random generator (Python's `random`
module unless told otherwise). The force layout and the community detection
both need it seeded so that pictures and clusters repeat; under a threaded
server two requests could otherwise re-seed it under each other. Every
caller goes through :func:`seeded_igraph`, which holds the one lock for the
whole call and puts the default generator back afterwards.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph code with its generator seeded by `seed`, alone.

    >>> import igraph
    >>> g = igraph.Graph.Famous("Zachary")
    >>> with seeded_igraph(3):
    ...     a = g.community_multilevel().membership
    >>> with seeded_igraph(3):
    ...     b = g.community_multilevel().membership
    >>> a == b
    True
    """
    import igraph

    with _LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
