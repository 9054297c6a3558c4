#!/usr/bin/env bash
# Ranking quality on the judged collection (tests/relevance/): nota before, nota after, Lucene 9
# (stock DutchAnalyzer, classic query parser, OR) and plain BM25 (bm25s, Snowball Dutch), each
# run once over the real laws corpus (../shared/corpora, 15,251 texts) plus the sample memos,
# scored by benches/support/relevance/evaluate.py: nDCG@10, Recall@100, judged share of the top 10.
#
#   bash benches/relevance.sh                         # nota after (this build) and the peers
#   NOTA_BEFORE=/path/to/old/nota bash benches/relevance.sh
#   SIGNALS=1 bash benches/relevance.sh               # also nota with each signal left out
#   POOL=20 bash benches/relevance.sh                 # print the unjudged pool instead
# Lucene 9 and BM25 need the peers installed once: bash ../shared/bench/peers/setup.sh (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/corpora ] || { echo "relevance: ../shared is missing; the judged collection needs its laws corpus" >&2; exit 1; }
[ -d target/bwb/bwb-laws-markdown ] || bash ../shared/corpora/unpack.sh target/bwb >/dev/null
W=$(realpath -m target/relevance); C=$W/corpus; R=$W/runs; mkdir -p "$R"
if [ ! -d "$C" ]; then
  mkdir -p "$C"
  find target/bwb/bwb-laws-markdown/docs -type f \( -name '*.txt' -o -name '*.json' \) -exec ln -f {} "$C/" \;
  cp corpus/* "$C/"
fi
Q=tests/relevance/queries.tsv; J=tests/relevance/judgments.tsv; S=benches/support/relevance
DEPTH=100
cargo build --release --quiet
nota_run() { # name binary [search flags...]
  local name=$1 bin=$2; shift 2
  # One index per build (before/after); indexing again only redoes what the build derives anew.
  local ix=$W/ix-${name%%-*}-${name#*-}; [ "$name" = nota-before ] || ix=$W/ix-nota-after
  "$bin" --index "$ix" index "$C" >/dev/null 2>&1
  grep -v '^#' "$Q" | while IFS=$'\t' read -r qid _ query _; do
    "$bin" --index "$ix" search --json --limit $DEPTH "$@" -- "$query" 2>/dev/null </dev/null |
      python3 "$S/hits.py" "$qid" || true
  done >"$R/$name.tsv"
}
RUNS=()
if [ -n "${NOTA_BEFORE:-}" ]; then nota_run nota-before "$NOTA_BEFORE"; RUNS+=("nota-before=$R/nota-before.tsv"); fi
nota_run nota-after target/release/nota; RUNS+=("nota-after=$R/nota-after.tsv")
if [ -n "${SIGNALS:-}" ]; then
  for signal in title parts joined families synonyms proximity; do
    nota_run "no-$signal" target/release/nota --without "$signal"; RUNS+=("no-$signal=$R/no-$signal.tsv")
  done
fi
ENV_SH=${PEERS:-$HOME/.cache/nota-peers}/env.sh
if [ -f "$ENV_SH" ]; then
  # shellcheck disable=SC1090
  source "$ENV_SH"
  mkdir -p "$W/cls"
  javac --release 17 -d "$W/cls" -cp "$LUCENE9_JAR" "$S/LuceneRank.java"
  [ -d "$W/lucene9" ] || "$JAVA25" -Xmx2g -cp "$LUCENE9_JAR:$W/cls" LuceneRank index "$C" "$W/lucene9"
  "$JAVA25" -Xmx2g -cp "$LUCENE9_JAR:$W/cls" LuceneRank rank "$W/lucene9" "$Q" $DEPTH >"$R/lucene9.tsv" 2>/dev/null
  "$PY" "$S/bm25_rank.py" "$C" "$Q" $DEPTH ../shared/bench/peers >"$R/bm25.tsv"
  RUNS+=("lucene9=$R/lucene9.tsv" "bm25=$R/bm25.tsv")
else
  echo "relevance: peers not installed ($ENV_SH missing), so Lucene 9 and BM25 are left out" >&2
fi
if [ -n "${POOL:-}" ]; then
  python3 "$S/pool.py" "$POOL" "$J" "${RUNS[@]}"
else
  python3 "$S/evaluate.py" "$Q" "$J" "${RUNS[@]}"
fi
