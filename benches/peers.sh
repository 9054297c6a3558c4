#!/usr/bin/env bash
# nota side by side with the engines a Dutch user could install instead, on the real corpus (15,251
# texts, 238 MB), in one run: ../shared/bench/peers/run_all.sh runs Lucene 8 and 9
# (DutchAnalyzer), Xapian (Dutch stemmer), SQLite FTS5, tantivy's plain Dutch chain and tokbench
# (the single-core read-tokenise-count-stem ceiling), each pinned to one core with the page cache
# dropped; this script runs nota the same way and adds its rows to the same results file, then
# prints summarize.py's tables plus nota's own query classes and 2-core indexing, nota as ratios
# against each peer, and the issue's targets, each met or missed, from this run's figures.
#
#   bash ../shared/bench/peers/setup.sh          # once, as root: installs the peers
#   bash benches/peers.sh [ROUNDS=1] [REPS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-1}; REPS=${2:-20}
PEERS_DIR=../shared/bench/peers
[ -d "$PEERS_DIR" ] || { echo "peers: ../shared/bench/peers is missing" >&2; exit 1; }
ENV_SH=${PEERS:-$HOME/.cache/nota-peers}/env.sh
[ -f "$ENV_SH" ] || { echo "peers: run 'bash $PEERS_DIR/setup.sh' first (as root)" >&2; exit 1; }
# shellcheck disable=SC1090
source "$ENV_SH"
[ -d target/bwb/bwb-laws-markdown ] || bash ../shared/corpora/unpack.sh target/bwb >/dev/null
WORK=$(realpath -m target/peers)
FLAT=$WORK/corpus; OUT=$WORK/out
if [ ! -d "$FLAT" ]; then
  mkdir -p "$FLAT"
  find target/bwb/bwb-laws-markdown/docs -name '*.txt' -exec cp {} "$FLAT/" \;
fi
mkdir -p "$OUT"; RES=$OUT/results.jsonl; rm -f "$RES"
cargo build --release --quiet
cargo bench --bench nota_queries --no-run --quiet 2>/dev/null
QBIN=$(ls -t target/release/deps/nota_queries-* | grep -v '\.d$' | head -1)

ENGINES=${ENGINES:-"tantivy-rs xapian fts5-stem bm25s lucene8 lucene9 ripgrep"} bash "$PEERS_DIR/run_all.sh" "$FLAT" "$OUT" "$ROUNDS" "$REPS" >/dev/null

drop() { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; }
# Megabytes of text as the peers count them (bytes / 1e6, not disk blocks).
MB=$(python3 -c "import os,sys; d=sys.argv[1]; print(sum(os.path.getsize(os.path.join(d,f)) for f in os.listdir(d))/1e6)" "$FLAT")
DOCS=$(ls "$FLAT" | wc -l)
index_run() { # label cores threads
  local ix=$WORK/ix-$1; rm -rf "$ix"; drop
  local t0; t0=$(date +%s.%N)
  RAYON_NUM_THREADS=$3 /usr/bin/time -f '%M %P' -o "$WORK/time-$1" taskset -c "$2" \
    ./target/release/nota --index "$ix" index "$FLAT" >/dev/null
  local t1; t1=$(date +%s.%N)
  python3 - "$1" "$t0" "$t1" "$MB" "$DOCS" "$ix" "$WORK/time-$1" >>"$RES" <<'PY'
import json, os, sys
label, t0, t1, mb, docs, ix, tf = sys.argv[1:]
wall = float(t1) - float(t0); rss, cpu = open(tf).read().split()[-2:]
size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(ix) for f in fs) / 1e6
print(json.dumps({"name": label, "phase": "index", "engine": "nota_nl + metadata", "MB": float(mb),
  "MB_per_s": float(mb) / wall, "docs_per_s": int(docs) / wall, "index_MB": round(size, 1),
  "proc_maxrss_MB": round(int(rss) / 1024, 1), "cpu": cpu, "proc_wall_s": round(wall, 2)}))
PY
}
index_run nota 1 1
index_run nota-2cores 0,1 2
# Cold: the first search of a fresh process after the page cache is dropped (the binary too),
# three times; the median is reported.
COLD=()
for _ in 1 2 3; do
  drop
  t0=$(date +%s%N); ./target/release/nota --index "$WORK/ix-nota" search "jeugdzorg gemeenten" --limit 10 >/dev/null; t1=$(date +%s%N)
  COLD+=($(( (t1 - t0) / 1000000 )))
