//! Word families: the derivations and inflections of a word that Dutch morphology puts in one
//! family and the stemmer leaves apart: `dakloze` → dakloos, dakloosheid; `verslaafde` →
//! verslaving, verslaafd; `eenzame` → eenzaam, eenzaamheid; `werkloze` → werkloosheid.
//!
//! Two regular rules of Dutch spelling and word formation do the work, no list per word:
//! a word is taken back to its bases by removing one suffix (`-heid`, `-heden`, `-ing(en)`,
//! `-schap`, the inflection `-e`/`-en`, the participle endings `-d(e)(n)`/`-t(e)(n)`) and writing
//! the stem as it stands at the end of a syllable (`dakloz` → `dakloos`: z/v become s/f, a
//! single vowel in an open syllable doubles, a doubled consonant undoubles); from each base the
//! family's forms are made again (`-heid`, `-e`, `-en`, `-ing`, `-d`, `-de`, `-t`, `-te`, with
//! the base spelled as before a vowel: `dakloos` → `dakloz-`). Most forms made this way are not
//! words; the caller keeps those the lexicon or the index knows ([`relatives`] takes that test),
//! so the families come from data that is regenerated, not typed: OpenTaal's word list
//! (`data/lexicon`) and the corpus itself.
//!
//! Words of the stem override list (`data/stem_overrides.txt`) have no family: those are the
//! words whose forms were found to collide (`ouderen` the elderly, `ouders` parents), and the
//! rules above would join them again.

use super::filters::stem_override;
use super::filters::stemmer::term_of;

/// Words shorter than this (in characters) get no family: short stems make too many false
/// relatives (`wet`, `plan`).
const MIN_WORD: usize = 5;
/// At most this many relatives per word.
const MAX_RELATIVES: usize = 8;

/// Suffixes taken off to find a base; each base is then spelled as at a syllable end.
const DERIVATIONAL: &[&str] = &["heden", "heid", "ingen", "ing", "schap"];
const INFLECTIONAL: &[&str] = &["den", "ten", "de", "te", "en", "e", "d", "t"];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// `stem` spelled as at the end of a syllable: `dakloz` → `dakloos`, `verslav` → `verslaaf`,
/// `stemm` → `stem`.
fn closed(stem: &str) -> String {
    let mut chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    if n >= 2 && chars[n - 1] == chars[n - 2] && !is_vowel(chars[n - 1]) {
        chars.pop();
        return chars.into_iter().collect();
    }
    if let Some(last) = chars.last_mut() {
        match *last {
            'z' => *last = 's',
            'v' => *last = 'f',
            _ => {}
        }
    }
    let n = chars.len();
    // consonant, single vowel, consonant at the end: the vowel was long in the open syllable.
    if n >= 3
        && !is_vowel(chars[n - 1])
        && matches!(chars[n - 2], 'a' | 'e' | 'o' | 'u')
        && !is_vowel(chars[n - 3])
    {
        chars.insert(n - 2, chars[n - 2]);
    }
    chars.into_iter().collect()
}

/// `base` spelled before a suffix that starts with a vowel, every way it may be: `dakloos` →
/// `dakloz`, `dakloos`; `eenzaam` → `eenzam`; `stem` → `stemm`.
fn opened(base: &str) -> Vec<String> {
    let chars: Vec<char> = base.chars().collect();
    let n = chars.len();
    let mut out = vec![base.to_string()];
    if n >= 3 && !is_vowel(chars[n - 1]) {
        if chars[n - 2] == chars[n - 3] && matches!(chars[n - 2], 'a' | 'e' | 'o' | 'u') {
            let mut short: Vec<char> = chars[..n - 2].to_vec();
            let voiced = match chars[n - 1] {
                's' => 'z',
                'f' => 'v',
                c => c,
            };
            short.push(voiced);
            out.push(short.iter().collect());
            if voiced != chars[n - 1] {
                short.pop();
                short.push(chars[n - 1]);
                out.push(short.into_iter().collect());
            }
        } else if is_vowel(chars[n - 2]) && !is_vowel(chars[n - 3]) {
            out.push(format!("{base}{}", chars[n - 1]));
        }
    }
    out
}

