#!/usr/bin/env bash
# Indexing speed on one core and index size: this build against BASELINE (an older nota binary),
# on the real corpus (15,251 texts, 238 MB; ../shared/corpora), alternating the two ROUNDS times
# so that both see the same machine; prints each run (wall s, index MB, CPU s) and the medians as
# ratios (CPU seconds are the steadier figure when others share the machine).
#
#   BASELINE=/path/to/old/nota bash benches/one_core.sh [ROUNDS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/corpora ] || { echo "one_core: ../shared/corpora is missing" >&2; exit 1; }
[ -n "${BASELINE:-}" ] || { echo "one_core: set BASELINE to an older nota binary" >&2; exit 1; }
[ -d target/bwb/bwb-laws-markdown ] || bash ../shared/corpora/unpack.sh target/bwb >/dev/null
cargo build --release --quiet
ROUNDS=${1:-2}
LAWS=$(realpath target/bwb/bwb-laws-markdown/docs)
WORK=$(realpath -m target/one-core); mkdir -p "$WORK"
MB=$(find "$LAWS" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s/1e6}')
run() { # label binary
  local ix=$WORK/ix-$1; rm -rf "$ix"
  local t0 t1; t0=$(date +%s.%N)
  RAYON_NUM_THREADS=1 /usr/bin/time -f '%U %S' -o "$WORK/cpu" taskset -c 0 \
    "$2" --index "$ix" index "$LAWS" >/dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$1 $(echo "$t1 - $t0" | bc) $(du -sm "$ix" | cut -f1) $(awk '{print $1 + $2}' "$WORK/cpu")"
}
for _ in $(seq 1 "$ROUNDS"); do
  run baseline "$BASELINE"
  run this target/release/nota
done | tee "$WORK/runs.txt"
python3 - "$WORK/runs.txt" "$MB" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]; mb = float(sys.argv[2])
med = {k: statistics.median(float(r[1]) for r in rows if r[0] == k) for k in ('baseline', 'this')}
size = {k: statistics.median(float(r[2]) for r in rows if r[0] == k) for k in ('baseline', 'this')}
cpu = {k: statistics.median(float(r[3]) for r in rows if r[0] == k) for k in ('baseline', 'this')}
for k in med:
    print(f"{k:<9} {med[k]:6.1f} s wall  {mb / med[k]:5.1f} MB/s  {cpu[k]:6.1f} s CPU  index {size[k]:.0f} MB")
# CPU seconds are steadier than wall time on a machine shared with other work.
print(f"this/baseline: speed {med['baseline'] / med['this']:.2f}x wall, {cpu['baseline'] / cpu['this']:.2f}x CPU, "
      f"index size {size['this'] / size['baseline']:.2f}x")
PY
