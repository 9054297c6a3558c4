#!/usr/bin/env bash
# Throughput of `nota index` on a mixed department folder: the real corpus (../shared, 15,251
# texts) plus PDF and DOCX conversions of some of its texts made with LibreOffice; 1 thread
# against 2 threads in the same run, with peak memory from /usr/bin/time -v.
#
#   bash benches/ingest_throughput.sh [N_CONVERTED]     (default 150 texts → 150 PDF + 150 DOCX)
#
# Needs ../shared/corpora, /usr/bin/time and soffice (Debian: time, libreoffice-writer-nogui).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-150}
WORK=target/ingest-bench
CORPUS=target/bwb/bwb-laws-markdown
if [ ! -d ../shared/corpora ]; then
  echo "ingest_throughput: ../shared/corpora is missing; this benchmark needs the real corpus" >&2
  exit 1
fi
for tool in /usr/bin/time soffice; do
  command -v "$tool" >/dev/null || { echo "ingest_throughput: $tool is missing" >&2; exit 1; }
done
[ -d "$CORPUS" ] || bash ../shared/corpora/unpack.sh target/bwb
cargo build --release --quiet
mkdir -p "$WORK/mixed/src" "$WORK/mixed/pdf" "$WORK/mixed/docx"
if [ "$(ls "$WORK/mixed/pdf" | wc -l)" -lt "$N" ]; then
  find "$CORPUS/docs" -name '*.txt' | sort | awk 'NR % 50 == 0' | head -n "$N" \
    | xargs -I{} cp {} "$WORK/mixed/src/"
  soffice --headless --convert-to pdf --outdir "$WORK/mixed/pdf" "$WORK"/mixed/src/*.txt >/dev/null 2>&1
  soffice --headless --convert-to docx --outdir "$WORK/mixed/docx" "$WORK"/mixed/src/*.txt >/dev/null 2>&1
fi
ln -sfn "$(realpath "$CORPUS/docs")" "$WORK/mixed/corpus"
rm -rf "$WORK/mixed/src"

run() { # threads
  local idx="$WORK/index-$1"
  rm -rf "$idx"
  RAYON_NUM_THREADS=$1 /usr/bin/time -v ./target/release/nota --index "$idx" index "$WORK/mixed" \
    --rebuild --report "$WORK/report-$1.json" >"$WORK/summary-$1.txt" 2>"$WORK/time-$1.txt" || true
  python3 - "$1" "$WORK" <<'PY'
import json, re, sys
threads, work = sys.argv[1], sys.argv[2]
time = open(f"{work}/time-{threads}.txt").read()
secs = 0.0
for part in re.search(r"Elapsed \(wall clock\) time.*: (\S+)", time).group(1).split(":"):
    secs = secs * 60 + float(part)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1)) / 1024
report = json.load(open(f"{work}/report-{threads}.json"))
files = [f for f in report["files"] if f["status"] in ("added", "updated")]
text = sum(f.get("text_bytes", 0) for f in files)
kinds = {}
for f in files:
    ext = f["path"].rsplit(".", 1)[-1]
    kinds[ext] = kinds.get(ext, 0) + 1
print(f"threads={threads} docs={len(files)} {kinds} text_MB={text/1e6:.1f} wall_s={secs:.2f} "
      f"docs_per_s={len(files)/secs:.0f} text_MB_per_s={text/1e6/secs:.2f} peak_rss_MB={rss:.0f}")
print("  summary:", open(f"{work}/summary-{threads}.txt").read().strip())
PY
}
run 1
run 2
