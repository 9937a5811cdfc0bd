#!/usr/bin/env bash
# Data-parallel scaling on one host, side by side in one sitting: the tiny preset trained by
#   one process x 2 threads, one process x 1 thread, and 2 processes x 1 thread (--nproc 2, Gloo),
# the same global batch and steps each. Prints one JSON object: per setting the median training
# throughput (tokens/s of the global batch, steps after the first 10), the evaluation time of the
# validation texts at the last step (sharded over the ranks for --nproc 2; one process x 1 thread
# is what rank 0 alone would take), and for --nproc 2 the gradient all-reduce time per step.
# Run it on an otherwise idle machine.
#   bench/distributed_scaling.sh [path/to/megatoken] [steps]
set -euo pipefail
mt=${1:-build/bin/megatoken}
steps=${2:-80}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
common=(--preset tiny --steps "$steps" --out "$out" --set run.eval_every="$steps" --set run.checkpoint_every=0
        --set data.validation_texts=300)
"$mt" train "${common[@]}" --name p1t2 --set run.threads=2 2> "$out/p1t2.log"
"$mt" train "${common[@]}" --name p1t1 --set run.threads=1 2> "$out/p1t1.log"
"$mt" train "${common[@]}" --name p2t1 --set run.threads=1 --nproc 2 2> "$out/p2t1.log"
python3 - "$out" <<'PY'
import csv, json, re, statistics, sys
out = sys.argv[1]
result = {"bench": "distributed_scaling", "machine_cores": __import__("os").cpu_count()}
for name, label in [("p1t2", "1 process x 2 threads"), ("p1t1", "1 process x 1 thread"),
                    ("p2t1", "2 processes x 1 thread (Gloo)")]:
    rows = list(csv.DictReader(open(f"{out}/{name}/metrics.csv")))
    rates = [float(r["tokens_per_s"]) for r in rows[10:]]
    evals = list(csv.DictReader(open(f"{out}/{name}/eval.csv")))
    entry = {"setting": label, "steps": len(rows), "tokens_per_s_median": round(statistics.median(rates), 1),
             "eval_seconds": round(float(evals[-1]["seconds"]), 2), "eval_texts": int(evals[-1]["texts"])}
    log = open(f"{out}/{name}.log").read()
    m = re.search(r"all-reduce took ([0-9.]+) ms per step", log)
    if m:
        entry["allreduce_ms_per_step"] = float(m.group(1))
    result[name] = entry
result["speedup_2x1_over_1x2"] = round(result["p2t1"]["tokens_per_s_median"] / result["p1t2"]["tokens_per_s_median"], 3)
print(json.dumps(result, indent=2))
PY
