//! Queries as people type them into a search box: a legal reference with a colon (`Awb 4:8`,
//! `12:00`), a bracket left open, a trailing `OR`, a lone `-`. tantivy's parser reads each as
//! syntax and fails; [`forgive`] reads them as text instead and says in plain words what it did,
//! so an ordinary phrase never gets a parser error. `--strict` (and the API's `strict=1`) skips
//! this for scripts that want the errors.

/// The query to parse, and what was read differently from tantivy's syntax.
#[derive(Debug, Clone, PartialEq)]
pub struct Forgiven {
    /// The query with its stray syntax read as text.
    pub query: String,
    /// One plain sentence per thing read as text.
    pub notes: Vec<String>,
}

/// Operators of the syntax that need a word on both sides.
const BINARY: &[&str] = &["OR", "AND"];

/// Reads stray syntax in `query` as text; `is_field` says which `name:` prefixes are fields.
pub fn forgive(query: &str, is_field: impl Fn(&str) -> bool) -> Forgiven {
    let mut notes = Vec::new();
    let query = close_quotes(query, &mut notes);
    let query = balance_brackets(&query, &mut notes);
    let tokens = tokens(&query);
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        if token.starts_with('"') {
            out.push(token.clone());
            continue;
        }
        if BINARY.contains(&token.as_str()) {
            let before = out
                .last()
                .is_some_and(|t| !is_operator(t) && !t.ends_with('('));
            let after = tokens
                .get(i + 1)
                .is_some_and(|t| !is_operator(t) && !t.starts_with(')'));
            if before && after {
                out.push(token.clone());
            } else if tokens.len() == 1 {
                notes.push(format!("`{token}` alone was read as a word"));
                out.push(token.to_lowercase());
            } else {
                notes.push(format!(
                    "`{token}` has no word on one side, so it was left out"
                ));
            }
            continue;
        }
        if matches!(token.as_str(), "-" | "+" | "NOT") {
            notes.push(format!("a lone `{token}` was left out"));
            continue;
        }
        out.push(colon_as_text(token, &is_field, &mut notes));
    }
    Forgiven {
        query: out.join(" "),
        notes,
    }
}

/// The query's words without any syntax, for a query that still cannot be read.
pub fn words_only(query: &str) -> String {
    query
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '\'' | '’') {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_operator(token: &str) -> bool {
    BINARY.contains(&token) || token == "NOT"
}

/// Drops the last `"` when the quotes do not pair up.
fn close_quotes(query: &str, notes: &mut Vec<String>) -> String {
    if query.matches('"').count().is_multiple_of(2) {
        return query.to_string();
    }
    notes.push("a quote was not closed: it was left out".to_string());
    match query.rfind('"') {
        Some(at) => format!("{}{}", &query[..at], &query[at + 1..]),
        None => query.to_string(),
    }
}

/// Leaves out brackets (outside quotes) that have no partner, and empty pairs.
fn balance_brackets(query: &str, notes: &mut Vec<String>) -> String {
    let chars: Vec<char> = query.chars().collect();
    let mut keep = vec![true; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut quoted = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => open.push(i),
            ')' if !quoted => match open.pop() {
                Some(start) if chars[start + 1..i].iter().all(|c| c.is_whitespace()) => {
                    keep[start] = false;
                    keep[i] = false;
                }
                Some(_) => {}
                None => keep[i] = false,
            },
            _ => {}
        }
    }
    for start in open {
        keep[start] = false;
    }
    if keep.iter().any(|k| !k) {
        notes.push("brackets without a partner were left out".to_string());
    }
    chars
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| *c)
        .collect()
}

/// The query split at whitespace outside quotes; a quoted phrase (with anything attached to it)
/// is one token.
fn tokens(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `name:text` where `name` is not a field, as text: `4:8` → `"4 8"`, `Awb:` → `Awb`.
fn colon_as_text(token: &str, is_field: &impl Fn(&str) -> bool, notes: &mut Vec<String>) -> String {
    let lead_len = token.len() - token.trim_start_matches(['(', '-', '+']).len();
    let (lead, rest) = token.split_at(lead_len);
    let core_len = rest.trim_end_matches([')', '^', '~']).len();
    let core = &rest[..core_len];
    let Some((name, text)) = core.split_once(':') else {
        return token.to_string();
    };
    if !name.is_empty() && is_field(name) && !text.is_empty() {
        return token.to_string();
    }
    let words: Vec<&str> = core.split(':').filter(|w| !w.is_empty()).collect();
    notes.push(format!(
        "`{core}` was read as text{}",
        if name.is_empty() || is_field(name) {
            String::new()
        } else {
            format!(" (there is no field called {name})")
        }
    ));
    let as_text = match words.len() {
        0 => String::new(),
        1 => words[0].to_string(),
        _ => format!("\"{}\"", words.join(" ")),
    };
    format!("{lead}{as_text}{}", &rest[core_len..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> Forgiven {
        forgive(query, |name| name == "title")
    }

    #[test]
    fn legal_references_and_times_are_text() {
        assert_eq!(read("artikel 4:8 Awb").query, "artikel \"4 8\" Awb");
        assert_eq!(read("12:00").query, "\"12 00\"");
        assert_eq!(read("Awb:").query, "Awb");
        assert!(read("4:8").notes[0].contains("no field called 4"));
        assert_eq!(read("title:eenzaamheid").query, "title:eenzaamheid");
        assert!(read("title:eenzaamheid zorg").notes.is_empty());
    }

    #[test]
    fn stray_operators_and_brackets_are_words_or_left_out() {
        assert_eq!(read("OR").query, "or");
        assert_eq!(read("zorg OR").query, "zorg");
        assert_eq!(read("OR zorg AND").query, "zorg");
        assert_eq!(read("zorg OR welzijn").query, "zorg OR welzijn");
        assert_eq!(read("(").query, "");
        assert_eq!(read("(zorg OR welzijn").query, "zorg OR welzijn");
        assert_eq!(read("zorg) jeugd").query, "zorg jeugd");
        assert_eq!(read("(zorg OR welzijn) -").query, "(zorg OR welzijn)");
        assert_eq!(read("\"sociaal domein").query, "sociaal domein");
        assert_eq!(read("\"a (b\" c").query, "\"a (b\" c");
        assert!(read("zorg").notes.is_empty());
    }

    #[test]
    fn words_only_keeps_the_words() {
        assert_eq!(words_only("((zorg)) OR \"jeugd:"), "zorg OR jeugd");
    }
}