/// The bases `word` may come from: itself, and what is left after one suffix, as at a syllable
/// end.
fn bases(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for suffix in DERIVATIONAL.iter().chain(INFLECTIONAL) {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                let base = closed(stem);
                if !out.contains(&base) {
                    out.push(base);
                }
            }
        }
    }
    out
}

/// The forms of the family of `base`.
fn forms(base: &str) -> Vec<String> {
    let mut out = vec![
        base.to_string(),
        format!("{base}heid"),
        format!("{base}d"),
        format!("{base}t"),
        format!("{base}de"),
        format!("{base}te"),
        format!("{base}schap"),
    ];
    for open in opened(base) {
        for suffix in ["e", "en", "ing", "ingen"] {
            out.push(format!("{open}{suffix}"));
        }
    }
    out
}

/// The relatives of `word` (lowercase, accent-folded) that `known` accepts, one per stemmed
/// term other than the word's own (forms the stemmer already joins to the word, or to each
/// other, would count a term twice); empty for short words and words of the override list.
pub fn relatives(word: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    if word.chars().count() < MIN_WORD
        || !word.chars().all(|c| c.is_ascii_lowercase())
        || stem_override::lookup(word).is_some()
    {
        return Vec::new();
    }
    // One form per term: forms the stemmer gives one term would count that term again.
    let mut terms = vec![term_of(word)];
    let mut out: Vec<String> = Vec::new();
    for base in bases(word) {
        for form in forms(&base) {
            if form.chars().count() < MIN_WORD - 1 || stem_override::lookup(&form).is_some() {
                continue;
            }
            let term = term_of(&form);
            if !terms.contains(&term) && known(&form) {
                terms.push(term);
                out.push(form);
            }
        }
    }
    out.truncate(MAX_RELATIVES);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(word: &str, lexicon: &[&str]) -> Vec<String> {
        relatives(word, |w| lexicon.contains(&w))
    }

    /// Whether the family of `word` reaches the term of `relative`.
    fn reaches(word: &str, relative: &str, lexicon: &[&str]) -> bool {
        let term = term_of(relative);
        any(word, lexicon).iter().any(|form| term_of(form) == term)
    }

    #[test]
    fn syllable_end_spelling() {
        assert_eq!(closed("dakloz"), "dakloos");
        assert_eq!(closed("eenzam"), "eenzaam");
        assert_eq!(closed("verslav"), "verslaaf");
        assert_eq!(closed("stemm"), "stem");
        assert_eq!(closed("werk"), "werk");
        assert!(opened("dakloos").contains(&"dakloz".to_string()));
        assert!(opened("stem").contains(&"stemm".to_string()));
    }

    #[test]
    fn adjective_participle_and_noun_forms_meet() {
        let lexicon = [
            "dakloos",
            "dakloosheid",
            "daklozen",
            "verslaving",
            "verslaafd",
            "eenzaamheid",
            "werkloosheid",
            "werklozen",
        ];
        assert!(reaches("dakloze", "dakloosheid", &lexicon));
        assert!(reaches("verslaafde", "verslaving", &lexicon));
        // Porter already gives eenzame and eenzaamheid one term: nothing to add.
        assert_eq!(term_of("eenzame"), term_of("eenzaamheid"));
        assert!(any("eenzame", &lexicon).is_empty());
        assert!(reaches("werkloze", "werkloosheid", &lexicon));
        assert!(reaches("dakloosheid", "daklozen", &lexicon));
        // A form the stemmer already joins to the word is not repeated as a relative, and a
        // term is reached once: dakloos and dakloosheid are one term.
        let family = any("dakloze", &lexicon);
        assert!(!family.contains(&"daklozen".to_string()), "{family:?}");
        let terms: Vec<String> = family.iter().map(|f| term_of(f)).collect();
        let mut distinct = terms.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(terms.len(), distinct.len(), "{family:?}");
    }

    #[test]
    fn unknown_forms_override_words_and_short_words_have_no_family() {
        assert!(any("dakloze", &[]).is_empty());
        assert!(any("ouderen", &["ouder", "ouders", "oudere"]).is_empty());
        assert!(any("plan", &["planning"]).is_empty());
    }
}
