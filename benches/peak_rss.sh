#!/usr/bin/env bash
# Peak memory and throughput of `nota index` on both cores, on corpora that grow:
#  * the real corpus (15,251 texts, 238 MB; ../shared/corpora, unpacked into target/bwb) once, four
#    times and eight times over (hard links in folders of their own, so 61,004 and 122,008 files),
#  * 150 texts of about 4 MB each (600 MB), each made of real texts strung together, so that every
#    queue holds big documents.
# The goal is a peak RSS under 1 GB whatever the corpus: memory bounded by the run's settings
# (--memory), not by the folder.
#
#   bash benches/peak_rss.sh                       # this build
#   BASELINE=/path/to/old/nota bash benches/peak_rss.sh   # and an older binary, in the same run
#
# Prints one row per corpus and binary (wall seconds, MB/s of text, peak RSS) and, with a
# baseline, this build's throughput and peak RSS as ratios against it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/corpora ] || { echo "peak_rss: ../shared/corpora is missing" >&2; exit 1; }
[ -d target/bwb/bwb-laws-markdown ] || bash ../shared/corpora/unpack.sh target/bwb >/dev/null
cargo build --release --quiet
WORK=$(realpath -m target/peak-rss)
mkdir -p "$WORK"
LAWS=$(realpath target/bwb/bwb-laws-markdown/docs)
for n in 4 8; do
  if [ ! -d "$WORK/x$n" ]; then
    for i in $(seq 1 "$n"); do
      mkdir -p "$WORK/x$n/$i" && cp -al "$LAWS/." "$WORK/x$n/$i/"
    done
  fi
done
HUGE=$WORK/huge
if [ ! -d "$HUGE" ]; then
  mkdir -p "$HUGE"
  python3 - "$LAWS" "$HUGE" <<'PY'
import os, random, sys
src, out = sys.argv[1:]
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(src) for f in fs if f.endswith('.txt'))
random.seed(7)
texts = [open(f, encoding='utf-8', errors='replace').read() for f in random.sample(files, 3000)]
for i in range(150):
    parts, n = [], 0
    while n < 4_000_000:
        t = random.choice(texts); parts.append(t); n += len(t)
    open(os.path.join(out, f'doc{i:03}.txt'), 'w').write('\n\n'.join(parts))
PY
fi
# Megabytes of text (the .txt files; bytes / 1e6).
text_mb() { find -L "$1" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1e6}'; }
BINS=("nota=./target/release/nota")
[ -n "${BASELINE:-}" ] && BINS=("baseline=$BASELINE" "${BINS[@]}")
echo "| corpus | text MB | binary | wall s | MB/s | peak RSS MB |"
echo "|---|---|---|---|---|---|"
declare -A RATE RSS
for spec in "1x=$LAWS" "4x=$WORK/x4" "8x=$WORK/x8" "huge=$HUGE"; do
  label=${spec%%=*}; corpus=${spec#*=}
  mb=$(text_mb "$corpus")
  for bin in "${BINS[@]}"; do
    name=${bin%%=*}; exe=${bin#*=}
    rm -rf "$WORK/ix"
    sync
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$exe" --index "$WORK/ix" index "$corpus" >/dev/null
    read -r wall rss <"$WORK/time"
    rate=$(python3 -c "print(f'{$mb/$wall:.1f}')")
    RATE[$label.$name]=$rate; RSS[$label.$name]=$((rss / 1024))
    echo "| $label | $mb | $name | $wall | $rate | $((rss / 1024)) |"
  done
done
if [ -n "${BASELINE:-}" ]; then
  echo
  echo "| corpus | MB/s nota / baseline | peak RSS nota / baseline | peak RSS under 1 GB |"
  echo "|---|---|---|---|"
  for label in 1x 4x 8x huge; do
    python3 -c "
r=${RATE[$label.nota]}/${RATE[$label.baseline]}; m=${RSS[$label.nota]}/${RSS[$label.baseline]}
print(f'| $label | {r:.2f} | {m:.2f} | ' + ('yes' if ${RSS[$label.nota]} < 1024 else 'NO') + ' |')"
  done
fi
rm -rf "$WORK/ix"
