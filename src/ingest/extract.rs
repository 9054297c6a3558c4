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

/// Plain text: decoded as it is.
pub struct PlainText;

fn decode_non_empty(bytes: &[u8]) -> Result<String, String> {
    let text = decode(bytes).map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Err("the file is empty".to_string());
    }
    Ok(text)
}

impl Extractor for PlainText {
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, String> {
        Ok(Extracted {
            text: decode_non_empty(bytes)?,
            front_matter: None,
        })
    }
}

/// Markdown: decoded, with YAML front matter (between `---` lines at the very top) split off.
pub struct Markdown;

/// Splits `---\nYAML\n---\n` off the start of `text`.
pub fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return (Some(&rest[..offset]), &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, text)
}

impl Extractor for Markdown {
    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, String> {
        let text = decode_non_empty(bytes)?;
        let (front_matter, body) = split_front_matter(&text);
        if body.trim().is_empty() {
            return Err("the file has front matter but no text".to_string());
        }
        Ok(Extracted {
            front_matter: front_matter.map(str::to_string),
            text: body.to_string(),
        })
    }
}

/// Every extractor nota has.
pub static EXTRACTORS: &[&dyn Extractor] = &[&PlainText, &Markdown];

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
    fn front_matter_is_split_off_markdown() {
        let md = "---\ntitle: Nota armoede\nyear: 2019\n---\n# Armoede\nTekst.\n";
        let out = Markdown.extract(md.as_bytes()).unwrap();
        assert_eq!(
            out.front_matter.as_deref(),
            Some("title: Nota armoede\nyear: 2019\n")
        );
        assert_eq!(out.text, "# Armoede\nTekst.\n");
        let plain = Markdown
            .extract(b"# Geen front matter\n---\nTekst")
            .unwrap();
        assert_eq!(plain.front_matter, None);
        assert!(split_front_matter("---\nnooit gesloten\n").0.is_none());
    }

    #[test]
    fn empty_text_is_an_error() {
        assert_eq!(
            PlainText.extract(b" \n\n ").unwrap_err(),
            "the file is empty"
        );
    }
}
