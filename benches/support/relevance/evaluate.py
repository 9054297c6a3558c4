#!/usr/bin/env python3
"""Scores ranked runs against tests/relevance/judgments.tsv.

evaluate.py QUERIES.tsv JUDGMENTS.tsv NAME=RUN.tsv ...   (a run: qid <TAB> rank <TAB> doc id)

Per system: nDCG@10 (gain 2^grade - 1, log2 discount, ideal from every judged document of the
query), Recall@100 (documents graded 1 or 2 found in the first 100, over all such documents
judged for the query), and the share of the first 10 that is judged (unjudged count as 0 in
nDCG; a low share means the figure is a lower bound). Also nDCG@10 per query kind."""
import math, sys
from collections import defaultdict

def read_queries(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        qid, kind, query = line.rstrip('\n').split('\t')[:3]
        out[qid] = (kind, query)
    return out

def read_judgments(path):
    grades = defaultdict(dict)
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        qid, doc, grade = line.rstrip('\n').split('\t')[:3]
        grades[qid][doc] = int(grade)
    return grades

def read_run(path):
    ranked = defaultdict(list)
    for line in open(path, encoding='utf-8'):
        parts = line.rstrip('\n').split('\t')
        if len(parts) >= 3:
            ranked[parts[0]].append((int(parts[1]), parts[2]))
    return {q: [d for _, d in sorted(v)] for q, v in ranked.items()}

def dcg(gains):
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))

def measures(docs, judged):
    top = docs[:10]
    ideal = dcg(sorted(judged.values(), reverse=True)[:10])
    ndcg = dcg([judged.get(d, 0) for d in top]) / ideal if ideal > 0 else None
    relevant = {d for d, g in judged.items() if g > 0}
    recall = len(relevant & set(docs[:100])) / len(relevant) if relevant else None
    share = sum(1 for d in top if d in judged) / len(top) if top else 1.0
    return ndcg, recall, share

def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else float('nan')

def main():
    queries = read_queries(sys.argv[1]); grades = read_judgments(sys.argv[2])
    runs = [(arg.split('=', 1)[0], read_run(arg.split('=', 1)[1])) for arg in sys.argv[3:]]
    kinds = sorted({k for k, _ in queries.values()})
    judged_q = [q for q in queries if grades.get(q)]
    print(f"{len(judged_q)} judged queries of {len(queries)}; "
          f"{sum(len(grades[q]) for q in judged_q)} judgments")
    head = f"{'system':<16}{'nDCG@10':>9}{'R@100':>8}{'judged@10':>11}" + ''.join(f"{'nDCG ' + k:>13}" for k in kinds)
    print(head); print('-' * len(head))
    for name, run in runs:
        rows = {q: measures(run.get(q, []), grades[q]) for q in judged_q}
        line = f"{name:<16}{mean(r[0] for r in rows.values()):>9.3f}{mean(r[1] for r in rows.values()):>8.3f}"
        line += f"{mean(r[2] for r in rows.values()):>11.2f}"
        for k in kinds:
            line += f"{mean(rows[q][0] for q in judged_q if queries[q][0] == k):>13.3f}"
        print(line)

if __name__ == '__main__':
    main()
