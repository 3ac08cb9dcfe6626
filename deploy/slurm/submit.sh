#!/usr/bin/env bash
# Submits a Care Futures experiment to Slurm as a throttled job array and a merge that waits for it:
#   deploy/slurm/submit.sh [--tasks K] [--throttle N] [--results DIR] EXPERIMENT.json
# K shards (default 50), at most N running at once (default 20), each running its block of the
# experiment's runs (docs/experiments.md) into DIR/parts; the merge writes the outputs into DIR
# (default results/<date>-<time>). Run it from the repository on a shared filesystem, with Node 20
# on the PATH (e.g. `module load nodejs/20`). Prints the two job ids as `array=ID` and `merge=ID`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tasks=50
throttle=20
results="$root/results/$(date -u +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) tasks=$2; shift 2 ;;
    --throttle) throttle=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    -*) echo "submit.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# = 1 ] && [ -f "$1" ] || { echo "submit.sh: give one experiment file, e.g. experiments/early-help-budget-sweep.json; found: ${*:-nothing}" >&2; exit 2; }
# Absolute, so the jobs (which start in the repository) find it wherever this was run from.
experiment=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[[ "$tasks" =~ ^[1-9][0-9]*$ && "$throttle" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --tasks and --throttle take whole numbers >= 1" >&2; exit 2; }

cd "$root"
# Build the bundle here, once: the tasks only read it (no TypeScript, no npm on the compute nodes).
npm run --silent build:cli >&2
mkdir -p "$results" logs
results=$(cd "$results" && pwd)
export CARE_FUTURES_ROOT="$root" RESULTS="$results"

array=$(sbatch --parsable --array="0-$((tasks - 1))%${throttle}" --export=ALL deploy/slurm/shard.sbatch "$experiment")
array=${array%%;*}   # --parsable prints "id" or "id;cluster"
merge=$(sbatch --parsable --dependency="afterok:${array}" --kill-on-invalid-dep=yes --export=ALL deploy/slurm/merge.sbatch "$experiment")
merge=${merge%%;*}
echo "array=${array}"
echo "merge=${merge}"
echo "submit.sh: ${tasks} shards (at most ${throttle} at once) as job ${array}, merge as job ${merge}; logs in $root/logs, outputs in ${results}" >&2
