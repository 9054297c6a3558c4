//! What a run has to do: the files the walk found (and those it skipped or could not enter), the
//! fingerprints the index holds of what it indexed last time, and per file whether it changed.
//!
//! A file's stored fingerprint is `STAMP|HASH:TAXONOMY:RULES`. The stamp (sizes and modification
//! times of the file and its sidecar, and a hash of its manifest row) lets a re-run skip an
//! unchanged file without reading it; the hash of its bytes (and settings) catches a file touched
//! but not changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::ingest::walk;
use crate::metadata::overrides;

/// Documents added from standard input are stored under this prefix and their given name.
pub const STDIN_PREFIX: &str = "stdin:";
/// Marks a stamp that must not be trusted next time.
const UNTRUSTED: &str = "?";

/// The work of a run, before any file is read.
pub struct Plan {
    /// What the walk found: files to look at, files skipped, folders it could not enter.
    pub walked: walk::Walked,
    /// Path → fingerprint of every document in the index now.
    pub previous: HashMap<String, String>,
}

impl Plan {
    /// Walks `roots`; `previous` is what the index holds.
    pub fn new(roots: &[PathBuf], previous: HashMap<String, String>) -> Plan {
        Plan {
            walked: walk::walk(roots),
            previous,
        }
    }

    /// The stored documents to remove at the end of a run that saw the keys in `seen`: their file
    /// is gone, or lies under a folder this run walked and was not found there.
    pub fn gone<'p>(
        &'p self,
        roots: &'p [PathBuf],
        seen: &'p std::collections::HashSet<String>,
    ) -> impl Iterator<Item = &'p String> + 'p {
        self.previous
            .keys()
            .filter(move |stored| !seen.contains(*stored) && should_remove(stored, roots))
    }
}

/// One document to prepare: a file on disk, or bytes from standard input under a name.
pub enum Input<'a> {
    /// A file.
    File(&'a Path),
    /// `nota add - --name NAME`.
    Stdin {
        /// The name given.
        name: &'a str,
        /// What was read.
        bytes: &'a [u8],
    },
}

impl Input<'_> {
    /// The document's key in the index: its path, or the stdin prefix and its name.
    pub fn key(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin { name, .. } => format!("{STDIN_PREFIX}{name}"),
        }
    }

    /// The path its format and title of last resort come from.
    pub fn path(&self) -> PathBuf {
        match self {
            Input::File(path) => path.to_path_buf(),
            Input::Stdin { name, .. } => PathBuf::from(name),
        }
    }

    /// Its sidecar, if it is a file with one.
    pub fn sidecar(&self) -> Option<PathBuf> {
        match self {
            Input::File(path) => overrides::sidecar_candidates(path)
                .into_iter()
                .find(|candidate| candidate.is_file()),
            Input::Stdin { .. } => None,
        }
    }
}

/// A file's fingerprint as far as it can be known without reading the file.
pub struct Fingerprint {
    stamp: String,
    tail: String,
}

impl Fingerprint {
    /// The fingerprint of `input`, with its `sidecar`, its manifest `row` text and the run's
    /// `settings` (taxonomy and rules).
    pub fn of(
        input: &Input,
        sidecar: Option<&Path>,
        row: Option<&str>,
        settings: String,
    ) -> Fingerprint {
        let mut stamp = match input {
            Input::File(path) => stat_stamp(path),
            Input::Stdin { .. } => "stdin".to_string(),
        };
        if let Some(sidecar) = sidecar {
            stamp.push_str(&format!("+{}", stat_stamp(sidecar)));
        }
        if let Some(text) = row {
            stamp.push_str(&format!("+{}", &content_hash(text.as_bytes(), &[])[..8]));
        }
        Fingerprint {
            stamp,
            tail: settings,
        }
    }

    /// The fingerprint to store, with the content hash.
    pub fn render(&self, hash: &str) -> String {
        format!("{}|{hash}:{}", self.stamp, self.tail)
    }

    /// Whether `previous` has the same stamp (and settings): unchanged without reading.
    pub fn stamp_matches(&self, previous: &str) -> bool {
        !self.stamp.contains(UNTRUSTED)
            && previous
                .split_once('|')
                .is_some_and(|(stamp, rest)| stamp == self.stamp && rest.ends_with(&self.tail))
    }

    /// Whether `previous` has the same content hash (and settings).
    pub fn hash_matches(&self, previous: &str, hash: &str) -> bool {
        previous
            .split_once('|')
            .is_some_and(|(_, rest)| rest == format!("{hash}:{}", self.tail))
    }
}

/// Size and modification time of `path`. A file modified in the last two seconds gets an
/// untrusted stamp: on a file system with coarse timestamps, a later edit of the same size in the
/// same tick would otherwise go unseen (so it is hashed next time instead).
fn stat_stamp(path: &Path) -> String {
    let Ok(meta) = std::fs::metadata(path) else {
        return UNTRUSTED.to_string();
    };
    let Some(modified) = meta.modified().ok() else {
        return UNTRUSTED.to_string();
    };
    let recent = modified
        .elapsed()
        .map_or(true, |age| age < std::time::Duration::from_secs(2));
    let nanos = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mark = if recent { UNTRUSTED } else { "" };
    format!("{}.{nanos}{mark}", meta.len())
}

/// The hash of a file's bytes and the texts that set its metadata.
pub fn content_hash(bytes: &[u8], settings: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(bytes);
    for setting in settings {
        hasher.update(b"\0");
        hasher.update(setting.as_bytes());
    }
    hasher.finalize().to_hex()[..32].to_string()
}

/// Whether a stored document's file should leave the index: it is gone, or it lies under a folder
/// this run walked and was not found there. Documents added from stdin stay until removed.
fn should_remove(stored_path: &str, roots: &[PathBuf]) -> bool {
    if stored_path.starts_with(STDIN_PREFIX) {
        return false;
    }
    let path = Path::new(stored_path);
    !path.exists()
        || roots
            .iter()
            .any(|root| root.is_dir() && path.starts_with(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_of_recent_files_are_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nieuw.txt");
        std::fs::write(&file, "tekst").unwrap();
        let print = Fingerprint::of(&Input::File(&file), None, None, "t:v".into());
        assert!(print.stamp.ends_with(UNTRUSTED));
        assert!(!print.stamp_matches(&print.render("abc")));
        assert!(print.hash_matches(&print.render("abc"), "abc"));
        assert!(!print.hash_matches(&print.render("abc"), "abd"));
    }

    #[test]
    fn documents_from_stdin_stay_and_missing_files_go() {
        assert!(!should_remove("stdin:memo.txt", &[]));
        assert!(should_remove("/nergens/weg.txt", &[]));
    }
}
