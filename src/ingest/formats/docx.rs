//! Word (DOCX): the paragraphs of `word/document.xml` in document order, headings (outline
//! levels, and styles Heading n / Kop n / Title) kept as structure, page breaks (explicit, and the ones Word rendered)
//! as pages; title, author and creation year from `docProps/core.xml`. Running heads and feet
//! live in their own parts and are left out.

use super::Blocks;
use super::Extractor;
use crate::error::Failure;
use crate::ingest::xml::{self, attr, Node};
use crate::ingest::zipped::Container;
use crate::ingest::{Extracted, Properties};

/// Word documents.
pub struct Docx;

impl Extractor for Docx {
    fn extensions(&self) -> &'static [&'static str] {
        &["docx", "docm"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        let mut container = Container::open(bytes, "DOCX")?;
        let document = container.text_part("word/document.xml")?.ok_or_else(|| {
            Failure::corrupt("not a Word document (word/document.xml is missing)")
        })?;
        let mut extracted = body(&document)?;
        if let Some(core) = container.text_part("docProps/core.xml")? {
            extracted.properties = Properties {
                title: xml::first_text(&core, "title"),
                author: xml::first_text(&core, "creator"),
                created_year: xml::first_text(&core, "created").and_then(|d| xml::iso_year(&d)),
            };
        }
        Ok(extracted)
    }
}

/// The heading level of a paragraph style id, if it is a heading style.
fn heading_level(style: &str) -> Option<usize> {
    let lower = style.to_lowercase();
    if lower == "title" || lower == "titel" {
        return Some(1);
    }
    let digits = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("kop"))?;
    digits.trim().parse().ok()
}

fn body(document: &str) -> Result<Extracted, Failure> {
    let mut blocks = Blocks::default();
    let mut in_text = false;
    xml::walk(document, "word/document.xml", |node| match node {
        Node::Open(name, _) if name == "t" => in_text = true,
        Node::Close(name) if name == "t" => in_text = false,
        Node::Text(text) if in_text => blocks.push(&text),
        Node::Empty(name, attrs) => match name.as_str() {
            "pStyle" => {
                if let Some(level) = attr(&attrs, "val").and_then(heading_level) {
                    blocks.heading(level);
                }
            }
            // The outline level a paragraph carries wins over its style's name.
            "outlineLvl" => {
                if let Some(level) = attr(&attrs, "val").and_then(|v| v.parse::<usize>().ok()) {
                    if level < 9 {
                        blocks.heading(level + 1);
                    }
                }
            }
            "tab" => blocks.push("\t"),
            "br" if attr(&attrs, "type") == Some("page") => blocks.page_break(),
            "br" | "cr" => blocks.push("\n"),
            "lastRenderedPageBreak" => blocks.page_break(),
            _ => {}
        },
        Node::Close(name) if name == "p" => blocks.end_paragraph(),
        Node::Close(name) if name == "tc" => blocks.push(" "),
        _ => {}
    })?;
    Ok(blocks.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_page_breaks() {
        let xml = r#"<w:document><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Nota jeugdzorg</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">De provincie </w:t></w:r><w:r><w:t>regisseert.</w:t></w:r></w:p>
            <w:p><w:r><w:delText>weg</w:delText><w:br w:type="page"/><w:t>Tweede pagina.</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let extracted = body(xml).unwrap();
        assert_eq!(
            extracted.text,
            "# Nota jeugdzorg\n\nDe provincie regisseert.\n\nTweede pagina."
        );
        assert_eq!(extracted.pages.len(), 2);
        assert_eq!(heading_level("Kop2"), Some(2));
        assert_eq!(heading_level("Normal"), None);
    }
}
