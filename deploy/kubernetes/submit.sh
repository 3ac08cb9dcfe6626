#!/usr/bin/env bash
# Runs the sweep on a Kubernetes cluster, then its merge:  deploy/kubernetes/submit.sh [NAMESPACE]
# Needs kubectl pointed at the cluster and the image pushed where the cluster pulls it (sweep-job.yaml).
set -euo pipefail
cd "$(dirname "$0")"
ns=${1:-default}
kc() { kubectl --namespace "$ns" "$@"; }

# Until the Job ends: Complete when every shard succeeded, Failed when it cannot.
wait_for() {
  local job=$1 state
  while :; do
    state=$(kc get job "$job" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
    case " $state " in
      *" Complete "*) return 0 ;;
      *" Failed "*)
        echo "$job failed; failed shards: $(kc get job "$job" -o jsonpath='{.status.failedIndexes}')" >&2
        return 1 ;;
    esac
    sleep 30
  done
}

kc apply -f results-pvc.yaml
# A Job's pod template cannot change: replace the last run's Jobs (their results stay on the volume).
kc delete job care-futures-sweep care-futures-merge --ignore-not-found
kc apply -f sweep-job.yaml
wait_for care-futures-sweep
kc apply -f merge-job.yaml
wait_for care-futures-merge
kc logs job/care-futures-merge
echo "merged: the experiment's outputs are in /results/care-futures-sweep on the care-futures-results volume"
