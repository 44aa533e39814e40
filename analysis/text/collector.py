"""Python's cyclic garbage collector, paused for one call to a text function.

The collector rescans every live object each time enough new ones pile up, so a function that
makes millions of small objects on a long text (match objects, tuples, lists; none of them in
a reference cycle) spends time that grows faster than the text: on 1 MB, cleaning grew as
n^1.2 with the collector on and as n^1.0 with it paused (`make.py bench --adversarial`). The
text functions below pause it for their own call and restore it after; reference counting
still frees everything at once, and any cycle made meanwhile is collected at the next run.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import wraps


@contextmanager
def paused_collection():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_cycle_collection(func):
    """`func` run with the cyclic collector paused (a decorator)."""
    @wraps(func)
    def paused(*args, **kwargs):
        with paused_collection():
            return func(*args, **kwargs)
    return paused
