#!/usr/bin/env bash
# npm run test:slurm: submits a real 4-task array with deploy/slurm/submit.sh, waits for it and its
# merge job, and checks the merged result is byte-identical to one local process running the whole
# experiment. Not part of `npm test`: it needs a Slurm cluster (on one machine:
# ../shared/slurm-local.sh) and a filesystem the nodes share with this checkout.
set -euo pipefail
if ! command -v sbatch >/dev/null 2>&1; then
  echo "test:slurm: skipped, no sbatch"
  exit 0
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
experiment=(sim scenarios/north-east-baseline.json --runs 8 --seed 3 --months 24 --scale 0.02 --quiet)
results="$root/out/test-slurm-$$"
timeout_s=${TEST_SLURM_TIMEOUT:-900}
fail() { echo "test:slurm: FAILED: $*" >&2; exit 1; }

ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds() { printf '%d.%01d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }
start=$(ms)
ids=$(deploy/slurm/submit.sh --tasks 4 --throttle 2 --results "$results" -- "${experiment[@]}")
array=$(sed -n 's/^array=//p' <<<"$ids")
merge=$(sed -n 's/^merge=//p' <<<"$ids")
[ -n "$array" ] && [ -n "$merge" ] || fail "submit.sh printed no job ids: $ids"

# Wait until neither job is queued or running.
while [ -n "$(squeue -h -j "$array,$merge" 2>/dev/null)" ]; do
  (( $(ms) - start < timeout_s * 1000 )) || { scancel "$array" "$merge"; fail "jobs $array and $merge still queued after ${timeout_s} s"; }
  sleep 1
done
finished=$(ms)

# Without accounting, scontrol remembers finished jobs for MinJobAge (300 s by default): enough here.
states=$( (scontrol -o show job "$array"; scontrol -o show job "$merge") | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr -s ' \n' ' ')
[ "$(scontrol -o show job "$array" | grep -c 'JobState=COMPLETED')" = 4 ] || fail "the array's tasks did not all complete: $states"
scontrol -o show job "$merge" | grep -q 'JobState=COMPLETED' || fail "the merge job did not complete: $states (log: logs/care-futures-merge-$merge.out)"
for task in 0 1 2 3; do
  [ -s "logs/care-futures-shard-${array}_${task}.out" ] || fail "no log logs/care-futures-shard-${array}_${task}.out"
done

local_start=$(ms)
node build/cli/run.mjs "${experiment[@]}" --out "$results/local.json"
local_end=$(ms)
cmp -s "$results/merged.json" "$results/local.json" || fail "merged.json differs from one local process: see $results"

echo "test:slurm: passed: 4 array tasks (job $array, at most 2 at once) and the merge (job $merge) in $(seconds $((finished - start))) s from submission; merged.json ($(wc -c <"$results/merged.json") bytes) is byte-identical to one local process ($(seconds $((local_end - local_start))) s)"
rm -rf "$results" logs/care-futures-shard-"${array}"_*.out "logs/care-futures-merge-${merge}.out"
