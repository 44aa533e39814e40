"""How `make.py tables` scales (prints figures; not a test): time and peak memory of the driver
and of each Dask worker, for exports of growing size.

    python3 make.py bench --tables                         # 2,000 and 8,000 articles
    python3 make.py bench --tables --sizes 2000 20000 --rows 500

Each export is written by benchmarks/honest_corpus.py in a separate process (so generating it
costs the driver nothing), then `analysis.tables.build_tables` runs on a local cluster of this
machine's cores. The driver reads the export in partitions and keeps at most two per worker
in flight, so its peak memory should not grow with the export, and a worker's peak should
follow the partition size (`--rows`), not the export: that is what lets a 1 GB export (about
300,000 articles) run on a laptop, in time proportional to its size.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int, rows: int, folder: Path) -> dict:
    export = folder / f"corpus-{n}.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "honest_corpus.py"), "--n", str(n),
                    "--out", str(export)], check=True, capture_output=True)
    from dask.distributed import Client, LocalCluster

    from analysis import tables

    out = folder / f"tables-{n}"
    cluster = LocalCluster(n_workers=None, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    try:
        start = time.perf_counter()
        # as build_tables does, with this cluster kept open to ask the workers for their peaks
        results = tables._submit_all(client, export, out, rows, False, None, tables.write_part)
        seconds = time.perf_counter() - start
        workers = client.run(_peak_mb)
    finally:
        client.close()
        cluster.close()
    return {"n": n, "mb": export.stat().st_size / 1e6, "parts": len(results), "seconds": seconds,
            "articles": sum(r["articles"] for r in results), "driver_mb": _peak_mb(),
            "worker_mb": max(workers.values()), "workers": len(workers)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000])
    parser.add_argument("--rows", type=int, default=500, help="articles per partition (500)")
    args = parser.parse_args()
    print(f"{'articles':>9} {'export MB':>9} {'parts':>6} {'workers':>7} {'seconds':>8} {'articles/s':>10} "
          f"{'driver peak MB':>14} {'worker peak MB':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            r = measure(n, args.rows, Path(tmp))
            print(f"{r['n']:>9,} {r['mb']:>9.1f} {r['parts']:>6} {r['workers']:>7} {r['seconds']:>8.1f} "
                  f"{r['articles'] / r['seconds']:>10.1f} {r['driver_mb']:>14.0f} {r['worker_mb']:>14.0f}",
                  flush=True)
    print("driver peak: this process since it started (it grows only if the driver held the export); "
          "worker peak: the largest of the workers'")


if __name__ == "__main__":
    main()
