//! PDF, with pdf_oxide (chosen over lopdf, pdf-extract and oxidize-pdf on real Dutch PDFs: it
//! keeps reading order, re-joins hyphenated words and opens owner-locked files; see issue 5's
//! closing note). One text per page; pages without a text layer are counted, and a PDF with no
//! text on any page is reported as needing OCR. Title, author and creation year come from the
//! document information dictionary.

use pdf_oxide::object::Object;
use pdf_oxide::PdfDocument;

use super::Extractor;
use crate::error::{FailKind, Failure};
use crate::ingest::nesting;
use crate::ingest::{Extracted, Properties};

/// PDF documents.
pub struct Pdf;

impl Extractor for Pdf {
    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        if bytes.is_empty() {
            return Err(Failure::empty());
        }
        if !bytes.starts_with(b"%PDF")
            && !bytes[..bytes.len().min(1024)]
                .windows(4)
                .any(|w| w == b"%PDF")
        {
            return Err(Failure::corrupt("not a PDF file (no %PDF header)"));
        }
        if nesting::pdf_depth(bytes, nesting::MAX_PDF_DEPTH) > nesting::MAX_PDF_DEPTH {
            return Err(nesting::too_deep(
                "arrays and dictionaries",
                nesting::MAX_PDF_DEPTH,
            ));
        }
        let doc = PdfDocument::from_bytes(bytes.to_vec())
            .map_err(|e| Failure::corrupt(format!("damaged PDF: {e}")))?;
        unlock(&doc)?;
        let count = doc
            .page_count()
            .map_err(|e| Failure::corrupt(format!("damaged PDF: cannot find its pages ({e})")))?;
        if count == 0 {
            return Err(Failure::corrupt("damaged PDF: it has no pages"));
        }
        let mut pages = Vec::with_capacity(count);
        let (mut blank, mut broken) = (0usize, 0usize);
        for index in 0..count {
            match doc.extract_text(index) {
                Ok(text) => {
                    if !text.chars().any(char::is_alphanumeric) {
                        blank += 1;
                    }
                    pages.push(text);
                }
                Err(_) => {
                    broken += 1;
                    pages.push(String::new());
                }
            }
        }
        if broken == count {
            return Err(Failure::corrupt("damaged PDF: no page could be read"));
        }
        if blank + broken == count {
            return Err(Failure::new(
                FailKind::NeedsOcr,
                format!(
                    "no text layer on any of its {count} page{} (a scan?): it needs OCR",
                    if count == 1 { "" } else { "s" }
                ),
            ));
        }
        let mut extracted = Extracted::paged(pages);
        if blank > 0 {
            extracted.warnings.push(format!(
                "{blank} of {count} pages have no text layer (scanned pages need OCR)"
            ));
        }
        if broken > 0 {
            extracted
                .warnings
                .push(format!("{broken} of {count} pages could not be read"));
        }
        extracted.properties = properties(&doc);
        Ok(extracted)
    }
}

/// Opens an encrypted PDF with the empty user password (owner-locked files, common for
/// government PDFs, open that way); one that needs a real password is reported as encrypted.
fn unlock(doc: &PdfDocument) -> Result<(), Failure> {
    if !doc.is_encrypted() {
        return Ok(());
    }
    match doc.authenticate(b"") {
        Ok(true) => Ok(()),
        _ => Err(Failure::new(
            FailKind::Encrypted,
            "password-protected PDF: its text can't be read without the password",
        )),
    }
}

fn resolve(doc: &PdfDocument, object: &Object) -> Option<Object> {
    match object {
        Object::Reference(r) => doc.load_object(*r).ok(),
        other => Some(other.clone()),
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, otherwise PDFDocEncoding (Latin-1 for the
/// letters Dutch uses).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|b| char::from(*b)).collect()
    }
}

/// The year of a PDF date (`D:20100111093000+01'00'`).
fn pdf_year(date: &str) -> Option<i32> {
    let digits = date.trim().trim_start_matches("D:");
    digits
        .get(..4)?
        .parse()
        .ok()
        .filter(|y| (1900..3000).contains(y))
}

fn properties(doc: &PdfDocument) -> Properties {
    let info = doc
        .trailer()
        .as_dict()
        .and_then(|trailer| trailer.get("Info"))
        .and_then(|info| resolve(doc, info));
    let Some(info) = info.as_ref().and_then(Object::as_dict) else {
        return Properties::default();
    };
    let text = |key: &str| {
        info.get(key)
            .and_then(|value| resolve(doc, value))
            .and_then(|value| value.as_string().map(pdf_string))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Properties {
        title: text("Title"),
        author: text("Author"),
        created_year: text("CreationDate").as_deref().and_then(pdf_year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_strings_and_dates() {
        assert_eq!(pdf_string(&[0xFE, 0xFF, 0x00, 0x49, 0x00, 0xEB]), "Ië");
        assert_eq!(pdf_string(b"Caf\xe9"), "Café");
        assert_eq!(pdf_year("D:20100111093000+01'00'"), Some(2010));
        assert_eq!(pdf_year("gisteren"), None);
    }

    #[test]
    fn not_a_pdf_is_corrupt() {
        let err = Pdf.extract(b"<html>geen pdf</html>").unwrap_err();
        assert_eq!(err.kind, FailKind::Corrupt);
    }
}