done
COLD_CLI_MS=$(printf '%s\n' "${COLD[@]}" | sort -n | sed -n 2p)
drop
NOTA_INDEX=$WORK/ix-nota NOTA_QUERIES=$OUT/queries.tsv REPS=$REPS taskset -c 1 "$QBIN" >"$WORK/nota-queries.jsonl"
grep '"phase":"query"' "$WORK/nota-queries.jsonl" >>"$RES"

python3 "$PEERS_DIR/summarize.py" "$RES"
echo
echo "nota: cold first search (new process, page cache dropped, 'jeugdzorg gemeenten'): median ${COLD_CLI_MS} ms of ${COLD[*]} ms"
echo
echo "| nota query class (1 core) | queries | bare p50 ms | bare p99 ms | full p50 ms | full p99 ms |"
echo "|---|---|---|---|---|---|"
python3 - "$WORK/nota-queries.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if "class" in r:
        print(f"| {r['class']} | {r['queries']} | {r['bare_p50_ms']:.3f} | {r['bare_p99_ms']:.3f} | {r['full_p50_ms']:.3f} | {r['full_p99_ms']:.3f} |")
PY

# nota as ratios against each peer, from this run's rows, and the issue's targets.
python3 - "$RES" "$COLD_CLI_MS" "$WORK/nota-queries.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cold_ms = float(sys.argv[2])
classes = [json.loads(l) for l in open(sys.argv[3]) if '"class"' in l]
index = {r["name"]: r for r in rows if r.get("phase") == "index"}
query = {r["name"]: r for r in rows if r.get("phase") == "query"}
stage = {r["stage"]: r for r in rows if r.get("phase") == "limit"}
nota_i, nota_q = index["nota"], query["nota"]
print()
print("| nota against | indexing MB/s (nota ÷ peer) | warm p50 (peer ÷ nota) | warm p99 (peer ÷ nota) | hits (nota ÷ peer) |")
print("|---|---|---|---|---|")
for name in sorted(set(index) | set(query)):
    if name.startswith("nota"):
        continue
    i, q = index.get(name), query.get(name)
    cells = [f"{nota_i['MB_per_s'] / i['MB_per_s']:.2f}×" if i else "-"]
    if q:
        cells += [f"{q['warm_p50_us'] / nota_q['warm_p50_us']:.2f}×", f"{q['warm_p99_us'] / nota_q['warm_p99_us']:.2f}×",
                  f"{nota_q['total_hits'] / q['total_hits']:.2f}×"]
    else:
        cells += ["-", "-", "-"]
    print(f"| {name} | " + " | ".join(cells) + " |")
for s in ("+term_hashmap", "+dutch_stem+hashmap"):
    if s in stage:
        print(f"| tokbench {s} | {nota_i['MB_per_s'] / stage[s]['MB_per_s']:.2f}× | - | - | - |")

def check(label, ok, figure):
    print(f"| {label} | {figure} | {'met' if ok else 'missed'} |")
print()
print("| target | this run | |")
print("|---|---|---|")
if "lucene9" in index:
    r = nota_i["MB_per_s"] / index["lucene9"]["MB_per_s"]
    check("indexing, 1 thread, ≥ 2× Lucene 9", r >= 2, f"{r:.2f}×")
if "+term_hashmap" in stage:
    r = nota_i["MB_per_s"] / stage["+term_hashmap"]["MB_per_s"]
    check("indexing, 1 thread, ≥ 50% of tokbench tokenise-and-count", r >= 0.5, f"{r:.1%}")
if "nota-2cores" in index:
    r = index["nota-2cores"]["MB_per_s"] / nota_i["MB_per_s"]
    check("2 threads ≥ 1.7× 1 thread", r >= 1.7, f"{r:.2f}×")
if "lucene9" in query:
    r = nota_q["warm_p50_us"] / query["lucene9"]["warm_p50_us"]
    check("warm p50 no slower than Lucene 9", r <= 1, f"{nota_q['warm_p50_us']:.0f} µs, {r:.2f}× Lucene 9's")
worst = max(c["full_p99_ms"] for c in classes)
check("p99 < 5 ms with filters and facet counts", worst < 5, f"worst class {worst:.2f} ms")
check("cold first query < 200 ms", cold_ms < 200, f"{cold_ms:.0f} ms")
size = max(index[n]["index_MB"] / index[n]["MB"] for n in ("nota", "nota-2cores") if n in index)
check("index ≤ 1.2× input", size <= 1.2, f"{size:.2f}×")
rss = max(index[n]["proc_maxrss_MB"] for n in ("nota", "nota-2cores") if n in index)
check("peak RSS < 1 GB (this corpus; benches/peak_rss.sh for big texts)", rss < 1024, f"{rss:.0f} MB")
PY
