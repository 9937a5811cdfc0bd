#!/usr/bin/env bash
# One prepared check for a lent GPU machine (the `device` tool's run; see docs/performance.md):
#
#   here:   scripts/device-deps.sh                       # the Debian packages, as .deb files, once
#   there:  bash scripts/device-check.sh build           # ~5 min on 16 cores: configure + build, headless
#           bash scripts/device-check.sh measure         # the tests on CUDA, training on CUDA and on the CPU
#   (device tool: carry [".devdeps"] in both calls; and "build-device" in the second if the machine
#    went back in between.) `all` runs both. On a machine without CUDA (a dry run here), the CUDA
#    parts are reported as skipped and the rest runs on the CPU.
#
# It builds against that machine's own PyTorch (python3's torch: LibTorch 2.x with CUDA), runs the
# core suites with MEGATOKEN_TEST_DEVICE=cuda (tst_cuda_torch checks one forward pass CPU vs CUDA
# within 1e-4; tst_attention_kernel_torch fused vs explicit attention on the device), trains the tiny
# preset for 300 steps on CUDA and on its CPU with the same seed, runs the throughput benchmark on
# both, and writes every figure as JSON under $OUT (device-check.json), with the logs beside it.
set -uo pipefail
cd "$(dirname "$0")/.."
phase="${1:-all}"
OUT="${OUT:-/tmp/megatoken-device-check}"
mkdir -p "$OUT"
DEPS="${MEGATOKEN_DEVICE_DEPS:-/tmp/megatoken-deps}"
BUILD="${MEGATOKEN_DEVICE_BUILD:-build-device}"
STEPS="${MEGATOKEN_DEVICE_STEPS:-300}"
PY="${PYTHON:-python3}"
log() { echo "device-check: $*" | tee -a "$OUT/device-check.log"; }

