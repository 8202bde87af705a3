#!/usr/bin/env bash
# Process wall time of `cargo xtask regen` (or another xtask command: `import-docs`) with a warm
# build, the command a developer runs: median of N runs, and the peak memory (maximum resident
# set size) of the xtask process itself.
# Usage: tests/benches/regen-wall.sh [runs] [command]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-11}
command=${2:-regen}
cargo xtask "$command" >/dev/null 2>&1  # warm: build xtask once
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    cargo xtask "$command" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "cargo xtask $command: median ${median} ms over ${runs} runs (min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms)"
if [ -x /usr/bin/time ]; then
    report=$(mktemp)
    /usr/bin/time -f '%M' -o "$report" target/debug/xtask "$command" >/dev/null 2>&1
    echo "peak memory of the xtask process: $(( $(tail -1 "$report") / 1024 )) MiB"
    rm -f "$report"
fi
