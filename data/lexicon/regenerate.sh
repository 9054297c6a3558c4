#!/usr/bin/env bash
# Rebuilds data/lexicon/{heads,tails,freq}.fst from OpenTaal's hunspell dictionary (Debian
# package hunspell-nl) and word counts of the real corpus in ../shared/corpora.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f /usr/share/hunspell/nl.dic ]; then
  apt-get update -qq && apt-get install -y -qq hunspell-nl
fi
corpus=$(bash ../shared/corpora/unpack.sh target/bwb)
cargo run --release --example build_lexicon -- \
  /usr/share/hunspell/nl.dic /usr/share/hunspell/nl.aff "$corpus" \
  data/lexicon/curated.toml data/lexicon
