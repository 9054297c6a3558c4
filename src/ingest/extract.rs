//! One extractor per file format, behind the [`Extractor`] trait. Adding a format means adding an
//! implementation and one line in [`EXTRACTORS`].

use std::path::Path;

use super::decode::decode;
use super::Extracted;

/// Turns the bytes of one file format into text.
pub trait Extractor: Sync {
    /// Lowercase file extensions this extractor reads, without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// Extracts the text, or says in plain words why it can't.
    fn extract(&self, bytes: &[u8]) -> Result<Extracted, String>;
}

/// Plain text and Markdown: decoded as they are.
pub struct PlainText;

impl Extractor for PlainText {
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "md", "markdown", "text"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let text = decode(bytes).map_err(|e| e.to_string())?;
        if text.trim().is_empty() {
            return Err("the file is empty".to_string());
        }
        Ok(Extracted { text })
    }
}

/// Every extractor nota has.
pub static EXTRACTORS: &[&dyn Extractor] = &[&PlainText];

/// The extractor for `path`'s extension, if nota reads that format.
pub fn for_path(path: &Path) -> Option<&'static dyn Extractor> {
    let ext = path.extension()?.to_str()?.to_lowercase();
    EXTRACTORS
        .iter()
        .copied()
        .find(|e| e.extensions().contains(&ext.as_str()))
}

/// Whether nota can read `path`.
pub fn is_supported(path: &Path) -> bool {
    for_path(path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_by_extension_case_insensitively() {
        assert!(is_supported(Path::new("memo.TXT")));
        assert!(is_supported(Path::new("notes/readme.md")));
        assert!(!is_supported(Path::new("scan.pdf")));
        assert!(!is_supported(Path::new("Makefile")));
    }

    #[test]
    fn empty_text_is_an_error() {
        assert_eq!(
            PlainText.extract(b" \n\n ").unwrap_err(),
            "the file is empty"
        );
    }
}
