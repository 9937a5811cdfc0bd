#!/usr/bin/env bash
# The kill -9 soak: train a tiny run, kill it with SIGKILL at random moments (and, every few
# rounds, exactly between a checkpoint's or status.json's synced temporary and its rename, through
# AtomicFile's fault-injection point), resume, and repeat. Checks after every round:
#   - every resume succeeds (once a first checkpoint exists);
#   - metrics.csv holds steps 1..n, each once, apart from a torn last line of a killed writer;
#   - no more steps are lost per kill than the checkpoint interval;
# and at the end, after a clean finish: metrics.csv and eval.csv have every step once, and every
# checkpoint left in the run loads (megatoken eval on it).
#
# Usage: tests/soak/kill9-soak.sh MEGATOKEN_BINARY [KILLS=20] [WORKDIR=a new temporary folder]
# Prints one JSON line with the figures last; exits 1 on the first violated check.
set -euo pipefail

bin=$(realpath "$1")
kills=${2:-20}
work=${3:-$(mktemp -d -t megatoken-soak-XXXXXX)}
every=5  # checkpoint interval in steps: the most a kill may cost
run="$work/soak"
common=(--preset tiny --out "$work" --name soak --set run.checkpoint_every=$every --set run.eval_every=15
        --set run.threads=1 --set data.max_texts=3000 --set data.max_tokens=32
        --set data.validation_texts=32 --set data.batch_size=32)

fail() { echo "kill9-soak: FAIL: $*" >&2; exit 1; }

# The step of metrics.csv's last complete row (a row with every column), 0 when there is none.
last_complete_step() {
  [ -f "$run/metrics.csv" ] || { echo 0; return; }
  awk -F, 'NR == 1 { n = NF; next } NF == n && $NF != "" { s = $1 } END { print s + 0 }' "$run/metrics.csv"
}

# metrics.csv's complete rows must be steps 1, 2, ..., each once.
check_contiguous() {
  awk -F, -v where="$1" 'NR == 1 { n = NF; next }
    NF == n && $NF != "" { if ($1 != prev + 1) { printf "%s: metrics.csv step %s follows %s\n", where, $1, prev; bad = 1; exit 1 } prev = $1 }
    END { exit bad }' "$run/metrics.csv" || fail "metrics.csv is not contiguous ($1)"
}

wait_for_exit() {  # pid seconds
  local i
  for ((i = 0; i < $2 * 10; ++i)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

echo "kill9-soak: $kills kills, checkpoint every $every steps, in $work"
mkdir -p "$work"
rm -rf "$run"
# The first life runs until its first checkpoint exists: before that there is nothing to resume.
"$bin" train "${common[@]}" --steps 100000 > "$work/life-0.log" 2>&1 &
pid=$!
for ((i = 0; i < 1200; ++i)); do
  compgen -G "$run/checkpoints/step-*.pt" > /dev/null && break
  kill -0 $pid 2>/dev/null || fail "the first life ended early: $(tail -3 "$work/life-0.log")"
  sleep 0.1
done
sleep 0.$((RANDOM % 10))
kill -9 $pid; wait $pid 2>/dev/null || true

max_lost=0
lost_list=()
targeted=0
for ((k = 1; k <= kills; ++k)); do
  before=$(last_complete_step)
  check_contiguous "before life $k"
  log="$work/life-$k.log"
  inject=""
  case $((k % 4)) in
    1) inject="checkpoints/step-" ;;  # die between a checkpoint's fsync and its rename
    3) inject="status.json" ;;        # ... or status.json's
  esac
  MEGATOKEN_FAULT_KILL_BEFORE_RENAME="$inject" "$bin" train "${common[@]}" --resume --steps 100000 > "$log" 2>&1 &
  pid=$!
  if [ -n "$inject" ]; then
    wait_for_exit $pid 120 || { kill -9 $pid; fail "life $k: the injected kill at '$inject' never came"; }
    targeted=$((targeted + 1))
  else
    # Random moments from start-up (reading the corpus, loading the checkpoint) to mid-training.
    sleep "$((RANDOM % 5)).$((RANDOM % 10))"
    if ! kill -0 $pid 2>/dev/null; then fail "life $k ended by itself: $(tail -3 "$log")"; fi
    kill -9 $pid
  fi
  wait $pid 2>/dev/null || true
  if grep -q "error\|failed" "$log"; then fail "life $k: $(grep -m1 "error\|failed" "$log")"; fi
  # The step this life resumed from: what the previous kill cost is `before` minus it.
  resumed=$(sed -n 's/^resumed from .* at step \([0-9]*\).*/\1/p' "$log" | tail -1)
  if [ -n "$resumed" ]; then
    lost=$((before - resumed))
    [ $lost -ge 0 ] || fail "life $k resumed from step $resumed, after step $before was logged"
    lost_list+=("$lost")
    [ $lost -le $every ] || fail "kill $k lost $lost steps (checkpoint interval $every)"
    [ $lost -gt $max_lost ] && max_lost=$lost
  fi
  echo "kill9-soak: kill $k/$kills${inject:+ (injected at $inject)}: logged $before before, resumed from ${resumed:-(killed during start-up)}, now at $(last_complete_step)"
done

# A clean finish a few steps on, then the final checks.
final=$(( $(last_complete_step) + 3 ))
"$bin" train "${common[@]}" --resume --steps $final > "$work/life-final.log" 2>&1 || fail "the final resume failed: $(tail -3 "$work/life-final.log")"
grep -q "^completed" "$work/life-final.log" || fail "the final run did not complete"
check_contiguous "at the end"
[ "$(last_complete_step)" -eq $final ] || fail "metrics.csv ends at $(last_complete_step), not $final"
awk -F, 'NR > 1 { if ($1 <= prev) { print "eval.csv: step " $1 " after " prev; exit 1 } prev = $1 }' "$run/eval.csv" \
  || fail "eval.csv repeats or reorders a step"
checked=0
for checkpoint in "$run"/checkpoints/step-*.pt; do
  "$bin" eval --run "$run" --checkpoint "$checkpoint" --max-texts 4 > "$work/eval-check.log" 2>&1 \
    || fail "$checkpoint does not load: $(tail -2 "$work/eval-check.log")"
  checked=$((checked + 1))
done
stale=$(find "$run" -name '*.tmp-*' | wc -l)
echo "{\"kills\": $kills, \"targeted_kills\": $targeted, \"resumes_measured\": ${#lost_list[@]}, \"max_steps_lost\": $max_lost, \"steps_lost\": [$(IFS=,; echo "${lost_list[*]}")], \"final_step\": $final, \"checkpoints_loaded\": $checked, \"stale_temporaries\": $stale}"
