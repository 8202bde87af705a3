#!/usr/bin/env bash
# Ratios against the peer (jsonschema's median time over ours) from a divan benchmark whose
# functions come in pairs `ours_X` / `jsonschema_X` over the same arguments (the connection
# types): per type and pair, the median ratio over the runs and the lowest run, then each
# pair's geometric mean over the types (of the median ratios).
#   tests/benches/ratios.sh catalog 5         run `cargo bench --bench catalog` five times
#   tests/benches/ratios.sh FILE...           read saved runs' output
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then
    echo "usage: $0 BENCH [runs] | $0 FILE..." >&2
    exit 2
fi
if [ -f "$1" ]; then
    files=("$@")
else
    dir=$(mktemp -d)
    for run in $(seq "${2:-1}"); do
        cargo bench -q -p stitch-tests --bench "$1" > "$dir/run-$run.txt" 2>/dev/null
        files+=("$dir/run-$run.txt")
    done
    echo "raw runs: $dir"
fi
for file in "${files[@]}"; do
    echo "=== $file"
    cat "$file"
done | awk -F'│' '
    function ns(text,    part, value, unit) {
        # "557.6 ns", "1.2 µs", "3 ms"
        split(text, part, " ")
        value = part[1]; unit = part[2]
        if (unit == "µs" || unit == "us") return value * 1000
        if (unit == "ms") return value * 1000000
        if (unit == "s") return value * 1000000000
        return value
    }
    /^=== / { run++; bench = ""; next }
    # A bench: "├─ ours_valid" (first column, no leading "│").
    $1 ~ /^(├|╰)─ [a-z_]+/ {
        bench = $1; sub(/^(├|╰)─ /, "", bench); sub(/ .*$/, "", bench)
        next
    }
    # One of its arguments: "│  ├─ platform.recurly  12.1 ns " (the leading "│" leaves the
    # first field empty; under the last bench the line starts with spaces), then slowest,
    # median, ...
    bench != "" && ($1 ~ /^ +(├|╰)─ / || ($1 == "" && $2 ~ /^ *(├|╰)─ /)) {
        shift = ($1 == "") ? 1 : 0
        name = $(1 + shift); sub(/^ *(├|╰)─ /, "", name); sub(/ .*$/, "", name)
        median[run, bench, name] = ns($(3 + shift))
        names[name] = 1
        if (bench ~ /^ours_/) { pair = bench; sub(/^ours_/, "", pair); pairs[pair] = 1 }
    }
    # The median of the n values of v[1..n] (sorted in place).
    function middle(v, n,    i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    END {
        runs = run
        for (pair in pairs) {
            peered = 0
            for (key in median) { split(key, k, SUBSEP); if (k[2] == "jsonschema_" pair) peered = 1 }
            if (!peered) continue
            printf "\n%s (%d runs): median ratio, lowest run\n", pair, runs
            fflush()
            count = 0; log_sum = 0; lowest = ""
            for (name in names) {
                n = 0
                for (r = 1; r <= runs; r++) {
                    if (!(((r, "ours_" pair, name) in median) && ((r, "jsonschema_" pair, name) in median))) continue
                    v[++n] = median[r, "jsonschema_" pair, name] / median[r, "ours_" pair, name]
                }
                if (n == 0) continue
                m = middle(v, n)
                printf "  %-42s %8.2fx %8.2fx\n", name, m, v[1] | "sort"
                log_sum += log(m); count++
                if (lowest == "" || m < lowest) { lowest = m; lowest_name = name }
            }
            close("sort")
            fflush()
            if (count > 0)
                printf "  %d types; geometric mean %.2fx; lowest median %.2fx (%s)\n", count, exp(log_sum / count), lowest, lowest_name
        }
    }'
