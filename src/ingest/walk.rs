//! Finding the files to index: folders are walked with walkdir (symlinks followed, loops
//! reported, hidden files and folders skipped); files named directly are taken as they are.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::extract::is_supported;
use crate::error::{FailKind, FileError};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files nota can read, in walk order.
    pub files: Vec<PathBuf>,
    /// Files and folders that could not be read (loops, permissions).
    pub errors: Vec<FileError>,
    /// Files skipped because nota does not read their format (metadata sidecars not counted).
    pub skipped: Vec<PathBuf>,
    /// FIFOs, devices and sockets: never opened (a FIFO would block the run), counted as skipped.
    pub special: Vec<PathBuf>,
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Metadata sidecars (`memo.txt.meta.toml`, `memo.meta.json`) belong to a document; they are
/// neither indexed nor counted as skipped.
fn is_sidecar(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
    name.is_some_and(|n| n.ends_with(".meta.toml") || n.ends_with(".meta.json"))
}

/// Walks `roots` and collects the supported files.
pub fn walk(roots: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    for root in roots {
        walk_root(root, &mut walked);
    }
    walked.files.sort();
    walked.files.dedup();
    walked
}

fn walk_root(root: &Path, walked: &mut Walked) {
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if is_supported(entry.path()) {
                    walked.files.push(entry.into_path());
                } else if !is_sidecar(entry.path()) {
                    walked.skipped.push(entry.into_path());
                }
            }
            Ok(entry) if !entry.file_type().is_dir() => walked.special.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => {
                let (kind, reason) = walk_error_reason(&err);
                walked.errors.push(FileError::new(
                    path_key(err.path().unwrap_or(root)),
                    kind,
                    reason,
                ))
            }
        }
    }
}

fn walk_error_reason(err: &walkdir::Error) -> (FailKind, String) {
    if let Some(ancestor) = err.loop_ancestor() {
        return (
            FailKind::SymlinkLoop,
            format!("symbolic link loop back to {}", ancestor.display()),
        );
    }
    match err.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            (FailKind::Vanished, "does not exist".to_string())
        }
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            (FailKind::PermissionDenied, "permission denied".to_string())
        }
        Some(io) => (FailKind::Unreadable, io.to_string()),
        None => (FailKind::Unreadable, err.to_string()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn skips_hidden_and_unsupported_and_reports_missing_roots() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "tekst").unwrap();
        std::fs::write(dir.path().join(".verborgen.txt"), "tekst").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git").join("b.txt"), "tekst").unwrap();
        std::fs::write(dir.path().join("plaatje.png"), [0u8, 1, 2]).unwrap();
        let missing = dir.path().join("bestaat-niet");
        let walked = walk(&[dir.path().to_path_buf(), missing]);
        assert_eq!(walked.files, [dir.path().join("a.txt")]);
        assert_eq!(walked.skipped, [dir.path().join("plaatje.png")]);
        assert_eq!(walked.errors.len(), 1);
        assert_eq!(walked.errors[0].reason, "does not exist");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("a.txt"), "tekst").unwrap();
        std::os::unix::fs::symlink(dir.path(), sub.join("lus")).unwrap();
        let walked = walk(&[dir.path().to_path_buf()]);
        assert_eq!(walked.files, [sub.join("a.txt")]);
        assert!(walked.errors[0].reason.starts_with("symbolic link loop"));
    }
}
