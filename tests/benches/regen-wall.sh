#!/usr/bin/env bash
# Process wall time of `cargo xtask regen` with a warm build (the command a developer runs),
# median of N runs. Usage: tests/benches/regen-wall.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-11}
cargo xtask regen >/dev/null   # warm: build xtask once
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    cargo xtask regen >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "cargo xtask regen: median ${median} ms over ${runs} runs (min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms)"
