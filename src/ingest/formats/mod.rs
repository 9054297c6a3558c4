//! One extractor per file format, each in its own file, and [`Blocks`], the builder the
//! structured formats (DOCX, ODT, HTML) share to lay out paragraphs, headings and pages.

pub mod docx;
pub mod eml;
pub mod html;
pub mod odt;
pub mod pdf;
pub mod rtf;
pub mod text;

use super::Extracted;
use crate::error::Failure;

/// Turns the bytes of one file format into text: the seam every format implements, and all a
/// format knows of the rest of nota besides [`Extracted`].
pub trait Extractor: Sync {
    /// Lowercase file extensions this extractor reads, without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// Extracts the text (and any attachments, left for the registry to read), or says in plain
    /// words why it can't.
    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure>;
    /// Whether its parser may recurse with the input's nesting or take more than linear time,
    /// and so runs on a thread of its own under the per-file time limit
    /// ([`crate::ingest::extract_bounded`]). Only formats that are decoded in one linear pass
    /// say no.
    fn needs_bounds(&self) -> bool {
        true
    }
}

/// Paragraphs, headings (as Markdown `#` lines, so the title finder sees them) and page breaks,
/// collected in document order.
#[derive(Debug, Default)]
pub struct Blocks {
    pages: Vec<String>,
    page: String,
    paragraph: String,
    heading: Option<usize>,
}

impl Blocks {
    /// Adds text to the current paragraph.
    pub fn push(&mut self, text: &str) {
        self.paragraph.push_str(text);
    }

    /// Marks the current paragraph as a heading of `level` (1 is the highest).
    pub fn heading(&mut self, level: usize) {
        self.heading = Some(level.clamp(1, 6));
    }

    /// Ends the current paragraph.
    pub fn end_paragraph(&mut self) {
        let text = self.paragraph.trim();
        if !text.is_empty() {
            if !self.page.is_empty() {
                self.page.push_str("\n\n");
            }
            if let Some(level) = self.heading {
                self.page.push_str(&"#".repeat(level));
                self.page.push(' ');
                // A heading is one line.
                let one_line: Vec<&str> = text.split_whitespace().collect();
                self.page.push_str(&one_line.join(" "));
            } else {
                self.page.push_str(text);
            }
        }
        self.paragraph.clear();
        self.heading = None;
    }

    /// Starts a new page (ignored before any text).
    pub fn page_break(&mut self) {
        let carried = std::mem::take(&mut self.paragraph);
        if !self.page.trim().is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        }
        self.paragraph = carried;
    }

    /// The text, with pages when there was more than one.
    pub fn finish(mut self) -> Extracted {
        self.end_paragraph();
        if !self.page.trim().is_empty() {
            self.pages.push(self.page);
        }
        if self.pages.len() > 1 {
            Extracted::paged(self.pages)
        } else {
            Extracted::text(self.pages.pop().unwrap_or_default())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lay_out_headings_paragraphs_and_pages() {
        let mut blocks = Blocks::default();
        blocks.page_break();
        blocks.heading(1);
        blocks.push("Nota  armoede\n");
        blocks.end_paragraph();
        blocks.push("Eerste alinea.");
        blocks.end_paragraph();
        blocks.push("Tweede ");
        blocks.page_break();
        blocks.push("alinea.");
        let extracted = blocks.finish();
        assert_eq!(
            extracted.text,
            "# Nota armoede\n\nEerste alinea.\n\nTweede alinea."
        );
        assert_eq!(extracted.pages, [0, 32]);
    }
}
