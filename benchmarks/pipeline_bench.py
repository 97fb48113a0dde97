"""Pipeline speed: synthetic decisions through ingest → redact → review batches.

The default store (a SQLite file in a fresh data directory, migrated as `gongkai db upgrade`
does), real Prefect flow runs in ephemeral mode (a temporary local server, Prefect's home
under the data directory), the flows `gongkai run` runs, with the configured task runner:
`ingest`, `redact` and `review-batches`, one after the other. They run here as three
top-level flow runs instead of subflows of `pipeline`, so that each stage is timed on its own.

The export (gongkai's synthetic generator, split over `--files` files, generated in parallel;
kept and reused with `--keep-dir`) is written first and not timed with the pipeline; the
Prefect server's start-up is timed apart (a first, empty flow run) and included in the total.

Prefect's overhead, three ways: per stage, the wall time around the flow call less the flow
run's own run time as the server recorded it (creating, starting and finishing the run); the
CPU time of the Prefect server process during the stages; and, after the pipeline (so as not
to slow it), a calibration of what one task costs on the same kind of runner: tasks that do
nothing, run one after the other (latency) and 200 at once (throughput, the figure per
chunk), then how long the server takes to record them. CPU time is also given per stage, as
cores used (all our processes: the flows' process, redaction workers, Prefect server).

Prints a human summary, then the figures as one JSON object on the last line.
Usage: python benchmarks/pipeline_bench.py [--n 100000] [--chunk-size 200] [--workers 2]
       [--runner threads] [--files 10] [--seed 4] [--keep-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")


# --- the synthetic export -------------------------------------------------------------------


def _write_part(args: tuple[Path, int, int]) -> tuple[int, int]:
    """One export file of ``n`` generated decisions (its own seed: its own source ids);
    returns the decisions written and the seed used."""
    from gongkai.synthetic import generate

    path, n, seed = args
    # The generator checks its own gold and, rarely, fails that check (an assertion in
    # gongkai.synthetic: a minor's age at the boundary); another seed then.
    for attempt in range(5):
        try:
            pairs = generate(n, seed + attempt * 100_000)
        except AssertionError:
            continue
        with path.open("w", encoding="utf-8") as out:
            for record, _gold in pairs:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(pairs), seed + attempt * 100_000
    raise RuntimeError(f"the synthetic generator failed for seed {seed} and 4 others")


def write_export(folder: Path, n: int, files: int, seed: int, workers: int) -> float:
    """Write ``n`` decisions over ``files`` files into ``folder`` (reused when a previous run
    wrote the same); return the seconds spent (0 when reused)."""
    manifest = folder / "manifest.json"
    wanted = {"n": n, "files": files, "seed": seed}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted:
        return 0.0
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sizes = [n // files + (1 if k < n % files else 0) for k in range(files)]
    parts = [
        (folder / f"export-{k + 1:04d}.jsonl", size, seed * 1000 + k)
        for k, size in enumerate(sizes)
        if size
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(_write_part, parts))
    assert sum(count for count, _ in done) == n, (done, n)
    manifest.write_text(json.dumps(wanted))
    (folder.parent / f"{folder.name}-seeds.json").write_text(json.dumps([s for _, s in done]))
    return time.perf_counter() - started


# --- Prefect calibration ----------------------------------------------------------------------


def calibrate(threads: int, tasks: int = 100) -> dict[str, float]:
    """Wall time of one no-op task: submitted and awaited one at a time (latency), and
    ``2 × tasks`` submitted at once on ``threads`` threads (throughput)."""
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.task_runners import ThreadPoolTaskRunner

    @task(cache_policy=NO_CACHE)
    def nothing(k: int) -> int:
        return k

    @flow(name="calibration", task_runner=ThreadPoolTaskRunner(max_workers=threads))
    def calibration() -> tuple[float, float]:
        if not tasks:
            return 0.0, 0.0
        nothing.submit(-1).result()  # warm
        started = time.perf_counter()
        for k in range(tasks):
            nothing.submit(k).result()
        one_by_one = (time.perf_counter() - started) / tasks
        started = time.perf_counter()
        futures = [nothing.submit(k) for k in range(2 * tasks)]
        for future in futures:
            future.result()
        at_once = (time.perf_counter() - started) / (2 * tasks)
        return one_by_one, at_once

    state = calibration(return_state=True)
    one_by_one, at_once = state.result()
    drained = _wait_until_recorded(state, 1 + 3 * tasks) if tasks else 0.0
    return {
        "task_latency_ms": one_by_one * 1000,
        "task_throughput_ms": at_once * 1000,
        "server_backlog_s": drained,
    }


def _wait_until_recorded(state: Any, task_runs: int, timeout: float = 180.0) -> float:
    """Wait until the Prefect server has recorded the flow run's ``task_runs`` completed task
    runs (it records them from events, behind the flow); return the seconds waited."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterId,
        TaskRunFilter,
        TaskRunFilterState,
        TaskRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    flow_runs = FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
    completed = TaskRunFilter(
        state=TaskRunFilterState(type=TaskRunFilterStateType(any_=[StateType.COMPLETED]))
    )
    started = time.perf_counter()
    with get_client(sync_client=True) as client:
        while time.perf_counter() - started < timeout:
            last = client.read_task_runs(
                flow_run_filter=flow_runs, task_run_filter=completed, limit=1, offset=task_runs - 1
            )
            if last:
                break
            time.sleep(0.5)
    return time.perf_counter() - started


