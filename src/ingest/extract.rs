//! The registry of extractors: one [`Extractor`] per file format (in [`super::formats`]), chosen
//! by extension. Adding a format means adding an implementation and one line in [`EXTRACTORS`].
//! Attachments a format finds (an e-mail's) come back to the registry to be read
//! ([`with_attachments`]); formats never call the registry themselves.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

pub use super::formats::Extractor;
use super::formats::{docx, eml, html, odt, pdf, rtf, text};
use super::Extracted;
use crate::error::Failure;

/// Every extractor nota has.
pub static EXTRACTORS: &[&dyn Extractor] = &[
    &text::PlainText,
    &text::Markdown,
    &pdf::Pdf,
    &docx::Docx,
    &odt::Odt,
    &html::Html,
    &rtf::Rtf,
    &eml::Eml,
];

/// The extractor for files ending in `.ext` (any case), if nota reads that format.
pub fn for_extension(ext: &str) -> Option<&'static dyn Extractor> {
    let ext = ext.to_lowercase();
    EXTRACTORS
        .iter()
        .copied()
        .find(|e| e.extensions().contains(&ext.as_str()))
}

/// The extractor for `path`'s extension, if nota reads that format.
pub fn for_path(path: &Path) -> Option<&'static dyn Extractor> {
    for_extension(path.extension()?.to_str()?)
}

/// Whether nota can read `path`.
pub fn is_supported(path: &Path) -> bool {
    for_path(path).is_some()
}

/// Every extension nota reads, for help texts and reports.
pub fn supported_extensions() -> Vec<&'static str> {
    EXTRACTORS
        .iter()
        .flat_map(|e| e.extensions())
        .copied()
        .collect()
}

thread_local! {
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that stays quiet for panics inside an extractor (they are caught
/// and reported per file) and prints every other panic as before.
fn quiet_extractor_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !EXTRACTING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `extractor` on `bytes`; a panic in a parser becomes a corrupt-file failure instead of
/// ending the run.
pub fn guarded(extractor: &dyn Extractor, bytes: &[u8]) -> Result<Extracted, Failure> {
    quiet_extractor_panics();
    EXTRACTING.with(|f| f.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| extractor.extract(bytes)));
    EXTRACTING.with(|f| f.set(false));
    result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        Err(Failure::corrupt(format!(
            "the {} reader gave up on this file ({message})",
            extractor.extensions()[0].to_uppercase()
        )))
    })
}

/// Runs `extractor` on `bytes` ([`guarded`]), then reads the attachments it found with their
/// own extractors, one level deep, each under its own heading; an attachment nota cannot read
/// is a warning.
pub fn with_attachments(extractor: &dyn Extractor, bytes: &[u8]) -> Result<Extracted, Failure> {
    let mut extracted = guarded(extractor, bytes)?;
    for attachment in std::mem::take(&mut extracted.attachments) {
        let name = &attachment.name;
        let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
        // One level deep: an attached e-mail's own attachments are not opened.
        let Some(inner) = for_extension(extension).filter(|e| e.extensions() != ["eml"]) else {
            extracted
                .warnings
                .push(format!("attachment {name}: not a format nota reads"));
            continue;
        };
        match guarded(inner, &attachment.bytes) {
            Ok(inner) => {
                extracted
                    .text
                    .push_str(&format!("\n\n# Bijlage: {name}\n\n"));
                extracted.text.push_str(&inner.text);
            }
            Err(failure) => extracted
                .warnings
                .push(format!("attachment {name}: {}", failure.reason)),
        }
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_by_extension_case_insensitively() {
        assert!(is_supported(Path::new("memo.TXT")));
        assert!(is_supported(Path::new("notes/readme.md")));
        assert!(is_supported(Path::new("scan.Pdf")));
        assert!(is_supported(Path::new("brief.docx")));
        assert!(!is_supported(Path::new("oud.doc")));
        assert!(!is_supported(Path::new("Makefile")));
    }

    struct Panicky;
    impl Extractor for Panicky {
        fn extensions(&self) -> &'static [&'static str] {
            &["pdf"]
        }
        fn extract(&self, _: &[u8]) -> Result<Extracted, Failure> {
            panic!("index out of bounds")
        }
    }

    #[test]
    fn a_panicking_parser_is_a_corrupt_file() {
        let err = guarded(&Panicky, b"").unwrap_err();
        assert_eq!(err.kind, crate::error::FailKind::Corrupt);
        assert!(err.reason.contains("index out of bounds"), "{}", err.reason);
    }
}
