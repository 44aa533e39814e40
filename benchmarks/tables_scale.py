"""How `make.py tables` scales (prints figures; not a test): time and peak memory of the driver
and of each Dask worker, for exports of growing size.

    python3 make.py bench --tables                         # 2,000 and 8,000 articles
    python3 make.py bench --tables --sizes 2000 20000 --rows 500
    python3 make.py bench --tables --mb 1000               # a 1 GB export: about 70 minutes on 2 cores

Each export is written by benchmarks/honest_corpus.py in a separate process (so generating it
costs the driver nothing), then `analysis.tables.build_tables` runs on a local cluster of this
machine's cores. The driver reads the export in partitions and keeps at most two per worker
in flight, so its peak memory should not grow with the export, and a worker's peak should
follow the partition size (`--rows`), not the export: that is what lets a 1 GB export (about
300,000 articles) run on a laptop, in time proportional to its size.
"""

from __future__ import annotations

import argparse
import os
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


def _pid_peak() -> tuple[int, float]:
    return os.getpid(), _peak_mb()


TARGET_MB = 2000     # issue 20: the whole run (driver, workers, their nannies) within 2 GB


def measure(size: str, rows: int, folder: Path) -> dict:
    """`size` is honest_corpus.py's size option: "--n 2000" or "--mb 1000"."""
    export = folder / f"corpus-{size.replace(' ', '')}.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "honest_corpus.py"), *size.split(),
                    "--out", str(export)], check=True, capture_output=True)
    from dask.distributed import Client, LocalCluster

    from analysis import tables

    out = folder / f"tables-{size.replace(' ', '')}"
    cluster = LocalCluster(n_workers=None, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    try:
        start = time.perf_counter()
        # as build_tables does, with this cluster kept open to ask the workers for their peaks
        results = tables._submit_all(client, export, out, rows, False, None, tables.write_part)
        seconds = time.perf_counter() - start
        workers = client.run(_peak_mb)
        # a local cluster's nannies live in this process; elsewhere they are processes of their own
        processes = dict(client.run(_pid_peak).values()) | dict(client.run(_pid_peak, nanny=True).values())
    finally:
        client.close()
        cluster.close()
    processes[os.getpid()] = _peak_mb()
    return {"mb": export.stat().st_size / 1e6, "parts": len(results), "seconds": seconds,
            "articles": sum(r["articles"] for r in results), "driver_mb": processes[os.getpid()],
            "worker_mb": max(workers.values()), "workers": len(workers),
            # an upper bound on the run's memory at any moment: every process at its own peak
            "total_mb": sum(processes.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000], help="exports of this many articles")
    parser.add_argument("--mb", type=float, nargs="+", default=[], help="exports of this many megabytes instead")
    parser.add_argument("--rows", type=int, default=500, help="articles per partition (500)")
    args = parser.parse_args()
    sizes = [f"--mb {mb:g}" for mb in sorted(args.mb)] or [f"--n {n}" for n in sorted(args.sizes)]
    print(f"{'articles':>9} {'export MB':>9} {'parts':>6} {'workers':>7} {'seconds':>8} {'articles/s':>10} "
          f"{'driver peak MB':>14} {'worker peak MB':>14} {'all peaks MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = measure(size, args.rows, Path(tmp))
            print(f"{r['articles']:>9,} {r['mb']:>9.1f} {r['parts']:>6} {r['workers']:>7} {r['seconds']:>8.1f} "
                  f"{r['articles'] / r['seconds']:>10.1f} {r['driver_mb']:>14.0f} {r['worker_mb']:>14.0f} "
                  f"{r['total_mb']:>12.0f}  memory target <= {TARGET_MB:,} MB: "
                  f"{'met' if r['total_mb'] <= TARGET_MB else 'NOT met'}", flush=True)
    print("driver peak: this process since it started (it grows only if the driver held the export); "
          "worker peak: the largest of the workers'; all peaks: the driver, every worker and every "
          "nanny process at its own peak, added (an upper bound on the run's memory at any moment)")


if __name__ == "__main__":
    main()
