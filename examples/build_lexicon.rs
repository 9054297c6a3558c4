//! Builds nota's Dutch compound lexicon, `data/lexicon/*.fst`, from OpenTaal's hunspell
//! dictionary and word frequencies of the real corpus. Run it through
//! `data/lexicon/regenerate.sh`, which installs what it needs; a fresh clone uses the committed
//! `.fst` files and needs none of this.
//!
//! * `heads.fst` (map): words that may begin or sit inside a compound → how much of the word is a
//!   linking morpheme (0, or 1 for the linking -s- of `welzijns`). From the hunspell flags `Ca`,
//!   `Cb`, `Ce` (as they are), `Ch`, `Cd` (with -s), and suffix rules whose forms carry `Ca`/`Cb`
//!   (plurals such as `ouderen`).
//! * `tails.fst` (set): words that may end a compound (flag `Cc`) and their inflected forms.
//! * `freq.fst` (map): word → count in the corpus, for choosing between splits and for not
//!   splitting a word that is more common whole than its parts are.
//!
//! Usage: build_lexicon NL_DIC NL_AFF CORPUS_DIR CURATED_TOML OUT_DIR

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Words shorter than this are neither heads nor tails (except curated ones).
const MIN_PART: usize = 3;
/// Words seen fewer times are left out of the frequency map.
const MIN_COUNT: u64 = 2;

struct Suffix {
    strip: String,
    add: String,
    cont: Vec<String>,
    condition: Vec<CharClass>,
}

enum CharClass {
    Any,
    Is(Vec<char>),
    Not(Vec<char>),
}

fn flags(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars.chunks(2).map(|c| c.iter().collect()).collect()
}

fn parse_condition(cond: &str) -> Vec<CharClass> {
    let mut out = Vec::new();
    let mut chars = cond.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => out.push(CharClass::Any),
            '[' => {
                let negate = chars.peek() == Some(&'^');
                if negate {
                    chars.next();
                }
                let mut set = Vec::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    set.push(c);
                }
                out.push(if negate {
                    CharClass::Not(set)
                } else {
                    CharClass::Is(set)
                });
            }
            c => out.push(CharClass::Is(vec![c])),
        }
    }
    out
}

fn matches_end(word: &str, condition: &[CharClass]) -> bool {
    let chars: Vec<char> = word.chars().collect();
    if condition.len() > chars.len() {
        return false;
    }
    let tail = &chars[chars.len() - condition.len()..];
    tail.iter().zip(condition).all(|(c, class)| match class {
        CharClass::Any => true,
        CharClass::Is(set) => set.contains(c),
        CharClass::Not(set) => !set.contains(c),
    })
}

fn parse_aff(text: &str) -> HashMap<String, Vec<Suffix>> {
    let mut rules: HashMap<String, Vec<Suffix>> = HashMap::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() < 5 || parts[0] != "SFX" {
            continue;
        }
        let (add, cont) = match parts[3].split_once('/') {
            Some((a, c)) => (a, flags(c)),
            None => (parts[3], Vec::new()),
        };
        rules.entry(parts[1].to_string()).or_default().push(Suffix {
            strip: if parts[2] == "0" {
                String::new()
            } else {
                parts[2].to_string()
            },
            add: if add == "0" {
                String::new()
            } else {
                add.to_string()
            },
            cont,
            condition: parse_condition(parts[4]),
        });
    }
    rules
}

fn is_plain_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
}

fn corpus_counts(dir: &Path) -> HashMap<String, u64> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.len() >= MIN_PART {
                *counts.entry(word.to_lowercase()).or_default() += 1;
            }
        }
    }
    counts
}

#[derive(serde::Deserialize, Default)]
struct Curated {
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    tails: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dic, aff, corpus, curated, out] = &args[..] else {
        eprintln!("usage: build_lexicon NL_DIC NL_AFF CORPUS_DIR CURATED_TOML OUT_DIR");
        std::process::exit(2);
    };
    let rules = parse_aff(&std::fs::read_to_string(aff).expect("nl.aff"));
    let dic = std::fs::read_to_string(dic)
        .expect("nl.dic")
        .replace('ĳ', "ij");
    let curated: Curated =
        toml::from_str(&std::fs::read_to_string(curated).expect("curated.toml")).expect("toml");

    // head → linking bytes at its end
    let mut heads: BTreeMap<String, u64> = BTreeMap::new();
    let mut tails: BTreeSet<String> = BTreeSet::new();
    for line in dic.lines().skip(1) {
        let entry = line.split(['\t', ' ']).next().unwrap_or("");
        let (word, word_flags) = match entry.split_once('/') {
            Some((w, f)) => (w, flags(f)),
            None => (entry, Vec::new()),
        };
        if !is_plain_lowercase(word) || word.chars().count() < MIN_PART {
            continue;
        }
        let has = |f: &str| word_flags.iter().any(|x| x == f);
        if has("Ca") || has("Cb") || has("Ce") {
            heads.entry(word.to_string()).or_insert(0);
        }
        if has("Ch") || has("Cd") {
            heads.insert(format!("{word}s"), 1);
        }
        if has("Cc") {
            tails.insert(word.to_string());
        }
        for flag in &word_flags {
            let Some(suffixes) = rules.get(flag) else {
                continue;
            };
            if flag == "Ch" || flag == "Cd" {
                continue;
            }
            for sfx in suffixes {
                if !matches_end(word, &sfx.condition) || !word.ends_with(&sfx.strip) {
                    continue;
                }
                let form = format!("{}{}", &word[..word.len() - sfx.strip.len()], sfx.add);
                if !is_plain_lowercase(&form) {
                    continue;
                }
                if sfx.cont.iter().any(|c| c == "Ca" || c == "Cb") {
                    heads.entry(form.clone()).or_insert(0);
                }
                if has("Cc") && flag.starts_with('Z') {
                    tails.insert(form);
                }
            }
        }
    }
    for h in curated.heads {
        heads.entry(h).or_insert(0);
    }
    tails.extend(curated.tails);

    let counts = corpus_counts(Path::new(corpus));
    let freq: BTreeMap<&String, u64> = counts
        .iter()
        .filter(|(w, &n)| n >= MIN_COUNT || heads.contains_key(*w) || tails.contains(*w))
        .map(|(w, &n)| (w, n))
        .collect();

    let out = Path::new(out);
    let heads_fst =
        fst::Map::from_iter(heads.iter().map(|(k, v)| (k.as_bytes(), *v))).expect("sorted heads");
    std::fs::write(out.join("heads.fst"), heads_fst.as_fst().as_bytes()).expect("write heads");
    let tails_fst = fst::Set::from_iter(tails.iter()).expect("sorted tails");
    std::fs::write(out.join("tails.fst"), tails_fst.as_fst().as_bytes()).expect("write tails");
    let freq_fst =
        fst::Map::from_iter(freq.iter().map(|(k, v)| (k.as_bytes(), *v))).expect("sorted freq");
    std::fs::write(out.join("freq.fst"), freq_fst.as_fst().as_bytes()).expect("write freq");
    println!(
        "heads {} · tails {} · frequencies {} (corpus vocabulary {})",
        heads.len(),
        tails.len(),
        freq.len(),
        counts.len()
    );
}
