#!/usr/bin/env bash
# Metadata on real provincial and municipal documents: nota before this work and now, scored
# against the labelled set of tests/metadata/ (see its README), in one run; then the year
# agreement on the laws corpus, before and now.
#
# Usage: bash benches/metadata_labels.sh [--misses]
#   BEFORE=<commit>  the version to compare with (default: the commit before issue 18's work)
#
# "Before" is built once from git into target/metadata-before (a worktree; a few minutes the
# first time). The labelled set is in the repo; the laws part needs ../shared/corpora and says
# so when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${BEFORE:-cc749e1}
root=$PWD
work=target/metadata-eval
rm -rf "$work"; mkdir -p "$work"

if [ ! -d target/metadata-before ]; then
  git worktree add --detach target/metadata-before "$BEFORE" >/dev/null
fi
(cd target/metadata-before && git checkout --quiet --detach "$BEFORE" &&
  CARGO_TARGET_DIR="$root/target/metadata-before-target" cargo build --release --quiet)
cargo build --release --quiet

show_all() { # binary, name
  local bin=$1 name=$2
  "$bin" --index "$work/$name-index" index tests/metadata/docs >/dev/null 2>&1
  mkdir -p "$work/$name"
  for f in tests/metadata/docs/*.txt; do
    "$bin" --index "$work/$name-index" show --json "$f" >"$work/$name/$(basename "$f" .txt).json"
  done
}
show_all target/metadata-before-target/release/nota before
show_all target/release/nota now

misses=()
[ "${1:-}" = "--misses" ] && misses=(--misses now)
python3 benches/support/metadata/score.py tests/metadata before="$work/before" now="$work/now" \
  --held-out zuid "${misses[@]}"

echo
if [ -f ../shared/corpora/unpack.sh ]; then
  echo "laws corpus, year against the publisher's date (cargo bench --bench eval_metadata):"
  # The worktree lives in target/, so its ../shared is target/shared: point that at ours.
  ln -sfn "$(cd .. && pwd)/shared" target/shared
  before=$(cd target/metadata-before && CARGO_TARGET_DIR="$root/target/metadata-before-target" \
    cargo bench --quiet --bench eval_metadata 2>/dev/null | grep -m1 '^  exact' || true)
  now_all=$(cargo bench --quiet --bench eval_metadata 2>/dev/null || true)
  now=$(grep -m1 '^  exact' <<<"$now_all" || true)
  echo "  before: ${before#  exact }"
  echo "  now:    ${now#  exact }"
  grep -A4 '^  by where the manifest found' <<<"$now_all" || true
  grep -A2 '^  judged by reading' <<<"$now_all" || true
else
  echo "laws corpus: ../shared/corpora is missing; no laws-corpus year agreement"
fi