# --- the run ----------------------------------------------------------------------------------


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _server_cpu() -> float:
    """CPU seconds of the Prefect server processes this process started (the ephemeral
    server: ``uvicorn … prefect.server``), read from /proc (Linux)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != os.getpid():  # fields[1]: the parent's pid
                continue
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if b"prefect" in command and b"server" in command:
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _run_time(state: Any) -> float:
    """Seconds the flow run spent running, as the Prefect server recorded it."""
    from prefect import get_client

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)
    return run.total_run_time.total_seconds()


def _store_counts() -> dict[str, int]:
    from sqlalchemy import func, select

    from gongkai.flows import _common
    from gongkai.store import Decision, RedactionRecord, ReviewBatch

    with _common.sessions().begin() as session:
        states = dict(
            session.execute(select(Decision.state, func.count()).group_by(Decision.state)).all()
        )
        return {
            "decisions": sum(states.values()),
            "redactions": session.scalar(select(func.count(RedactionRecord.id))) or 0,
            "batches": session.scalar(select(func.count(ReviewBatch.id))) or 0,
            "pending": _common.count_pending_versions(session),
            **{f"state_{k}": v for k, v in sorted(states.items())},
        }


def run(args: argparse.Namespace, base: Path) -> dict[str, Any]:
    export_dir = base / f"export-n{args.n}-f{args.files}-s{args.seed}"
    generate_s = write_export(export_dir, args.n, args.files, args.seed, args.workers)
    data_dir = Path(tempfile.mkdtemp(prefix="run-", dir=base))
    os.environ.pop("GONGKAI_DATABASE_URL", None)  # the default store: SQLite in the data dir
    os.environ.update(
        {
            "GONGKAI_DATA_DIR": str(data_dir),
            "GONGKAI_EXPORT_DIR": str(export_dir),
            "GONGKAI_CHUNK_SIZE": str(args.chunk_size),
            "GONGKAI_TASK_WORKERS": str(args.workers),
            "GONGKAI_TASK_RUNNER": args.runner,
        }
    )
    for name in [k for k in os.environ if k.startswith("PREFECT_")]:
        del os.environ[name]  # the ephemeral defaults gongkai sets, nothing inherited

    started = time.perf_counter()
    from gongkai.store.migrate import upgrade

    upgrade()  # `gongkai db upgrade`
    from gongkai.pipeline import prepare

    prepare()
    from gongkai.flows.batch import make_review_batches
    from gongkai.flows.ingest import ingest
    from gongkai.flows.redact import configured_redact_flow
    from gongkai.flows.settings import load_settings, local_run_settings

    setup_s = time.perf_counter() - started
    settings = load_settings()
    redact_flow = configured_redact_flow(settings)
    threads = 2 * args.workers if args.runner == "threads" else args.workers
    with local_run_settings():
        started = time.perf_counter()
        calibrate(threads, tasks=0)  # an empty flow run: starts the ephemeral Prefect server
        startup_s = time.perf_counter() - started

        stages: dict[str, float] = {}
        cores: dict[str, float] = {}  # CPU seconds (all our processes) per second, per stage
        states: dict[str, Any] = {}
        cpu_before = _cpu()
        server_before = _server_cpu()
        for stage, call in (
            ("ingest", lambda: ingest(export_dir, return_state=True)),
            ("redact", lambda: redact_flow(settings.chunk_size, return_state=True)),
            (
                "batch",
                lambda: make_review_batches(
                    settings.batch_size, settings.publish_working_days, return_state=True
                ),
            ),
        ):
            started, cpu, server = time.perf_counter(), _cpu(), _server_cpu()
            states[stage] = call()
            stages[f"{stage}_s"] = time.perf_counter() - started
            used = sum(_cpu()) - sum(cpu) + _server_cpu() - server
            cores[f"cores_used_{stage}"] = used / stages[f"{stage}_s"]
        cpu_after = _cpu()
        server_after = _server_cpu()
        ingested, redacted, batched = (states[k].result() for k in ("ingest", "redact", "batch"))
        flow_overhead = {
            f"prefect_flow_overhead_{stage}_s": stages[f"{stage}_s"] - _run_time(state)
            for stage, state in states.items()
        }
        # After the pipeline, so that the server's work for these tasks does not slow it.
        overhead = calibrate(threads)

    wall = sum(stages.values())
    counts = _store_counts()
    n = args.n
    assert ingested.lines_read == n and ingested.new == n, ingested
    assert redacted.records == n, redacted
    assert counts["redactions"] == n and counts["pending"] == 0, counts
    assert batched.batched == redacted.redacted == counts.get("state_in_review", 0), batched
    chunks = max(redacted.chunks, 1)
    store_file = data_dir / "gongkai.sqlite"
    figures: dict[str, Any] = {
        "decisions": n,
        "files": args.files,
        "chunk_size": args.chunk_size,
        "workers": args.workers,
        "runner": args.runner,
        "cpus": os.cpu_count(),
        "wall_s": round(wall, 1),
        "total_s": round(wall + startup_s, 1),
        "decisions_per_s": round(n / wall, 1),
        "target_s": 600,
        "target_met": wall + startup_s < 600,
        **{k: round(v, 1) for k, v in stages.items()},
        "prefect_startup_s": round(startup_s, 1),
        "setup_s": round(setup_s, 1),
        "generate_s": round(generate_s, 1),
        "ingest_lines_per_s": round(n / stages["ingest_s"], 1),
        "redact_decisions_per_s": round(n / stages["redact_s"], 1),
        "chunks": redacted.chunks,
        "chunk_read_s_mean": round(redacted.read_s / chunks, 3),
        "chunk_redact_s_mean": round(redacted.redact_s / chunks, 3),
        "chunk_store_s_mean": round(redacted.store_s / chunks, 3),
        **{k: round(v, 1) for k, v in flow_overhead.items()},
        "prefect_task_latency_ms": round(overhead["task_latency_ms"], 1),
        "prefect_task_throughput_ms": round(overhead["task_throughput_ms"], 1),
        "prefect_server_backlog_s": round(overhead["server_backlog_s"], 1),
        "prefect_overhead_share_of_redact": round(
            redacted.chunks * overhead["task_throughput_ms"] / 1000 / stages["redact_s"], 4
        ),
        "redacted": redacted.redacted,
        "withheld": redacted.withheld,
        "batched": batched.batched,
        "batches": batched.batches,
        "cpu_main_s": round(cpu_after[0] - cpu_before[0], 1),
        "cpu_workers_s": round(cpu_after[1] - cpu_before[1], 1),
        "cpu_prefect_server_s": round(server_after - server_before, 1),
        **{k: round(v, 2) for k, v in cores.items()},
        "store_mb": round(store_file.stat().st_size / 2**20, 1),
        "data_dir": str(data_dir),
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="decisions (default 100,000)")
    parser.add_argument("--chunk-size", type=int, default=200, help="records per redact task")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="worker processes (CPU count)"
    )
    parser.add_argument(
        "--runner", choices=("threads", "processes", "dask"), default="threads",
        help="GONGKAI_TASK_RUNNER (default: threads, the configured default)",
    )  # fmt: skip
    parser.add_argument("--files", type=int, default=10, help="export files (default 10)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--keep-dir",
        type=Path,
        help="work here and keep it: the export (reused by a later run with the same --n, "
        "--files and --seed) and each run's data directory (store, Prefect home)",
    )
    args = parser.parse_args()
    load = os.getloadavg()[0]
    base = args.keep_dir or Path(tempfile.mkdtemp(prefix="gongkai-pipeline-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        figures = run(args, base.absolute())
    finally:
        if args.keep_dir is None:
            shutil.rmtree(base, ignore_errors=True)
    figures["load_avg_1m_before"] = round(load, 2)
    if args.keep_dir is None:
        figures.pop("data_dir")
    print(
        f"{figures['decisions']:,} decisions in {figures['total_s']} s "
        f"(Prefect start-up {figures['prefect_startup_s']} s; ingest {figures['ingest_s']} s, "
        f"redact {figures['redact_s']} s, batch {figures['batch_s']} s): "
        f"{figures['decisions_per_s']} decisions/s; {figures['chunks']} chunks, Prefect "
        f"{figures['prefect_task_throughput_ms']} ms per task "
        f"({figures['prefect_overhead_share_of_redact']:.1%} of the redact stage)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
