#!/usr/bin/env bash
# Fill the tuning database of the GPU this runs on: `kvcc tune` over autotune/specs/*.toml,
# written to $OUT/<device key>.json (nothing in the repository changes). Runs from a plain
# checkout with what the GPU machine has (see ../shared/design/gpu.md):
#   OUT=/some/dir BUDGET=300 bash autotune/tune_gpu.sh
# BUDGET: seconds for all SPECs together (split evenly; compiling counts). Then, on the
# development machine, ship the measured entries with
#   kvcc db merge $OUT/<device key>.json --into kvcc/autotune/data/<device key>.json
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
OUT="${OUT:-autotune/results}"
mkdir -p "$OUT"
PY="${PYTHON:-python3}"
BUDGET="${BUDGET:-300}"
key=$("$PY" -c "from kvcc.autotune.device import current_device as c; d = c(); print(d.key if d else '')")
if [ -z "$key" ]; then
    echo "tune_gpu: needs a CUDA GPU" >&2
    exit 2
fi
specs=(autotune/specs/*.toml)
per=$((BUDGET / ${#specs[@]}))
rc=0
for s in "${specs[@]}"; do
    "$PY" -m kvcc.cli tune "$s" --db "$OUT/$key.json" --budget "$per" --no-progress || rc=1
done
"$PY" -m kvcc.cli db show "$OUT/$key.json"
echo "tune_gpu: to ship these entries: kvcc db merge $OUT/$key.json --into kvcc/autotune/data/$key.json"
exit $rc
