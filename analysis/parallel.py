"""Run a per-article function over a large corpus on every core, with Dask.

Dask is the package's one engine for parallel work: here its local multiprocessing scheduler
spreads a corpus over this machine's cores; `make.py tables` runs whole partitions of a corpus
on a Dask cluster (analysis.tables). Each item is handled on its own, so the result is the
same, in the same order, whether the work runs here or in worker processes. Small inputs stay
in this process: starting workers costs more than it saves. (Per-sentence work is too small to
ship to another process: on two cores, sending sentences and their results back and forth
cost what the second core saved.) Warnings raised in a worker (an unreadable figure, say) are
raised again here, so nothing a reader should see is lost on the way back.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import warnings
from functools import _lru_cache_wrapper, partial

PARALLEL_FROM = 200     # articles: below this, one process
MAX_WORKERS = 8


def workers() -> int:
    """How many processes a large job uses: the machine's cores, at most MAX_WORKERS, or the
    number in the environment variable ANALYSIS_WORKERS (1 keeps everything in one process).
    Inside a Dask cluster's worker, one: the cluster already spreads the partitions."""
    wanted = os.environ.get("ANALYSIS_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    if _inside_dask_worker():
        return 1
    return min(os.cpu_count() or 1, MAX_WORKERS)


def _inside_dask_worker() -> bool:
    try:
        from distributed import get_worker
        get_worker()
        return True
    except (ImportError, ValueError):
        return False


def map_in_order(func, items) -> list:
    """[func(item) for item in items], spread over worker processes from PARALLEL_FROM items
    on (about four batches per worker). `func` must be importable (a module-level function)."""
    items = list(items)
    n_workers = workers()
    if len(items) < PARALLEL_FROM or n_workers < 2:
        return [func(item) for item in items]
    import dask
    import dask.bag

    size = -(-len(items) // (4 * n_workers))
    batches = [items[i:i + size] for i in range(0, len(items), size)]
    # fork where the platform has it: workers start in milliseconds with the parent's imports
    context = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with dask.config.set({"multiprocessing.context": context}):
        results = (dask.bag.from_sequence(batches, npartitions=len(batches))
                   .map(partial(_run_batch, func))
                   .compute(scheduler="processes", num_workers=n_workers))
    out = []
    for values, caught in results:
        for message, category in caught:
            warnings.warn(message, category, stacklevel=2)
        out.extend(values)
    return out


def _run_batch(func, batch: list) -> tuple[list, list]:
    """func over a batch, recording its warnings (once per batch: recording is not free)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        values = [func(item) for item in batch]
    return values, [(str(w.message), w.category) for w in caught]


TEXT_CACHE_SIZE = 4096   # caches this large or larger remember texts and words; smaller ones, loaded tables


def release_text_caches() -> int:
    """Empty every cache that remembers texts or words (the lru caches of TEXT_CACHE_SIZE
    entries or more, in the package's modules and on the word-repair model), keeping loaded
    tables; returns how many were emptied. A worker of make.py tables calls it after each
    partition, so its memory follows the partition, not the corpus (the repair model's caches
    alone grew a worker from 620 MB to 1.2 GB over 50,000 articles)."""
    emptied = 0
    caches = [value for name, module in list(sys.modules.items()) if name.startswith("analysis")
              for value in vars(module).values() if isinstance(value, _lru_cache_wrapper)]
    model = getattr(sys.modules.get("analysis.text.wordbreaks"), "web_model", None)
    if model is not None and model.cache_info().currsize:
        caches += [v for v in vars(model()).values() if isinstance(v, _lru_cache_wrapper)]
    for cache in caches:
        size = cache.cache_parameters()["maxsize"]
        if size is None or size >= TEXT_CACHE_SIZE:
            cache.cache_clear()
            emptied += 1
    return emptied
