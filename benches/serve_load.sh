#!/usr/bin/env bash
# Load on `nota serve`'s /api/search: 50 concurrent connections for 30 s on loopback with wrk,
# queries rotating over single words, two words, a phrase, filters and facets.
#
#   bash benches/serve_load.sh [INDEX_DIR]
#
# INDEX_DIR defaults to the real-corpus index of `cargo bench --bench eval_similar`
# (target/eval-similar/index) when it exists, else an index of corpus/. Needs wrk (Debian: wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "serve_load: wrk is missing (apt-get install wrk)" >&2; exit 1; }
cargo build --release --quiet
INDEX=${1:-target/eval-similar/index}
if [ ! -d "$INDEX" ]; then
  INDEX=target/serve-load-index
  ./target/release/nota --index "$INDEX" index corpus >/dev/null
fi
LOG=$(mktemp)
./target/release/nota --index "$INDEX" serve --addr 127.0.0.1:0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG" "$LUA"' EXIT
for _ in $(seq 50); do grep -q http "$LOG" && break; sleep 0.2; done
URL=$(grep -o 'http://[^ ]*' "$LOG" | head -1)
LUA=$(mktemp --suffix=.lua)
cat >"$LUA" <<'LUA'
local paths = {
  "/api/search?q=jeugdzorg",
  "/api/search?q=eenzaamheid%20ouderen",
  "/api/search?q=%22sociaal%20domein%22",
  "/api/search?q=zorg&year=2010..2020",
  "/api/search?q=subsidie&theme=zorg",
  "/api/search?q=mantelzorg&sort=date",
  "/api/search?q=gemeenten%20provincie&province=utrecht",
  "/api/search?q=jeugdhulp&page=2",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests=%d errors(connect/read/write/status/timeout)=%d/%d/%d/%d/%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("req_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
echo "index: $INDEX ($(./target/release/nota --index "$INDEX" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])') documents)"
wrk -t2 -c50 -d30s --timeout 10s -s "$LUA" "$URL"
