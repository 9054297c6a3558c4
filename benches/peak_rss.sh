#!/usr/bin/env bash
# Peak memory of `nota index` on the corpora that push it hardest, on both cores:
#  * the real corpus (15,251 texts, 238 MB; ../shared/corpora, unpacked into target/bwb), and
#  * 150 texts of about 4 MB each (600 MB), each made of real texts strung together, so that every
#    queue holds big documents.
# The goal is a peak RSS under 1 GB whatever the corpus.
#
#   bash benches/peak_rss.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/corpora ] || { echo "peak_rss: ../shared/corpora is missing" >&2; exit 1; }
[ -d target/bwb/bwb-laws-markdown ] || bash ../shared/corpora/unpack.sh target/bwb >/dev/null
cargo build --release --quiet
WORK=$(realpath -m target/peak-rss)
mkdir -p "$WORK"
HUGE=$WORK/huge
if [ ! -d "$HUGE" ]; then
  mkdir -p "$HUGE"
  python3 - target/bwb/bwb-laws-markdown/docs "$HUGE" <<'PY'
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
echo "| corpus | MB | wall s | peak RSS MB |"
echo "|---|---|---|---|"
for corpus in target/bwb/bwb-laws-markdown/docs "$HUGE"; do
  rm -rf "$WORK/ix"
  mb=$(du -sm "$corpus" | cut -f1)
  /usr/bin/time -f '%e %M' -o "$WORK/time" ./target/release/nota --index "$WORK/ix" index "$corpus" >/dev/null
  read -r wall rss <"$WORK/time"
  echo "| $corpus | $mb | $wall | $((rss / 1024)) |"
done
