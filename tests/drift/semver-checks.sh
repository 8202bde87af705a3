#!/usr/bin/env bash
# Compares the drift classification with cargo-semver-checks on the fixture pairs of
# `tests/drift/cases.json` (issue 19). Writes the crate of the base spec and of each case's spec
# (the ignored test `write_fixture_crates`), runs `cargo semver-checks` on each against the
# base crate, and prints per case what it requires (major, minor, none) beside our class.
# Not part of CI; needs `cargo install cargo-semver-checks`.
# Usage: tests/drift/semver-checks.sh [output folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
DRIFT_CRATES="$out" cargo test -q -p stitch-tests --test drift -- --ignored write_fixture_crates >/dev/null
export CARGO_TARGET_DIR="$out/target"
printf '%-34s %-20s %s\n' case ours cargo-semver-checks
while IFS=$'\t' read -r slug ours; do
    log="$out/$slug.log"
    cargo semver-checks --manifest-path "$out/$slug/Cargo.toml" --baseline-root "$out/base" \
        --release-type minor >"$log" 2>&1 || true
    if grep -q 'requires new major version' "$log"; then
        verdict="major ($(grep -oE -- '--- failure [a-z_]+' "$log" | awk '{print $3}' | sort -u | paste -sd, - || true))"
    elif grep -q 'requires new minor version' "$log"; then
        verdict=minor
    elif grep -qE 'no semver update required|checks passed' "$log"; then
        verdict=none
    else
        verdict="? (see $log)"
    fi
    printf '%-34s %-20s %s\n' "$slug" "$ours" "$verdict"
done <"$out/cases.tsv"
