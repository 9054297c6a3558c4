#!/usr/bin/env python3
"""stem_audit.py LAWS_DIR TAXONOMY NOTA: the stem groups of the taxonomy's cue words and the
300 most frequent corpus words (see benches/stem_audit.sh)."""
import collections, json, os, re, subprocess, sys, tomllib, unicodedata
laws, taxonomy, nota = sys.argv[1:4]
STOP = set(open(os.path.join(os.path.dirname(__file__), 'dutch_stop.txt')).read().split()) \
    if os.path.exists(os.path.join(os.path.dirname(__file__), 'dutch_stop.txt')) else set()
def fold(w):
    return ''.join(c for c in unicodedata.normalize('NFD', w) if unicodedata.category(c) != 'Mn')
counts = collections.Counter()
for root, _, files in os.walk(laws):
    for f in files:
        if f.endswith('.txt'):
            text = open(os.path.join(root, f), encoding='utf-8', errors='replace').read().lower()
            counts.update(fold(w) for w in re.findall(r"[^\W\d_]{3,}", text))
words = [w for w, n in counts.most_common(60000)]
def terms(batch):
    """Stemmed term of each word (the index chain, compound parts left out)."""
    text = ' '.join(batch)
    raw = text.encode('utf-8')
    out = subprocess.run([nota, 'analyze', '--json', text], capture_output=True, text=True, check=True)
    term = {}
    for t in json.loads(out.stdout):
        if 'decompounder' in t['steps']:
            continue
        term.setdefault(raw[t['from']:t['to']].decode('utf-8'), t['token'])
    return term
term = {}
for i in range(0, len(words), 5000):
    term.update(terms(words[i:i + 5000]))
groups = collections.defaultdict(list)
for w in words:
    if w in term:
        groups[term[w]].append(w)
tax = tomllib.load(open(taxonomy, 'rb'))
cues = sorted({c for sec in ('themes', 'roles') for cs in tax.get(sec, {}).values()
               for c in (cs if isinstance(cs, list) else cs.get('cues', [])) if ' ' not in c})
frequent = [w for w, _ in counts.most_common(3000) if w in term and term[w] != '' and len(w) > 3][:300]
def show(label, w):
    t = term.get(w)
    if t is None:
        print(f"{label} {w}: stop word or not in the corpus"); return
    group = sorted(groups[t], key=lambda x: -counts[x])[:25]
    near = sorted({x for x in words[:60000] if x[:max(4, len(w) - 2)] == w[:max(4, len(w) - 2)]
                   and term.get(x) not in (t, None)}, key=lambda x: -counts[x])[:12]
    print(f"{label} {w} -> [{t}] " + ', '.join(f"{x}({counts[x]})" for x in group))
    if near:
        print("    apart: " + ', '.join(f"{x}({counts[x]})=>[{term[x]}]" for x in near))
print(f"# {len(cues)} taxonomy cues, {len(frequent)} frequent words; group = corpus words with the same term")
for c in cues:
    show('cue', fold(c.lower()))
for w in frequent:
    show('top', w)
