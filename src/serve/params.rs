//! Query-string parameters of the page and the API, named like the CLI's flags: `q`, `province`
//! (repeatable), `municipality`, `year` (`2018`, `2010..2020`), `theme`, `role`, `type`, `author`,
//! `sort` (`relevance`|`date`), `page`, `limit`, `collapse`, `path`.

use crate::search::{RawFilters, Sort};

/// Longest query accepted.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most hits per page.
pub const MAX_LIMIT: usize = 100;
/// Deepest page.
pub const MAX_PAGE: usize = 100;

/// Parsed parameters.
#[derive(Debug, Default)]
pub struct Params {
    /// Free text.
    pub q: String,
    /// Filters as typed.
    pub filters: RawFilters,
    /// Order.
    pub sort: Sort,
    /// Page, from 1.
    pub page: usize,
    /// Hits per page.
    pub limit: usize,
    /// Fold near-copies.
    pub collapse: bool,
    /// Report query syntax errors instead of reading stray syntax as text.
    pub strict: bool,
    /// Only documents with all the words (`all_words=1`), no filling with most of them.
    pub all_words: bool,
    /// A document path.
    pub path: Option<String>,
}

/// Parses a raw query string; the error says which parameter and what is valid.
pub fn parse(query: Option<&str>) -> Result<Params, String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
        .map_err(|e| format!("cannot read the query string: {e}"))?;
    let mut params = Params {
        page: 1,
        limit: 10,
        ..Params::default()
    };
    let number = |name: &str, value: &str, max: usize| -> Result<usize, String> {
        value
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| format!("{name}={value}: give a number from 1 to {max}"))
    };
    for (key, value) in pairs {
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "q" => {
                if value.chars().count() > MAX_QUERY_CHARS {
                    return Err(format!("q: at most {MAX_QUERY_CHARS} characters"));
                }
                params.q = value;
            }
            "province" => params.filters.provinces.push(value),
            "municipality" => params.filters.municipalities.push(value),
            "year" => params.filters.year = Some(value),
            "theme" => params.filters.themes.push(value),
            "role" => params.filters.roles.push(value),
            "type" => params.filters.doc_types.push(value),
            "author" => params.filters.authors.push(value),
            "sort" => {
                params.sort = match value.as_str() {
                    "relevance" => Sort::Relevance,
                    "date" => Sort::Date,
                    _ => return Err(format!("sort={value}: valid values are relevance, date")),
                }
            }
            "page" => params.page = number("page", &value, MAX_PAGE)?,
            "limit" => params.limit = number("limit", &value, MAX_LIMIT)?,
            "collapse" => params.collapse = matches!(value.as_str(), "1" | "true" | "on"),
            "strict" => params.strict = matches!(value.as_str(), "1" | "true" | "on"),
            "all_words" => params.all_words = matches!(value.as_str(), "1" | "true" | "on"),
            "path" => params.path = Some(value),
            // The page keeps its own state (language, open document) in the URL too.
            "lang" | "doc" => {}
            other => {
                return Err(format!(
                    "unknown parameter {other}; known: q, province, municipality, year, theme, \
                     role, type, author, sort, page, limit, collapse, path"
                ))
            }
        }
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_names_repeat_and_bounds() {
        let p = parse(Some(
            "q=zorg&province=flevoland&province=utrecht&year=2018..2020&sort=date&page=2",
        ))
        .unwrap();
        assert_eq!(p.q, "zorg");
        assert_eq!(p.filters.provinces, ["flevoland", "utrecht"]);
        assert_eq!(p.filters.year.as_deref(), Some("2018..2020"));
        assert_eq!((p.sort, p.page, p.limit), (Sort::Date, 2, 10));
        assert!(parse(Some("limit=5000")).unwrap_err().contains("1 to 100"));
        assert!(parse(Some("sort=alfabet"))
            .unwrap_err()
            .contains("relevance, date"));
        assert!(parse(Some("kleur=rood"))
            .unwrap_err()
            .contains("unknown parameter"));
    }
}
