#!/usr/bin/env bash
# Repeatable measure of what metadata derivation adds to indexing: instructions counted by
# valgrind's callgrind for a whole `nota index --rebuild` of 8 MB of real laws, with and without
# `--no-derive`. Instruction counts do not depend on what else the machine is doing, unlike the
# criterion group `metadata_overhead` (same comparison, in wall time).
# Usage: bash benches/metadata_overhead.sh   (needs valgrind and ../shared/corpora)
#   NOTA=<binary> measures another build (an older one, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }
if [ ! -f ../shared/corpora/unpack.sh ]; then
  echo "../shared/corpora is missing; nothing to measure"; exit 0
fi
corpus=$(bash ../shared/corpora/unpack.sh target/bwb)
slice=$(mktemp -d); index=$(mktemp -d)
trap 'rm -rf "$slice" "$index"' EXIT
total=0
while IFS= read -r f; do
  [ "$total" -ge 8388608 ] && break
  cp "$f" "$slice/$(printf '%05d' "$total").txt"
  total=$((total + $(stat -c %s "$f")))
done < <(find "$corpus/docs" -name '*.txt' | sort)
cargo build --release --quiet
nota=${NOTA:-./target/release/nota}
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$nota" --index "$index" index "$slice" --rebuild "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
without=$(count --no-derive)
with=$(count)
echo "instructions, $((total / 1048576)) MB of real laws: without derivation $without, with $with"
awk -v a="$without" -v b="$with" 'BEGIN { printf "derivation adds %.1f%%\n", 100 * (b / a - 1) }'
