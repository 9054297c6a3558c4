#!/usr/bin/env bash
# The stem audit of issue 16 (point 4): for the taxonomy's cue words and the 300 most frequent
# words of the laws corpus (nouns and others; stop words and numbers left out), every corpus word
# that gets the same stemmed term, with its count, and the forms that start alike but got another
# term (a plural left apart from its singular shows up there). Read it for words of different
# meaning in one group and singulars apart from their plurals; fix in data/stem_overrides.txt with
# a row per fix in tests/fixtures/morphology.tsv.
#   bash benches/stem_audit.sh > target/stem-audit.txt
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/corpora ] || { echo "stem audit: ../shared is missing (it reads the laws corpus)" >&2; exit 1; }
[ -d target/bwb/bwb-laws-markdown ] || bash ../shared/corpora/unpack.sh target/bwb >/dev/null
cargo build --release --quiet
python3 benches/support/stem_audit.py target/bwb/bwb-laws-markdown/docs data/taxonomy.toml ./target/release/nota
