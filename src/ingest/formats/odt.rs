//! OpenDocument text (ODT): the paragraphs and headings of `content.xml` in document order, soft
//! page breaks (where the last layout broke pages) as pages; notes, annotations and tracked
//! deletions left out; title, author and creation year from `meta.xml`.

use super::Blocks;
use super::Extractor;
use crate::error::Failure;
use crate::ingest::xml::{self, attr, Node};
use crate::ingest::zipped::Container;
use crate::ingest::{Extracted, Properties};

/// OpenDocument text documents.
pub struct Odt;

impl Extractor for Odt {
    fn extensions(&self) -> &'static [&'static str] {
        &["odt"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        let mut container = Container::open(bytes, "ODT")?;
        let content = container
            .text_part("content.xml")?
            .ok_or_else(|| Failure::corrupt("not an OpenDocument file (content.xml is missing)"))?;
        let mut extracted = body(&content)?;
        if let Some(meta) = container.text_part("meta.xml")? {
            extracted.properties = Properties {
                title: xml::first_text(&meta, "title"),
                author: xml::first_text(&meta, "initial-creator")
                    .or_else(|| xml::first_text(&meta, "creator")),
                created_year: xml::first_text(&meta, "creation-date")
                    .and_then(|d| xml::iso_year(&d)),
            };
        }
        Ok(extracted)
    }
}

/// Elements whose text is not part of the running text.
const LEFT_OUT: &[&str] = &["note", "annotation", "tracked-changes", "sequence-decls"];

fn body(content: &str) -> Result<Extracted, Failure> {
    let mut blocks = Blocks::default();
    let mut skipping = 0usize;
    xml::walk(content, "content.xml", |node| match node {
        Node::Open(name, _) if LEFT_OUT.contains(&name.as_str()) => skipping += 1,
        Node::Close(name) if LEFT_OUT.contains(&name.as_str()) => {
            skipping = skipping.saturating_sub(1)
        }
        _ if skipping > 0 => {}
        Node::Open(name, attrs) if name == "h" => {
            let level = attr(&attrs, "outline-level").and_then(|l| l.parse().ok());
            blocks.heading(level.unwrap_or(1));
        }
        Node::Text(text) => blocks.push(&text),
        Node::Empty(name, attrs) => match name.as_str() {
            "s" => {
                let n = attr(&attrs, "c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1usize);
                blocks.push(&" ".repeat(n.min(100)));
            }
            "tab" => blocks.push("\t"),
            "line-break" => blocks.push("\n"),
            "soft-page-break" => blocks.page_break(),
            _ => {}
        },
        Node::Close(name) if name == "p" || name == "h" => blocks.end_paragraph(),
        Node::Close(name) if name == "table-cell" => blocks.push(" "),
        _ => {}
    })?;
    Ok(blocks.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_spaces_and_notes() {
        let xml = r#"<office:document-content><office:body><office:text>
            <text:h text:outline-level="2">Rol van de provincie</text:h>
            <text:p>De provincie<text:s text:c="2"/>verbindt<text:note><text:note-body><text:p>voetnoot</text:p></text:note-body></text:note>.</text:p>
            <text:soft-page-break/>
            <text:p>Volgende pagina.</text:p>
            </office:text></office:body></office:document-content>"#;
        let extracted = body(xml).unwrap();
        assert_eq!(
            extracted.text,
            "## Rol van de provincie\n\nDe provincie  verbindt.\n\nVolgende pagina."
        );
        assert_eq!(extracted.pages.len(), 2);
    }
}
