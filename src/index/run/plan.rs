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
    /// is positively gone (not found where its folder can be read), or lies under a folder this
    /// run walked and was not found there. Documents under a folder or root the walk could not
    /// read are kept ([`Plan::kept`]).
    pub fn gone<'p>(
        &'p self,
        roots: &'p [PathBuf],
        seen: &'p std::collections::HashSet<String>,
    ) -> impl Iterator<Item = &'p String> + 'p {
        self.previous.keys().filter(move |stored| {
            !seen.contains(*stored)
                && !self.unreadable(stored)
                && should_remove(&key_path(stored), roots)
        })
    }

    /// The stored documents not seen by this run that are kept because they lie under a
    /// folder (or root) the walk could not read, per such folder.
    pub fn kept<'p>(
        &'p self,
        seen: &'p std::collections::HashSet<String>,
    ) -> impl Iterator<Item = (&'p str, usize)> + 'p {
        self.walked.errors.iter().filter_map(move |error| {
            let under = self
                .previous
                .keys()
                .filter(|stored| !seen.contains(*stored) && under(stored, &error.path))
                .count();
            (under > 0).then_some((error.path.as_str(), under))
        })
    }

    /// Whether `stored` lies under a path the walk could not read.
    fn unreadable(&self, stored: &str) -> bool {
        self.walked
            .errors
            .iter()
            .any(|error| under(stored, &error.path))
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
            Input::File(path) => path_key(path),
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

/// Whether the document stored under `key` is `path` or lies under it.
fn under(key: &str, path: &str) -> bool {
    key_path(key).starts_with(key_path(path))
}

/// The key of a file in the index: its path as text. A path that is not UTF-8 is kept whole:
/// each byte that is not part of valid UTF-8 is written `\xNN`, and a backslash `\\` (in every
/// key, so that the two can never be confused); [`key_path`] reads it back.
pub fn path_key(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut key = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        key.push_str(&chunk.valid().replace('\\', "\\\\"));
        for byte in chunk.invalid() {
            key.push_str(&format!("\\x{byte:02x}"));
        }
    }
    key
}

/// The path a key of [`path_key`] stands for.
pub fn key_path(key: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    if !key.contains('\\') {
        return PathBuf::from(key);
    }
    let bytes = key.as_bytes();
    let (mut out, mut i) = (Vec::with_capacity(bytes.len()), 0);
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\\', Some(b'\\')) => {
                out.push(b'\\');
                i += 2;
            }
            (b'\\', Some(b'x')) => match key.get(i + 2..i + 4).map(|h| u8::from_str_radix(h, 16)) {
                Some(Ok(byte)) => {
                    out.push(byte);
                    i += 4;
                }
                _ => {
                    out.push(b'\\');
                    i += 1;
                }
            },
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(out))
}

/// Whether a stored document's file should leave the index: it lies under a folder this run
/// walked and was not found there, or it is positively gone (not found, in a folder that can be
/// read; a root moved away or unmounted is not a reason to drop its documents). Documents added
/// from stdin stay until removed.
fn should_remove(path: &Path, roots: &[PathBuf]) -> bool {
    if path.to_string_lossy().starts_with(STDIN_PREFIX) {
        return false;
    }
    let walked = roots
        .iter()
        .any(|root| root.is_dir() && path.starts_with(root));
    walked || positively_gone(path)
}

/// Whether `path` is not there while its folder can be read.
fn positively_gone(path: &Path) -> bool {
    let missing = matches!(
        std::fs::symlink_metadata(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound
    );
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    missing && std::fs::read_dir(folder).is_ok()
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
    fn documents_from_stdin_and_under_vanished_folders_stay_and_missing_files_go() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!should_remove(Path::new("stdin:memo.txt"), &[]));
        assert!(should_remove(&dir.path().join("weg.txt"), &[]));
        assert!(!should_remove(Path::new("/nergens/weg.txt"), &[]));
    }

    #[test]
    fn keys_keep_names_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let names: [&[u8]; 4] = [b"a\xff.txt", b"a\xfe.txt", b"a\\xff.txt", b"map/nota.txt"];
        let keys: Vec<String> = names
            .iter()
            .map(|n| path_key(Path::new(std::ffi::OsStr::from_bytes(n))))
            .collect();
        assert_eq!(
            keys,
            ["a\\xff.txt", "a\\xfe.txt", "a\\\\xff.txt", "map/nota.txt"]
        );
        for (name, key) in names.iter().zip(&keys) {
            assert_eq!(key_path(key).as_os_str().as_bytes(), *name);
        }
    }
}
