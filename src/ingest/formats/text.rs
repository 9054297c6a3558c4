//! Plain text and Markdown: decoded as they are; Markdown's YAML front matter is split off.

use super::Extractor;
use crate::error::{FailKind, Failure};
use crate::ingest::decode::decode_noted;
use crate::ingest::{nesting, Extracted};

/// Plain text: decoded as it is.
pub struct PlainText;

fn decode_non_empty(bytes: &[u8]) -> Result<Extracted, Failure> {
    let decoded = decode_noted(bytes).map_err(|e| Failure::new(FailKind::Binary, e.to_string()))?;
    if decoded.text.trim().is_empty() {
        return Err(Failure::empty());
    }
    let mut extracted = Extracted::text(decoded.text);
    extracted.warnings.extend(decoded.note);
    Ok(extracted)
}

impl Extractor for PlainText {
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn needs_bounds(&self) -> bool {
        false
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        decode_non_empty(bytes)
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

    fn needs_bounds(&self) -> bool {
        false
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        let mut extracted = decode_non_empty(bytes)?;
        let (front_matter, body) = split_front_matter(&extracted.text);
        if body.trim().is_empty() {
            return Err(Failure::new(
                FailKind::Empty,
                "the file has front matter but no text",
            ));
        }
        if front_matter.is_some_and(|yaml| {
            nesting::yaml_depth(yaml, nesting::MAX_YAML_DEPTH) > nesting::MAX_YAML_DEPTH
        }) {
            return Err(nesting::too_deep(
                "front matter's values",
                nesting::MAX_YAML_DEPTH,
            ));
        }
        let (front_matter, body) = (front_matter.map(str::to_string), body.to_string());
        extracted.front_matter = front_matter;
        extracted.text = body;
        Ok(extracted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let err = PlainText.extract(b" \n\n ").unwrap_err();
        assert_eq!(
            (err.kind, err.reason.as_str()),
            (FailKind::Empty, "the file is empty")
        );
    }
}
