//! Document properties (a PDF's info, a Word file's core properties, an HTML page's `<meta>`, a
//! mail's headers) as hints: each fills a value only where the text gave none, and says so in the
//! evidence. A sidecar, front matter or manifest row, applied later, wins over both.

use super::year::{Confidence, YearFinding};
use super::DocMeta;
use crate::ingest::Properties;

/// Titles that tools put in the title property by themselves.
fn is_placeholder_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.starts_with("microsoft word - ")
        || ["untitled", "naamloos", "document", "titel"].contains(&lower.trim())
        || [".doc", ".docx", ".pdf", ".odt", ".rtf", ".txt"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// Fills the gaps of `meta` from `properties` of a file in `format` (for the evidence).
pub fn apply(
    meta: &mut DocMeta,
    properties: &Properties,
    format: &str,
    title_from_file_name: bool,
) {
    if let Some(title) = &properties.title {
        if title_from_file_name && !is_placeholder_title(title) {
            meta.title = title.clone();
            meta.evidence.title = format!("the {format} title property");
        }
    }
    if meta.author.is_none() {
        if let Some(author) = &properties.author {
            meta.author = Some(author.clone());
            meta.evidence.author = Some(format!("the {format} author property"));
        }
    }
    if meta.year.is_none() {
        if let Some(year) = properties.created_year {
            meta.year = Some(year);
            meta.evidence.year = Some(YearFinding {
                year,
                confidence: Confidence::Low,
                evidence: format!("the {format} creation date (the text names no year)"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(title: &str, author: &str, year: i32) -> Properties {
        Properties {
            title: Some(title.into()),
            author: Some(author.into()),
            created_year: Some(year),
        }
    }

    #[test]
    fn properties_fill_gaps_only() {
        let mut meta = DocMeta {
            title: "memo-03".into(),
            year: Some(2010),
            ..DocMeta::default()
        };
        apply(
            &mut meta,
            &props("Nota armoede", "J. de Vries", 2026),
            "PDF",
            true,
        );
        assert_eq!(meta.title, "Nota armoede");
        assert_eq!(meta.author.as_deref(), Some("J. de Vries"));
        assert_eq!(
            meta.year,
            Some(2010),
            "the text's year wins over the file date"
        );

        let mut dated = DocMeta::default();
        apply(&mut dated, &props("x", "y", 2019), "DOCX", false);
        assert_eq!(dated.year, Some(2019));
        assert_eq!(dated.title, "", "a title from the text is kept");
        let finding = dated.evidence.year.unwrap();
        assert!(finding.evidence.contains("DOCX creation date"));
        assert_eq!(finding.confidence, Confidence::Low);
    }

    #[test]
    fn placeholder_titles_are_ignored() {
        let mut meta = DocMeta {
            title: "memo".into(),
            ..DocMeta::default()
        };
        apply(
            &mut meta,
            &props("Microsoft Word - nota.docx", "", 2000),
            "PDF",
            true,
        );
        assert_eq!(meta.title, "memo");
    }
}
