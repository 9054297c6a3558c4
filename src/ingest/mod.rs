//! Files to text: walking folders ([`walk`]), decoding bytes ([`decode`]), one extractor per file
//! format ([`extract`], [`formats`]) and the clean-up every extracted text goes through
//! ([`clean`]: ligatures, soft hyphens, words broken at line ends, running heads and feet).

pub mod clean;
pub mod decode;
pub mod extract;
pub mod formats;
pub mod isolate;
pub mod nesting;
pub mod walk;
mod xml;
mod zipped;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{FailKind, Failure, FileError};

/// What a file says about itself in its document properties (PDF info, DOCX/ODT core properties,
/// HTML `<meta>`, mail headers). These are hints: what the text says, and what a user sets, win.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Properties {
    /// The title property.
    pub title: Option<String>,
    /// The author property (often a person).
    pub author: Option<String>,
    /// The year of the creation date.
    pub created_year: Option<i32>,
}

/// The text of one file, ready for analysis.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Extracted {
    /// Plain text, NFC-normalised.
    pub text: String,
    /// YAML front matter of a Markdown file, unparsed.
    pub front_matter: Option<String>,
    /// Byte offsets in `text` where each page starts (the first is 0); empty when the format has
    /// no pages.
    pub pages: Vec<u32>,
    /// Document properties.
    pub properties: Properties,
    /// Things the report should mention: pages without text, odd bytes, parts left out.
    pub warnings: Vec<String>,
    /// Files attached to this one (an e-mail's), for the registry to read
    /// ([`extract::with_attachments`]).
    pub attachments: Vec<Attachment>,
}

/// A file attached to another.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Attachment {
    /// Its file name, whose extension says its format.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Extracted {
    /// Text without pages.
    pub fn text(text: String) -> Extracted {
        Extracted {
            text,
            ..Extracted::default()
        }
    }

    /// Text of `pages`, joined by blank lines, with the offset of each page kept.
    pub fn paged(pages: Vec<String>) -> Extracted {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(pages.len());
        for page in pages {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
            text.push_str(page.trim_end());
        }
        Extracted {
            text,
            pages: starts,
            ..Extracted::default()
        }
    }

    /// The page (from 1) that byte `offset` of the text lies on, if the text has pages.
    pub fn page_of(pages: &[u32], offset: usize) -> Option<u32> {
        if pages.is_empty() {
            return None;
        }
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        Some(pages.partition_point(|start| *start <= offset).max(1) as u32)
    }

    /// Cuts the text to at most `max_bytes` (at a word boundary), dropping the pages after the
    /// cut; says so in the warnings. Returns whether it cut.
    pub fn truncate(&mut self, max_bytes: usize) -> bool {
        if self.text.len() <= max_bytes {
            return false;
        }
        let mut cut = max_bytes;
        while !self.text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(space) = self.text[..cut].rfind(char::is_whitespace) {
            if space > cut / 2 {
                cut = space;
            }
        }
        let total = self.text.len();
        self.text.truncate(cut);
        self.pages.retain(|start| (*start as usize) < cut);
        self.warnings.push(format!(
            "text truncated to its first {} of {} (the --max-text limit); the rest is not searchable",
            human_bytes(cut as u64),
            human_bytes(total as u64)
        ));
        true
    }
}

/// `12.3 MB` for humans.
pub fn human_bytes(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads nothing itself: turns `bytes` read from `path` into text with the extractor for its
/// format, cleaned up. Errors name the file and the reason. A panic inside a format's parser is
/// caught and reported as a corrupt file.
/// Stack of the thread a file is extracted on: parsers recurse per level of nesting, and the
/// nesting limits ([`nesting`]) are checked on the raw bytes only (not inside compressed
/// streams), so the parser gets room to spare.
const EXTRACT_STACK_BYTES: usize = 256 << 20;

/// [`extract_bytes`] on a thread of its own with a large stack, giving up after `timeout`: the
/// file then fails as timed out (`--file-timeout`) and the run goes on. The thread cannot be
/// stopped; it is left to finish (or to end with the process) and its result is dropped.
/// Formats decoded in one linear pass ([`Extractor::needs_bounds`]) are read on the caller's
/// thread.
///
/// With `workers` (child processes of the `nota` binary), the file is read in one of them
/// instead ([`isolate`]): a parser that overflows its stack then fails only that file, and one
/// past the deadline is killed.
pub fn extract_bounded(
    path: &Path,
    bytes: std::borrow::Cow<'_, [u8]>,
    timeout: std::time::Duration,
    workers: Option<&isolate::Workers>,
) -> Result<Extracted, FileError> {
    if extract::for_path(path).is_some_and(|e| !e.needs_bounds()) {
        return extract_bytes(path, &bytes);
    }
    if let Some(workers) = workers {
        return workers.extract(path, &bytes, timeout);
    }
    let bytes = bytes.into_owned();
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    let owned_path = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("nota-extract".to_string())
        .stack_size(EXTRACT_STACK_BYTES)
        .spawn(move || {
            let _ = sender.send(extract_bytes(&owned_path, &bytes));
        });
    if let Err(err) = spawned {
        return Err(FileError::new(
            path.display(),
            FailKind::Unreadable,
            format!("no thread to read it on: {err}"),
        ));
    }
    match receiver.recv_timeout(timeout) {
        Ok(answer) => answer,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(FileError::new(
            path.display(),
            FailKind::TimedOut,
            format!(
                "reading it took longer than the --file-timeout of {} s; nota gave up on it",
                timeout.as_secs_f64()
            ),
        )),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(FileError::new(
            path.display(),
            FailKind::Corrupt,
            "the reader stopped on it without an answer",
        )),
    }
}

/// Extracts the text of `path`'s `bytes` with the extractor for its format.
pub fn extract_bytes(path: &Path, bytes: &[u8]) -> Result<Extracted, FileError> {
    let fail = |failure: Failure| FileError::new(path.display(), failure.kind, failure.reason);
    let extractor = extract::for_path(path).ok_or_else(|| {
        FileError::new(
            path.display(),
            FailKind::Unreadable,
            "not a supported file type",
        )
    })?;
    let mut extracted = extract::with_attachments(extractor, bytes).map_err(fail)?;
    clean::tidy(&mut extracted);
    if extracted.text.trim().is_empty() {
        return Err(fail(Failure::empty()));
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_joined_and_found_again() {
        let extracted = Extracted::paged(vec!["een\n".into(), "twee".into(), "drie".into()]);
        assert_eq!(extracted.text, "een\n\ntwee\n\ndrie");
        assert_eq!(extracted.pages, [0, 5, 11]);
        let page =
            |word: &str| Extracted::page_of(&extracted.pages, extracted.text.find(word).unwrap());
        assert_eq!(
            (page("een"), page("twee"), page("drie")),
            (Some(1), Some(2), Some(3))
        );
        assert_eq!(Extracted::page_of(&[], 3), None);
    }

    #[test]
    fn truncation_cuts_at_a_word_and_says_so() {
        let mut extracted = Extracted::paged(vec!["aaa bbb".into(), "ccc ddd".into()]);
        assert!(extracted.truncate(8));
        assert_eq!(extracted.text, "aaa bbb");
        assert_eq!(extracted.pages, [0]);
        assert!(extracted.warnings[0].contains("truncated"));
        assert!(!extracted.truncate(100));
    }
}
