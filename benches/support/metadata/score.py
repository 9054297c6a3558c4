#!/usr/bin/env python3
"""Scores nota's derived metadata against the labelled set of tests/metadata/.

Usage: score.py LABELS_DIR NAME=SHOW_JSON_DIR [NAME=SHOW_JSON_DIR ...] [--misses NAME] [--held-out PREFIX]

Each SHOW_JSON_DIR holds `<doc file stem>.json`, the output of `nota show --json` for that
document. Prints, per system: province exact, scope, year exact (of documents with a stated
year), type (the label's or one a second reading found equally right, `type_also`), author
(the label's or `author_also`), and theme micro precision/recall/F1; over all documents and over the
held-out part (documents whose file starts with PREFIX, not looked at while the rules were
written). `--misses NAME` lists that system's misses on the other documents.
"""
import glob
import json
import os
import sys
import tomllib


def load_labels(directory):
    docs = []
    for path in sorted(glob.glob(os.path.join(directory, "labels-*.toml"))):
        with open(path, "rb") as f:
            docs.extend(tomllib.load(f)["doc"])
    return docs


def stem(doc):
    return os.path.splitext(os.path.basename(doc["file"]))[0]


def norm(s):
    return " ".join((s or "").casefold().replace("&", "en").split())


def score(docs, shown):
    """Per measure: (right, counted); themes: (tp, fp, fn)."""
    m = {k: [0, 0] for k in ("province", "scope", "year", "type", "author")}
    tp = fp = fn = 0
    misses = []
    for d in docs:
        got = shown.get(stem(d))
        if got is None:
            misses.append((d["file"], "not indexed", "", ""))
            for k in m:
                m[k][1] += 1
            continue

        def check(key, right, expected, found):
            m[key][1] += 1
            if right:
                m[key][0] += 1
            else:
                misses.append((d["file"], key, expected, found))

        check("province", set(got.get("provinces", [])) == set(d["provinces"]),
              d["provinces"], got.get("provinces"))
        check("scope", got.get("scope") == d["scope"], d["scope"], got.get("scope"))
        if "year" in d:
            check("year", got.get("year") == d["year"], d["year"],
                  f'{got.get("year")} ({(got.get("evidence", {}).get("year") or {}).get("evidence", "")})')
        types = {d["doc_type"], *d.get("type_also", [])}
        check("type", got.get("doc_type") in types, d["doc_type"],
              f'{got.get("doc_type")} ({got.get("evidence", {}).get("doc_type")})')
        if d.get("author"):
            ok = {norm(d["author"])} | {norm(a) for a in d.get("author_also", [])}
            check("author", norm(got.get("author")) in ok, d["author"],
                  f'{got.get("author")} ({got.get("evidence", {}).get("author")})')
        want, have = set(d["themes"]), set(got.get("themes", []))
        tp += len(want & have)
        fp += len(have - want)
        fn += len(want - have)
        if want != have:
            cues = {t["name"]: t["cues"] for t in got.get("evidence", {}).get("themes", [])}
            extra = {t: cues.get(t) for t in sorted(have - want)}
            misses.append((d["file"], "themes", sorted(want), f"{sorted(have)} extra cues {extra}"))
    return m, (tp, fp, fn), misses


def line(name, m, themes, n):
    tp, fp, fn = themes
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    cells = [f"{name:<8}", f"{n:>4}"]
    for k in ("province", "scope", "year", "type", "author"):
        right, counted = m[k]
        cells.append(f"{100 * right / counted if counted else 0:5.1f}% ({right}/{counted})")
    cells.append(f"P {p:.2f} R {r:.2f} F1 {f1:.2f}")
    return "  ".join(cells)


def main():
    args = sys.argv[1:]
    misses_of = None
    held_out = None
    if "--misses" in args:
        i = args.index("--misses")
        misses_of = args[i + 1]
        del args[i:i + 2]
    if "--held-out" in args:
        i = args.index("--held-out")
        held_out = args[i + 1]
        del args[i:i + 2]
    docs = load_labels(args[0])
    systems = []
    for spec in args[1:]:
        name, directory = spec.split("=", 1)
        shown = {}
        for path in glob.glob(os.path.join(directory, "*.json")):
            with open(path) as f:
                shown[os.path.splitext(os.path.basename(path))[0]] = json.load(f)
        systems.append((name, shown))
    parts = [("all documents", docs)]
    if held_out:
        parts.append((f"held out ({held_out}*, not looked at while writing the rules)",
                      [d for d in docs if stem(d).startswith(held_out)]))
    header = (f"{'system':<8}  {'docs':>4}  {'province exact':<16}  {'scope':<16}  "
              f"{'year exact':<16}  {'type':<16}  {'author':<16}  themes (micro)")
    for title, part in parts:
        print(f"\n{title}:")
        print(header)
        for name, shown in systems:
            m, themes, _ = score(part, shown)
            print(line(name, m, themes, len(part)))
    if misses_of:
        shown = dict(systems)[misses_of]
        seen = [d for d in docs if not (held_out and stem(d).startswith(held_out))]
        _, _, misses = score(seen, shown)
        print(f"\nmisses of {misses_of} outside the held-out part:")
        for file, key, expected, found in misses:
            print(f"  {os.path.basename(file)}  {key}: labelled {expected}, found {found}")


if __name__ == "__main__":
    main()
