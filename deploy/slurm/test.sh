#!/usr/bin/env bash
# npm run test:slurm: submits a real 4-task array of a small experiment (test-experiment.json: 12
# runs) with deploy/slurm/submit.sh, waits for it and its merge job, and checks every file of the
# merged outputs is byte-identical to those of one local process running the whole experiment.
# Not part of `npm test`: it needs a Slurm cluster (on one machine: ../shared/slurm-local.sh) and
# a filesystem the nodes share with this checkout.
set -euo pipefail
if ! command -v sbatch >/dev/null 2>&1; then
  echo "test:slurm: skipped, no sbatch"
  exit 0
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
experiment=deploy/slurm/test-experiment.json
results="$root/out/test-slurm-$$"
local="$root/out/test-slurm-$$-local"
timeout_s=${TEST_SLURM_TIMEOUT:-900}
fail() { echo "test:slurm: FAILED: $*" >&2; exit 1; }

ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds() { printf '%d.%01d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }
start=$(ms)
ids=$(deploy/slurm/submit.sh --tasks 4 --throttle 2 --results "$results" "$experiment")
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

[ ! -e "$results/parts" ] || fail "the merge left $results/parts behind"

local_start=$(ms)
node build/cli/run.mjs experiment "$experiment" --jobs 1 --quiet --out "$local"
local_end=$(ms)
# Every file, both ways: none missing, none extra, none different.
files=$(cd "$local" && find . -type f | sort)
[ "$files" = "$(cd "$results" && find . -type f | sort)" ] || fail "the merged folder $results and the local one $local hold different files"
[ -n "$files" ] || fail "the local run wrote nothing into $local"
bytes=0
while read -r file; do
  cmp -s "$results/$file" "$local/$file" || fail "$file differs between the merged outputs and one local process: see $results and $local"
  bytes=$((bytes + $(wc -c <"$local/$file")))
done <<<"$files"

echo "test:slurm: passed: 4 array tasks (job $array, at most 2 at once) and the merge (job $merge) in $(seconds $((finished - start))) s from submission; the $(wc -l <<<"$files") output files ($bytes bytes) are byte-identical to one local process ($(seconds $((local_end - local_start))) s)"
rm -rf "$results" "$local" logs/care-futures-shard-"${array}"_*.out "logs/care-futures-merge-${merge}.out"
