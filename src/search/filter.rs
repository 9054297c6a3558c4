//! Filter flag values: parsed into types, checked against what is valid, with messages that list
//! the valid values.

use crate::metadata::gazetteer::{fold_name, Gazetteer};
use crate::metadata::Taxonomy;

/// A year or an inclusive range of years; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    /// First year, inclusive.
    pub from: Option<u64>,
    /// Last year, inclusive.
    pub to: Option<u64>,
}

impl std::fmt::Display for YearRange {
    /// As typed on the command line: `2018`, `2010..2020`, `2010..`, `..2020`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => {
                let end = |y: Option<u64>| y.map(|y| y.to_string()).unwrap_or_default();
                write!(f, "{}..{}", end(a), end(b))
            }
        }
    }
}

fn year_error(value: &str) -> String {
    format!(
        "invalid --year '{value}': give a year such as 2018, or a range such as 2010..2020 \
         (2010.. and ..2020 leave one end open)"
    )
}

fn parse_one_year(part: &str, whole: &str) -> Result<u64, String> {
    let part = part.trim();
    if part.len() != 4 || !part.chars().all(|c| c.is_ascii_digit()) {
        return Err(year_error(whole));
    }
    part.parse().map_err(|_| year_error(whole))
}

/// Parses `2018`, `2010..2020`, `2010..` or `..2020`.
pub fn parse_year(value: &str) -> Result<YearRange, String> {
    let value = value.trim();
    let Some((from, to)) = value.split_once("..") else {
        let year = parse_one_year(value, value)?;
        return Ok(YearRange {
            from: Some(year),
            to: Some(year),
        });
    };
    let from = (!from.trim().is_empty())
        .then(|| parse_one_year(from, value))
        .transpose()?;
    let to = (!to.trim().is_empty())
        .then(|| parse_one_year(to, value))
        .transpose()?;
    match (from, to) {
        (None, None) => Err(year_error(value)),
        (Some(a), Some(b)) if a > b => Err(format!(
            "invalid --year '{value}': the range runs backwards; did you mean {b}..{a}?"
        )),
        _ => Ok(YearRange { from, to }),
    }
}

/// The canonical province for a user's value, or a message listing the valid ones.
pub fn parse_province(value: &str) -> Result<String, String> {
    Gazetteer::get().province_named(value)
}

/// The gazetteer's name for a municipality, current or former, or a message.
pub fn parse_municipality(value: &str) -> Result<String, String> {
    let wanted = fold_name(value);
    Gazetteer::get()
        .municipalities
        .iter()
        .find(|m| fold_name(&m.name) == wanted || m.aliases.iter().any(|a| fold_name(a) == wanted))
        .map(|m| m.name.clone())
        .ok_or_else(|| {
            format!(
                "unknown municipality '{value}'; use a Dutch municipality name as CBS writes it \
                 (current or former since 2000), e.g. Twenterand, Súdwest-Fryslân, 's-Hertogenbosch"
            )
        })
}

/// The canonical label for a user's value among `names`, case-insensitively.
pub fn parse_label(value: &str, names: &[&str], what: &str) -> Result<String, String> {
    let wanted = fold_name(value);
    names
        .iter()
        .find(|n| fold_name(n) == wanted)
        .map(|n| n.to_string())
        .ok_or_else(|| {
            format!(
                "unknown {what} '{value}'; valid {what}s: {}",
                names.join(", ")
            )
        })
}

/// All filters of one search; AND across kinds, OR within one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Canonical province names.
    pub provinces: Vec<String>,
    /// Year range.
    pub year: Option<YearRange>,
    /// Theme names.
    pub themes: Vec<String>,
    /// Role names.
    pub roles: Vec<String>,
    /// Document types.
    pub doc_types: Vec<String>,
    /// Municipalities.
    pub municipalities: Vec<String>,
    /// Author organisations.
    pub authors: Vec<String>,
    /// Only these documents, by key (no flag: a saved search's alerts look among the documents
    /// a run added or changed).
    pub paths: Vec<String>,
}

/// Raw flag values as typed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RawFilters {
    /// `--province`
    pub provinces: Vec<String>,
    /// `--year`
    pub year: Option<String>,
    /// `--theme`
    pub themes: Vec<String>,
    /// `--role`
    pub roles: Vec<String>,
    /// `--type`
    pub doc_types: Vec<String>,
    /// `--municipality`
    pub municipalities: Vec<String>,
    /// `--author`
    pub authors: Vec<String>,
}

impl RawFilters {
    /// Checks every value against the gazetteer, `taxonomy` and the `authors` in the index.
    pub fn resolve(&self, taxonomy: &Taxonomy, authors: &[&str]) -> Result<Filters, String> {
        let collect = |values: &[String], names: &[&str], what: &str| {
            values
                .iter()
                .map(|v| parse_label(v, names, what))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Filters {
            provinces: self
                .provinces
                .iter()
                .map(|p| parse_province(p))
                .collect::<Result<_, _>>()?,
            year: self.year.as_deref().map(parse_year).transpose()?,
            themes: collect(&self.themes, &taxonomy.theme_names(), "theme")?,
            roles: collect(&self.roles, &taxonomy.role_names(), "role")?,
            doc_types: collect(&self.doc_types, &taxonomy.doc_type_names(), "type")?,
            municipalities: self
                .municipalities
                .iter()
                .map(|m| parse_municipality(m))
                .collect::<Result<_, _>>()?,
            authors: collect(&self.authors, authors, "author")?,
            paths: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_table() {
        let y = |from, to| Ok(YearRange { from, to });
        let rows: &[(&str, Result<YearRange, String>)] = &[
            ("2018", y(Some(2018), Some(2018))),
            ("2010..2020", y(Some(2010), Some(2020))),
            ("2010..", y(Some(2010), None)),
            ("..2020", y(None, Some(2020))),
            (" 2015 ", y(Some(2015), Some(2015))),
        ];
        for (input, expected) in rows {
            assert_eq!(&parse_year(input), expected, "input {input}");
        }
        for bad in ["20x0", "18", "..", "2020..2010", "2010-2020", "", "20100"] {
            assert!(parse_year(bad).is_err(), "{bad} should be rejected");
        }
        assert!(parse_year("20x0").unwrap_err().contains("2010..2020"));
    }

    #[test]
    fn province_variants_and_errors() {
        assert_eq!(parse_province("friesland").unwrap(), "Fryslân");
        assert_eq!(parse_province("NOORD-HOLLAND").unwrap(), "Noord-Holland");
        let err = parse_province("Vlaanderen").unwrap_err();
        assert!(
            err.contains("Vlaanderen") && err.contains("Overijssel"),
            "{err}"
        );
    }

    #[test]
    fn municipalities_resolve_current_former_and_qualified_names() {
        assert_eq!(parse_municipality("twenterand").unwrap(), "Twenterand");
        assert_eq!(parse_municipality("Leerdam").unwrap(), "Leerdam");
        assert_eq!(parse_municipality("hengelo").unwrap(), "Hengelo (O.)");
        assert!(parse_municipality("Atlantis")
            .unwrap_err()
            .contains("Atlantis"));
    }

    #[test]
    fn labels_are_case_insensitive_and_unknown_ones_list_the_valid() {
        let t = Taxonomy::builtin();
        assert_eq!(
            parse_label("Ouderen", &t.theme_names(), "theme").unwrap(),
            "ouderen"
        );
        let err = parse_label("klimaat", &t.theme_names(), "theme").unwrap_err();
        assert!(err.starts_with("unknown theme 'klimaat'") && err.contains("eenzaamheid"));
    }
}
