#!/usr/bin/env bash
# nota on an OpenSearch cluster against nota on a folder, in one run over the same documents:
# 40 MB of the real laws corpus (../shared/corpora, some 2,500 texts) plus the sample memos.
#
# 1. Loading: nota into a folder, nota into the cluster (`--index URL`), and OpenSearch indexing
#    the same raw texts with its built-in `dutch` analyzer (a plain `_bulk` of path + text):
#    MB/s of each.
# 2. Parity: the queries of benches/support/opensearch/queries.tsv on both: `total` and facet
#    counts (equal for filter-only queries), top-10 overlap for text queries; a row per query.
# 3. Query latency: p50/p99 of `nota search` (a process per query, as a user runs it) on the
#    folder and on the cluster.
#
#   bash benches/opensearch.sh [MB=40] [REPS=5]
# Needs Java 17 and mvn (tests/opensearch/node.sh starts the node), and ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-40}; REPS=${2:-5}
[ -d ../shared/corpora ] || { echo "opensearch bench: ../shared is missing; it needs the laws corpus" >&2; exit 1; }
laws=$(bash ../shared/corpora/unpack.sh target/bwb)
W=$(realpath -m target/opensearch-bench); C=$W/corpus
cargo build --release --quiet
if [ ! -d "$C" ]; then
  mkdir -p "$C"
  total=0
  while IFS= read -r f; do
    [ "$total" -ge $((MB * 1000000)) ] && break
    ln -f "$f" "$C/"
    total=$((total + $(stat -c %s "$f")))
  done < <(find "$laws/docs" -name '*.txt' | sort)
  cp corpus/* "$C/"
fi
DOCS=$(ls "$C" | wc -l)
SIZE=$(du -sb "$C" | cut -f1)
export NOTA_OPENSEARCH_HOME=$W/node NOTA_OPENSEARCH_PORT=19500 NOTA_OPENSEARCH_HEAP=1g
export NOTA_OPENSEARCH_OWNER_PID=$$ NOTA_OPENSEARCH_REPLICAS=0
BASE=$(bash tests/opensearch/node.sh start)
URL=$BASE/nota-bench
curl -s -XDELETE "$URL" >/dev/null; curl -s -XDELETE "$BASE/plain-dutch" >/dev/null
rm -rf "$W/ix"

seconds() { local t0; t0=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $t0" | bc; }
LOCAL_S=$(seconds ./target/release/nota --index "$W/ix" index "$C")
CLUSTER_S=$(seconds ./target/release/nota --index "$URL" index "$C")
PLAIN_S=$(python3 benches/support/opensearch/plain_bulk.py "$BASE/plain-dutch" "$C")
echo "## Loading $DOCS texts, $((SIZE / 1000000)) MB"
echo
echo "| loader | seconds | MB/s |"
echo "|---|---|---|"
for row in "nota → folder:$LOCAL_S" "nota → cluster:$CLUSTER_S" "OpenSearch _bulk, dutch analyzer (raw text):$PLAIN_S"; do
  name=${row%%:*}; s=${row##*:}
  printf '| %s | %.1f | %.2f |\n' "$name" "$s" "$(echo "$SIZE / 1000000 / $s" | bc -l)"
done
echo
python3 benches/support/opensearch/parity.py ./target/release/nota "$W/ix" "$URL" \
  benches/support/opensearch/queries.tsv "$REPS"
bash tests/opensearch/node.sh stop
