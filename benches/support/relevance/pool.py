#!/usr/bin/env python3
"""The judging pool: the union of each run's first DEPTH documents per query, with the systems
that returned each one, minus what JUDGMENTS already grades.

pool.py DEPTH JUDGMENTS.tsv NAME=RUN.tsv ...  -> qid <TAB> doc id <TAB> systems (to stdout)"""
import sys
from collections import defaultdict
depth = int(sys.argv[1])
done = set()
try:
    for line in open(sys.argv[2], encoding='utf-8'):
        if '\t' in line and not line.startswith('#'):
            q, d = line.split('\t')[:2]; done.add((q, d))
except FileNotFoundError:
    pass
pool = defaultdict(lambda: defaultdict(list))
for arg in sys.argv[3:]:
    name, path = arg.split('=', 1)
    for line in open(path, encoding='utf-8'):
        q, rank, d = line.rstrip('\n').split('\t')[:3]
        if int(rank) <= depth and (q, d) not in done:
            pool[q][d].append(name)
for q in sorted(pool):
    for d, systems in sorted(pool[q].items()):
        print(f"{q}\t{d}\t{','.join(systems)}")
