#!/usr/bin/env bash
# Do nota's per-file limits (nesting depth, --file-timeout) leave every real file alone?
#
# Indexes, with --report, (1) the 238 MB law corpus from ../shared (skipped, with a message,
# when ../shared is missing), (2) the format fixtures, and (3) real PDFs and HTML pages found on
# this machine (documentation: rustdoc pages nest deeply, so they are a hard case for the HTML
# limit), then prints per set the files that failed per kind, how many hit a limit (too_deep,
# timed_out; the goal is zero), and the slowest extraction against the default --file-timeout.
#
#   bash benches/limits.sh [HTML_SAMPLE_SIZE]      (default 3000)
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-3000}
cargo build --release --quiet --bin nota
nota=$PWD/target/release/nota
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

summarise() { # NAME REPORT
  python3 - "$1" "$2" <<'PY'
import json, sys, collections
name, report = sys.argv[1], json.load(open(sys.argv[2]))
files = report["files"]
kinds = collections.Counter(f.get("kind") for f in files if f["status"] == "failed")
limited = kinds.get("too_deep", 0) + kinds.get("timed_out", 0)
slowest = max(files, key=lambda f: f.get("extract_ms", 0), default=None)
ms = slowest.get("extract_ms", 0) if slowest else 0
print(f"{name}: {len(files)} files, failed by kind {dict(kinds) or '{}'}, "
      f"hit a limit: {limited}, slowest extraction {ms} ms "
      f"({slowest['path'] if slowest else '-'})")
PY
}

run() { # NAME FOLDER
  "$nota" --index "$work/idx-$1" index --rebuild "$2" --report "$work/$1.json" >/dev/null 2>&1 || true
  summarise "$1" "$work/$1.json"
}

if [ -f ../shared/corpora/bwb-laws.tar.gz ]; then
  bash ../shared/corpora/unpack.sh "$work/laws" >/dev/null
  run laws "$work/laws"
else
  echo "laws: ../shared/corpora/bwb-laws.tar.gz is missing; skipped"
fi

run fixtures tests/fixtures/formats

mkdir -p "$work/real"
{ find / -xdev \( -path /proc -o -path /tmp -o -path /work \) -prune -o \
  -type f \( -name '*.pdf' -o -name '*.html' -o -name '*.htm' \) -size +1k -print 2>/dev/null || true; } |
  sort > "$work/found.txt"
{ grep '\.pdf$' "$work/found.txt" || true
  grep -v '\.pdf$' "$work/found.txt" | awk 'BEGIN{srand(15)} {print rand() "\t" $0}' | sort |
    cut -f2- | head -n "$sample" || true; } > "$work/sample.txt"
n=0
while read -r f; do n=$((n + 1)); cp "$f" "$work/real/$n-$(basename "$f")"; done < "$work/sample.txt"
pdfs=$(find "$work/real" -name '*.pdf' | wc -l)
echo "real: $pdfs PDFs and $((n - pdfs)) HTML pages from this machine's documentation"

run real "$work/real"
