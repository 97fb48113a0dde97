"""Instructions executed per redacted decision: the stable speed figure on a noisy machine.

Wall and CPU time on a shared VM vary by up to 40 % from minute to minute; the number of
instructions does not. This runs the redactor under valgrind's callgrind with instrumentation
switched on only around the redaction of ``--n`` new decisions (after 20 for warm-up), with a
fixed hash seed, and prints the count per decision. Needs ``valgrind`` (Debian package);
takes about a minute for 100 decisions.

Prints a human summary, then the figures as one JSON object on the last line.
Usage: python benchmarks/redact_instructions.py [--n 100] [--seed 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def _inner(n: int, seed: int) -> None:
    """Runs inside valgrind: redact, with instrumentation on only around the timed loop."""
    import gc

    from gongkai.redaction.engine import Redactor
    from gongkai.redaction.record import parse_record
    from gongkai.synthetic import generate

    redactor = Redactor()
    records = [parse_record(record) for record, _gold in generate(n + 20, seed)]
    for record in records[:20]:
        redactor.redact(record)
    gc.collect()
    control = ["callgrind_control", "--instr=on", str(os.getpid())]
    subprocess.run(control, check=True, capture_output=True)
    for record in records[20:]:
        redactor.redact(record)
    subprocess.run([*control[:1], "--instr=off", str(os.getpid())], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        _inner(args.n, args.seed)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={tmp}/callgrind.out",
            sys.executable,
            __file__,
            "--inner",
            f"--n={args.n}",
            f"--seed={args.seed}",
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        sys.exit("callgrind reported no count:\n" + done.stderr[-2000:])
    per_decision = int(found.group(1)) / args.n
    print(f"{per_decision / 1e6:.2f} million instructions per decision ({args.n} decisions)")
    print(json.dumps({"decisions": args.n, "instructions_per_decision": round(per_decision)}))


if __name__ == "__main__":
    main()
