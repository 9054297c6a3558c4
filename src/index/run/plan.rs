//! What a run has to do: the files the walk found (and those it skipped or could not enter), the
//! fingerprints the index holds of what it indexed last time, and per file whether it changed.
//!
//! A file's stored fingerprint is `STAMP|HASH:TAXONOMY:RULES`. The stamp (sizes and modification
//! times of the file and its sidecar, and a hash of its manifest row) lets a re-run skip an
//! unchanged file without reading it; the hash of its bytes (and settings) catches a file touched
//! but not changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::ingest::walk;
pub use crate::ingest::walk::{key_path, path_key};
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
        let mut walked = walk::walk(roots);
        respell(&mut walked.files, &previous);
        Plan { walked, previous }
    }

    /// What becomes of the stored documents this run did not see (`seen`), once it is over:
    /// those to remove, and those kept, per folder, because nota cannot tell whether their file
    /// is gone ([`Fate`]).
    pub fn settle(
        &self,
        roots: &[PathBuf],
        seen: &std::collections::HashSet<String>,
    ) -> (Vec<&String>, BTreeMap<String, usize>) {
        // Once per root, not once per document: which roots are folders, and whether each
        // showed anything at all.
        let walked: Vec<(&PathBuf, bool)> = roots
            .iter()
            .filter(|root| root.is_dir())
            .map(|root| (root, self.found_under(root)))
            .collect();
        let mut gone = Vec::new();
        let mut kept = BTreeMap::new();
        for stored in self.previous.keys().filter(|key| !seen.contains(*key)) {
            match self.fate(stored, &walked) {
                Fate::Gone => gone.push(stored),
                Fate::Kept(folder) => *kept.entry(folder).or_default() += 1,
                Fate::Elsewhere => {}
            }
        }
        (gone, kept)
    }

    /// What becomes of the stored document `stored` that this run did not see; `walked` holds
    /// the roots that are folders, each with whether the walk found anything under it.
    fn fate(&self, stored: &str, walked: &[(&PathBuf, bool)]) -> Fate {
        if stored.starts_with(STDIN_PREFIX) {
            return Fate::Elsewhere;
        }
        let path = key_path(stored);
        if let Some(error) = self.walked.errors.iter().find(|e| under(stored, &e.path)) {
            return Fate::Kept(error.path.clone());
        }
        if let Some((root, showed)) = walked.iter().find(|(root, _)| path.starts_with(root)) {
            // A root that shows nothing at all (an unmounted share's empty mount point) is not
            // a reason to drop what was found there before.
            return if *showed {
                Fate::Gone
            } else {
                Fate::Kept(path_key(root))
            };
        }
        match std::fs::symlink_metadata(&path) {
            Ok(_) => Fate::Elsewhere,
            Err(_) if positively_gone(&path) => Fate::Gone,
            Err(_) => Fate::Kept(path_key(path.parent().unwrap_or(Path::new(".")))),
        }
    }

    /// Whether the walk found anything (to index or to skip) under `root`.
    fn found_under(&self, root: &Path) -> bool {
        let walked = &self.walked;
        walked
            .files
            .iter()
            .chain(&walked.skipped)
            .chain(&walked.special)
            .any(|file| file.starts_with(root))
    }
}

/// Gives each of `files` that the index holds under another spelling of the same folder
/// (`docs/a.txt` indexed, `./docs` or `/home/me/docs` given now) the index's spelling, so that
/// it is the same document and not a second copy of it. Folders are compared as the file system
/// resolves them (symbolic links and `..` followed); only files the index does not hold as
/// spelled are looked up.
fn respell(files: &mut [PathBuf], previous: &HashMap<String, String>) {
    if previous.is_empty() {
        return;
    }
    let strangers: Vec<usize> = (0..files.len())
        .filter(|&i| !previous.contains_key(&path_key(&files[i])))
        .collect();
    if strangers.is_empty() {
        return;
    }
    let mut folders: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut resolved = |path: &Path| -> Option<PathBuf> {
        let name = path.file_name()?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let real = folders
            .entry(folder.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(folder).ok());
        real.as_ref().map(|real| real.join(name))
    };
    let stored: HashMap<PathBuf, &String> = previous
        .keys()
        .filter(|key| !key.starts_with(STDIN_PREFIX))
        .filter_map(|key| Some((resolved(&key_path(key))?, key)))
        .collect();
    for i in strangers {
        if let Some(key) = resolved(&files[i]).and_then(|real| stored.get(&real)) {
            files[i] = key_path(key);
        }
    }
}

/// What becomes of a stored document its run did not see.
enum Fate {
    /// Its file is positively gone (not found under a root that was walked, or not found in a
    /// folder that can be read): the document is removed.
    Gone,
    /// nota cannot tell (a folder it could not read, a root that shows nothing, a folder that is
    /// gone): the document stays, counted under this folder.
    Kept(String),
    /// Its file is outside this run and still there.
    Elsewhere,
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

    /// A plan whose index holds `stored`, after a walk of `roots`.
    fn plan(roots: &[PathBuf], stored: &[String]) -> Plan {
        let previous = stored.iter().map(|k| (k.clone(), String::new())).collect();
        Plan::new(roots, previous)
    }

    #[test]
    fn only_documents_positively_gone_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("blijft.txt"), "tekst").unwrap();
        let key = |p: &Path| path_key(p);
        let stored = [
            key(&root.join("weg.txt")),             // under the walked root, not found
            key(&dir.path().join("elders.txt")),    // outside, not found, folder readable
            key(Path::new("/nergens/map/weg.txt")), // outside, folder gone
            "stdin:memo.txt".to_string(),           // from standard input
        ];
        let plan = plan(std::slice::from_ref(&root), &stored);
        let seen = [key(&root.join("blijft.txt"))].into_iter().collect();
        let (gone, kept) = plan.settle(std::slice::from_ref(&root), &seen);
        let mut gone: Vec<&str> = gone.iter().map(|k| k.as_str()).collect();
        gone.sort();
        let mut expected = vec![stored[0].as_str(), stored[1].as_str()];
        expected.sort();
        assert_eq!(gone, expected);
        assert_eq!(
            kept.into_iter().collect::<Vec<_>>(),
            [("/nergens/map".to_string(), 1)]
        );
    }

    #[test]
    fn an_empty_root_and_an_unreadable_folder_keep_their_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mount = dir.path().join("share");
        std::fs::create_dir(&mount).unwrap();
        let missing = dir.path().join("verplaatst");
        let stored = [
            path_key(&mount.join("a.txt")),
            path_key(&mount.join("sub/b.txt")),
            path_key(&missing.join("c.txt")),
        ];
        let roots = [mount.clone(), missing.clone()];
        let plan = plan(&roots, &stored);
        let (gone, kept) = plan.settle(&roots, &Default::default());
        assert!(gone.is_empty(), "{gone:?}");
        assert_eq!(kept[&path_key(&mount)], 2);
        assert_eq!(kept[&path_key(&missing)], 1);
    }
}