# The carried Debian packages, unpacked into their own folder.
unpack_deps() {
  if [ -d .devdeps ] && compgen -G ".devdeps/*.deb" >/dev/null; then
    mkdir -p "$DEPS"
    for f in .devdeps/*.deb; do dpkg -x "$f" "$DEPS"; done
  fi
  local arch=x86_64-linux-gnu
  export LD_LIBRARY_PATH="$DEPS/usr/lib/$arch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export PKG_CONFIG_PATH="$DEPS/usr/lib/$arch/pkgconfig:$DEPS/usr/share/pkgconfig"
  export PKG_CONFIG_SYSROOT_DIR="$DEPS"
  # The default corpus where the WordNet reader looks for it (a data folder; nothing else in / is touched).
  if [ ! -e /usr/share/wordnet/data.noun ] && [ -e "$DEPS/usr/share/wordnet/data.noun" ]; then
    ln -sfn "$DEPS/usr/share/wordnet" /usr/share/wordnet 2>/dev/null || log "cannot link WordNet into /usr/share"
  fi
}

build() {
  # The torch package's root as the FIRST prefix: its share/cmake/{Torch,Caffe2} and its lib/ are then
  # found before any other LibTorch on the machine (a Debian libtorch-dev, in a dry run here).
  local torch_root
  torch_root="$("$PY" -c 'import os, torch; print(os.path.dirname(torch.__file__))')" || { log "no torch in $PY"; return 1; }
  log "torch $("$PY" -c 'import torch; print(torch.__version__, torch.version.cuda, torch.cuda.is_available())')"
  local start=$SECONDS
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMEGATOKEN_GUI=OFF -DMEGATOKEN_BENCH=ON \
        -DCMAKE_PREFIX_PATH="$torch_root;$DEPS/usr;$DEPS/usr/lib/x86_64-linux-gnu/cmake" \
        -DTORCH_CUDA_ARCH_LIST="9.0" > "$OUT/configure.log" 2>&1 || { tail -n 40 "$OUT/configure.log"; return 1; }
  grep -E "LibTorch|Found Torch|Qt6" "$OUT/configure.log" | tee -a "$OUT/device-check.log"
  cmake --build "$BUILD" -j "$(nproc)" > "$OUT/build.log" 2>&1 || { grep -m 20 -B2 -A8 "error" "$OUT/build.log"; return 1; }
  log "built in $((SECONDS - start)) s"
}

# Trains the tiny preset on one device; prints the run's summary as JSON.
train_on() {
  local device="$1" name="$2" runs="$OUT/runs"
  local start=$SECONDS
  "$BUILD/bin/megatoken" train --preset tiny --steps "$STEPS" --name "$name" --out "$runs" \
      --set run.device="$device" --set optim.seed=1 --set data.max_texts=20000 --set run.eval_every=0 \
      --set run.checkpoint_every=0 > "$OUT/train-$name.log" 2>&1
  local rc=$?
  "$PY" - "$runs/$name/metrics.csv" "$device" "$((SECONDS - start))" "$rc" <<'PYEOF'
import csv, json, sys, statistics
path, device, seconds, rc = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
out = {"device": device, "exit_code": rc, "wall_seconds": seconds}
try:
    rows = list(csv.DictReader(open(path)))
    tps = [float(r["tokens_per_s"]) for r in rows[10:]] or [float(r["tokens_per_s"]) for r in rows]
    out.update(steps=len(rows), final_loss=float(rows[-1]["loss"]), final_token_accuracy=float(rows[-1]["accuracy"]),
               hard_keep_ratio=float(rows[-1]["hard_keep"]), median_tokens_per_s=statistics.median(tps),
               first_losses=[float(r["loss"]) for r in rows[:3]])
except Exception as e:  # a failed run still reports
    out["error"] = f"{type(e).__name__}: {e}"
print(json.dumps(out))
PYEOF
}

measure() {
  local cuda=0
  "$PY" -c 'import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)' && cuda=1
  local device=cpu; [ $cuda = 1 ] && device=cuda
  log "measuring; CUDA available: $cuda"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader > "$OUT/gpu.txt" 2>/dev/null || true

  # The core suites on the device (MEGATOKEN_TEST_DEVICE); tst_cuda_torch holds the CPU-vs-CUDA check.
  MEGATOKEN_TEST_DEVICE=$device ctest --test-dir "$BUILD" --output-on-failure -j 4 --timeout 900 \
      -R '_torch$|tst_lambda_controller|tst_flop_count' > "$OUT/ctest-$device.log" 2>&1
  local ctest_rc=$?
  local ctest_summary; ctest_summary="$(grep -E "tests passed|tests failed" "$OUT/ctest-$device.log" | tail -n 1)"
  "$BUILD/bin/tst_cuda_torch" -o "$OUT/tst_cuda.txt,txt" > /dev/null 2>&1
  log "ctest ($device): $ctest_summary"

  local train_cuda='{"skipped": "no CUDA device"}'
  [ $cuda = 1 ] && train_cuda="$(train_on cuda tiny-cuda)"
  local train_cpu; train_cpu="$(train_on cpu tiny-cpu)"
  local bench_cuda='{"skipped": "no CUDA device"}'
  [ $cuda = 1 ] && bench_cuda="$("$BUILD/bin/bench_training_throughput" --preset tiny --device cuda --steps 30 2> "$OUT/bench-cuda.err" || echo '{"error": "failed"}')"
  local bench_cpu; bench_cpu="$("$BUILD/bin/bench_training_throughput" --preset tiny --steps 10 2> "$OUT/bench-cpu.err" || echo '{"error": "failed"}')"

  "$PY" - "$OUT" "$ctest_rc" "$ctest_summary" "$train_cuda" "$train_cpu" "$bench_cuda" "$bench_cpu" <<'PYEOF'
import json, os, sys, platform
out_dir, ctest_rc, ctest_summary = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def parse(text):
    try: return json.loads(text)
    except Exception: return {"unparsed": text[-2000:]}
import torch
result = {
    "torch": torch.__version__, "cuda": torch.version.cuda, "cuda_available": torch.cuda.is_available(),
    "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None, "cpus": os.cpu_count(),
    "ctest": {"exit_code": ctest_rc, "summary": ctest_summary},
    "cpu_vs_cuda_forward": open(os.path.join(out_dir, "tst_cuda.txt")).read()[-1500:] if os.path.exists(os.path.join(out_dir, "tst_cuda.txt")) else None,
    "train_tiny_cuda": parse(sys.argv[4]), "train_tiny_cpu": parse(sys.argv[5]),
    "bench_training_throughput_cuda": parse(sys.argv[6]), "bench_training_throughput_cpu": parse(sys.argv[7]),
}
c, p = result["train_tiny_cuda"], result["train_tiny_cpu"]
if "median_tokens_per_s" in c and "median_tokens_per_s" in p:
    result["cuda_speedup_tokens_per_s"] = c["median_tokens_per_s"] / p["median_tokens_per_s"]
    result["final_loss_difference"] = abs(c["final_loss"] - p["final_loss"])
json.dump(result, open(os.path.join(out_dir, "device-check.json"), "w"), indent=2)
print(json.dumps(result, indent=2))
PYEOF
}

unpack_deps
case "$phase" in
  build) build ;;
  measure) measure ;;
  all) build && measure ;;
  *) echo "usage: $0 [build|measure|all]" >&2; exit 2 ;;
esac
