#!/usr/bin/env bash
# Whether a change altered what nota finds: indexes the real corpus (15,251 texts, 238 MB) with
# this build and with an older binary, runs the benchmark query set with each on its own index
# (the peers' 50 queries from ../shared/bench/peers/gen_queries.py, as benches/nota_queries.rs
# reads them, plus nota's phrase, compound and filter queries) and compares the JSON answers,
# scores, snippets and facet counts included.
#
#   BASELINE=/path/to/old/nota bash benches/same_results.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${BASELINE:-}" ] || { echo "same_results: set BASELINE to the older nota binary" >&2; exit 1; }
[ -d ../shared/corpora ] || { echo "same_results: ../shared/corpora is missing" >&2; exit 1; }
[ -d target/bwb/bwb-laws-markdown ] || bash ../shared/corpora/unpack.sh target/bwb >/dev/null
cargo build --release --quiet
WORK=$(realpath -m target/same-results)
mkdir -p "$WORK"
LAWS=$(realpath target/bwb/bwb-laws-markdown/docs)
FLAT=$WORK/flat
if [ ! -d "$FLAT" ]; then
  mkdir -p "$FLAT" && find "$LAWS" -name '*.txt' -exec cp {} "$FLAT/" \;
fi
python3 ../shared/bench/peers/gen_queries.py "$FLAT" "$WORK/queries.tsv" >/dev/null
# One line per query: the nota search arguments, tab-separated.
python3 - "$WORK/queries.tsv" >"$WORK/args.tsv" <<'PY'
import sys
for line in open(sys.argv[1], encoding='utf-8'):
    kind, words = line.rstrip('\n').split('\t')
    print(' OR '.join(words.split()) if kind == 'or' else words)
for q in ['"sociaal domein"', '"wet maatschappelijke ondersteuning"',
          '"college van burgemeester en wethouders"', 'jeugdzorg', 'ouderenzorg',
          'armoedebestrijding', 'zorgverzekeraar']:
    print(q)
print('subsidie\t--year\t2005..2015\t--theme\tzorg')
print('gemeenten zorg\t--year\t2005..2015\t--theme\tzorg')
print('provincie\t--province\tflevoland')
print('\t--year\t2005..2015\t--theme\tzorg')
PY
for name in baseline nota; do
  exe=$([ "$name" = baseline ] && echo "$BASELINE" || echo ./target/release/nota)
  rm -rf "$WORK/ix-$name" "$WORK/out-$name"; mkdir -p "$WORK/out-$name"
  "$exe" --index "$WORK/ix-$name" index "$FLAT" >/dev/null
  i=0
  while IFS= read -r line; do
    IFS=$'\t' read -r -a args <<<"$line"
    [ ${#args[@]} -eq 0 ] && args=("")
    "$exe" --index "$WORK/ix-$name" search --json --limit 20 "${args[@]}" >"$WORK/out-$name/$i.json"
    i=$((i + 1))
  done <"$WORK/args.tsv"
done
n=$(wc -l <"$WORK/args.tsv")
if diff -r "$WORK/out-baseline" "$WORK/out-nota" >"$WORK/diff.txt"; then
  echo "same_results: all $n queries give byte-identical JSON (scores, snippets, facets) on 15,251 texts"
else
  echo "same_results: answers differ; see $WORK/diff.txt" >&2
  head -40 "$WORK/diff.txt" >&2
  exit 1
fi
