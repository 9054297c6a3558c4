"""The same searches on a local index and on a cluster (benches/opensearch.sh): per query the
totals, whether the facet counts agree, and the top-10 overlap; then the latency of each.

    python3 parity.py NOTA LOCAL_INDEX CLUSTER_URL QUERIES.tsv REPS

Overlap@10 is the share of the local top 10 that the cluster's top 10 has (a short page filled
with documents that hold most of the words included, on both).
"""
import json
import subprocess
import sys
import time


def search(nota, index, query, flags):
    args = [nota, "--index", index, "search", "--json", "--limit", "10", *flags]
    if query:
        args += ["--", query]
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    elapsed = (time.perf_counter() - t0) * 1000
    if out.returncode != 0:
        sys.exit(f"parity: {' '.join(args)} failed: {out.stderr.strip()}")
    return json.loads(out.stdout), elapsed


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    nota, local, cluster, queries, reps = sys.argv[1:6]
    reps = int(reps)
    rows = []
    for line in open(queries, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        qid, kind, query, flags = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
        rows.append((qid, kind, query, flags.split()))
    print("## Parity: the same searches on the folder and on the cluster")
    print()
    print("| id | kind | query | filters | total folder | total cluster | facets agree | overlap@10 |")
    print("|---|---|---|---|---|---|---|---|")
    overlaps, same_totals, same_facets = [], 0, 0
    filter_rows = 0
    for qid, kind, query, flags in rows:
        a, _ = search(nota, local, query, flags)
        b, _ = search(nota, cluster, query, flags)
        mine = [h["path"] for h in a["hits"]]
        theirs = [h["path"] for h in b["hits"]]
        overlap = len(set(mine) & set(theirs)) / len(mine) if mine else 1.0
        facets = a["facets"] == b["facets"]
        same_totals += a["total"] == b["total"]
        same_facets += facets
        if kind == "filters":
            filter_rows += 1
        else:
            overlaps.append(overlap)
        print(f"| {qid} | {kind} | {query} | {' '.join(flags)} | {a['total']} | {b['total']} | "
              f"{'yes' if facets else 'no'} | {overlap:.2f} |")
    print()
    print(f"- same total: {same_totals} of {len(rows)} queries; same facet counts: "
          f"{same_facets} of {len(rows)}")
    print(f"- mean overlap@10 over the {len(overlaps)} text queries: "
          f"{sum(overlaps) / len(overlaps):.3f} (lowest {min(overlaps):.2f})")
    print()
    times = {"folder": [], "cluster": []}
    for _ in range(reps):
        for _, _, query, flags in rows:
            times["folder"].append(search(nota, local, query, flags)[1])
            times["cluster"].append(search(nota, cluster, query, flags)[1])
    print(f"## `nota search` latency, a process per query ({reps} × {len(rows)} queries)")
    print()
    print("| index | p50 ms | p99 ms |")
    print("|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {percentile(values, 0.5):.1f} | {percentile(values, 0.99):.1f} |")
    p50 = percentile(times["cluster"], 0.5) / percentile(times["folder"], 0.5)
    print()
    print(f"cluster ÷ folder at p50: {p50:.2f}×")


if __name__ == "__main__":
    main()
