#!/usr/bin/env bash
# Whether a change altered what nota finds: indexes the real corpus (15,251 texts, 238 MB) with
# this build and with an older binary, runs the benchmark query set with each on its own index
# (the peers' 50 queries from ../shared/bench/peers/gen_queries.py, as benches/nota_queries.rs
# reads them, plus nota's phrase, compound and filter queries) and compares the JSON answers,
# scores, snippets and facet counts included; the baseline is run twice, since its own answers
# vary from run to run in the last digits of float scores and the order of equal scores.
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
# The baseline twice: tantivy's two writer threads take documents in the order they come, so
# which segment a document lands in varies from run to run, and with it the order in which
# floating-point scores are summed and equal scores are ranked. Its own variation is the yardstick.
for name in baseline baseline-again nota; do
  exe=$([ "$name" = nota ] && echo ./target/release/nota || echo "$BASELINE")
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
python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
n = len(os.listdir(f'{work}/out-nota'))

def compare(x, y):
    """'same' (byte-identical JSON), 'rounding' (same totals, facets, hits and snippets; scores
    equal to 1e-6 relative; only hits with equal scores in another order) or 'different'."""
    a = json.load(open(f'{work}/out-{x}/{i}.json')); b = json.load(open(f'{work}/out-{y}/{i}.json'))
    if a == b:
        return 'same'
    if a['total'] != b['total'] or a['facets'] != b['facets'] or len(a['hits']) != len(b['hits']):
        return 'different'
    def key(h):
        return (round(h['score'] * 1e5), h['path'])
    def strip(h):
        return {k: v for k, v in h.items() if k != 'score'}
    ha = sorted(a['hits'], key=key); hb = sorted(b['hits'], key=key)
    for p, q in zip(ha, hb):
        if strip(p) != strip(q) or abs(p['score'] - q['score']) > 1e-6 * abs(p['score']):
            # A different document can only be a tie at the cut-off of the top 20.
            if abs(p['score'] - a['hits'][-1]['score']) > 1e-6 * abs(p['score']):
                return 'different'
    return 'rounding'

for x, y in [('baseline', 'baseline-again'), ('baseline', 'nota')]:
    counts = {'same': 0, 'rounding': 0, 'different': 0}
    bad = []
    for i in range(n):
        c = compare(x, y); counts[c] += 1
        if c == 'different':
            bad.append(i)
    print(f"{y} against {x}, {n} queries: {counts['same']} byte-identical JSON, "
          f"{counts['rounding']} the same but for the last digits of float scores and the order of "
          f"equal scores, {counts['different']} different {bad if bad else ''}")
PY
