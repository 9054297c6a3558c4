//! Files to text: walking folders ([`walk`]), decoding bytes ([`decode`]) and extracting the text
//! of each supported format ([`extract`]).

pub mod decode;
pub mod extract;
pub mod walk;

use std::path::Path;

use crate::error::FileError;

/// The text of one file, ready for analysis.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// Plain text, NFC-normalised.
    pub text: String,
    /// YAML front matter of a Markdown file, unparsed.
    pub front_matter: Option<String>,
}

/// Reads nothing itself: turns `bytes` read from `path` into text with the extractor for its
/// format. Errors name the file and the reason.
pub fn extract_bytes(path: &Path, bytes: &[u8]) -> Result<Extracted, FileError> {
    let fail = |reason: String| FileError {
        path: path.display().to_string(),
        reason,
    };
    let extractor =
        extract::for_path(path).ok_or_else(|| fail("not a supported file type".to_string()))?;
    extractor.extract(bytes).map_err(fail)
}
