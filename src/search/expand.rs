//! Query expansion, before the query is parsed: synonyms from `data/synonyms.txt` (`Wmo` also
//! finds "Wet maatschappelijke ondersteuning" and back), and the parts of a compound as a weaker
//! clause of their own, near each other (`ouderenzorg` also finds "zorg voor ouderen", ranked
//! below the compound itself, but not a text with "ouderen" and "zorg" pages apart).
//! Quoted phrases, operators, `-exclusions` and `field:` words are left alone, except a quoted
//! phrase that is itself a synonym.

use std::sync::OnceLock;

use crate::analysis::filters::decompound::split;

const SYNONYMS: &str = include_str!("../../data/synonyms.txt");
/// Weight of the compound-parts clause against the compound itself.
const PARTS_BOOST: &str = "0.5";
/// How far apart a query compound's parts may stand in a text, as phrase slop (positions left
/// between them, stop words included), in either order: "zorg voor de jeugd" is a precedent for
/// `jeugdzorg` (slop 2), "jeugdloon … zorgverzekering" pages apart is not. The smallest window
/// that keeps every row of `tests/fixtures/morphology.tsv`: with 1, "ouderenzorg" no longer
/// finds "De zorg voor kwetsbare ouderen"; 2, 3 and 4 keep all 37 rows.
const PARTS_WINDOW: usize = 2;

/// The clause for a compound's `parts`: the parts near each other, in their order or the
/// reverse.
fn parts_clause(parts: &[String]) -> String {
    let forward = parts.join(" ");
    let mut reversed = parts.to_vec();
    reversed.reverse();
    let backward = reversed.join(" ");
    format!("(\"{forward}\"~{PARTS_WINDOW} OR \"{backward}\"~{PARTS_WINDOW})^{PARTS_BOOST}")
}

/// Groups of forms that mean the same, each form as lowercase words.
fn groups() -> &'static Vec<Vec<Vec<String>>> {
    static GROUPS: OnceLock<Vec<Vec<Vec<String>>>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        SYNONYMS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                l.split('=')
                    .map(|form| form.split_whitespace().map(str::to_lowercase).collect())
                    .collect()
            })
            .collect()
    })
}

/// A piece of the query: a plain word, a quoted phrase, or anything else kept verbatim.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Word(String),
    Phrase(String),
    Other(String),
}

fn pieces(query: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        let trimmed = rest.trim_start();
        if trimmed.len() < rest.len() {
            rest = trimmed;
            continue;
        }
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').map_or(after.len(), |i| i);
            out.push(Piece::Phrase(after[..end].to_string()));
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let plain = word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '\'' || c == '’')
            && !matches!(word, "AND" | "OR" | "NOT");
        out.push(if plain {
            Piece::Word(word.to_string())
        } else {
            Piece::Other(word.to_string())
        });
        rest = &rest[end..];
    }
    out
}

fn render_form(form: &[String]) -> String {
    if form.len() == 1 {
        form[0].clone()
    } else {
        format!("\"{}\"", form.join(" "))
    }
}

/// The other forms of a synonym group that `words` (lowercase) is one of.
fn alternatives(words: &[String]) -> Option<Vec<String>> {
    let group = groups().iter().find(|g| g.iter().any(|f| f == words))?;
    Some(
        group
            .iter()
            .filter(|f| *f != words)
            .map(|f| render_form(f))
            .collect(),
    )
}

/// The longest synonym form starting at `words[0]`, as its length in words.
fn synonym_at(words: &[String]) -> Option<usize> {
    (1..=words.len())
        .rev()
        .find(|&n| alternatives(&words[..n]).is_some())
}

/// Expands `query`; returns it unchanged when nothing applies.
pub fn expand(query: &str) -> String {
    let pieces = pieces(query);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Word(_) => {
                let run: Vec<String> = pieces[i..]
                    .iter()
                    .map_while(|p| match p {
                        Piece::Word(w) => Some(w.to_lowercase()),
                        _ => None,
                    })
                    .collect();
                if let Some(n) = synonym_at(&run) {
                    let original: Vec<String> = pieces[i..i + n]
                        .iter()
                        .map(|p| match p {
                            Piece::Word(w) => w.clone(),
                            _ => String::new(),
                        })
                        .collect();
                    let mut forms = vec![render_form(&original)];
                    forms.extend(alternatives(&run[..n]).unwrap_or_default());
                    out.push(format!("({})", forms.join(" OR ")));
                    i += n;
                    continue;
                }
                let word = &run[0];
                match split(word) {
                    Some(parts) => out.push(format!("({word} OR {})", parts_clause(&parts))),
                    None => out.push(match &pieces[i] {
                        Piece::Word(w) => w.clone(),
                        _ => unreachable!("the run starts with a word"),
                    }),
                }
                i += 1;
            }
            Piece::Phrase(p) => {
                let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
                match alternatives(&words) {
                    Some(alts) => out.push(format!("(\"{p}\" OR {})", alts.join(" OR "))),
                    None => out.push(format!("\"{p}\"")),
                }
                i += 1;
            }
            Piece::Other(o) => {
                out.push(o.clone());
                i += 1;
            }
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::expand;

    #[test]
    fn synonyms_both_ways() {
        assert_eq!(
            expand("Wmo"),
            "(Wmo OR \"wet maatschappelijke ondersteuning\")"
        );
        assert_eq!(
            expand("wet maatschappelijke ondersteuning ouderen"),
            "(\"wet maatschappelijke ondersteuning\" OR wmo) ouderen"
        );
        assert_eq!(
            expand("\"gedeputeerde staten\""),
            "(\"gedeputeerde staten\" OR gs)"
        );
    }

    #[test]
    fn compounds_get_a_weaker_parts_clause() {
        assert_eq!(
            expand("ouderenzorg"),
            "(ouderenzorg OR (\"ouderen zorg\"~2 OR \"zorg ouderen\"~2)^0.5)"
        );
    }

    #[test]
    fn operators_phrases_and_fields_are_kept() {
        assert_eq!(expand("zorg OR welzijn -jeugd"), "zorg OR welzijn -jeugd");
        assert_eq!(
            expand("\"sociaal domein\" title:zorg"),
            "\"sociaal domein\" title:zorg"
        );
    }
}
