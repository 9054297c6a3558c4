//! Bringing an index folder back from whatever a failed run left in it, without anyone's help
//! where that is safe, and with one named command where it is not:
//!
//! - [`sweep_leftovers`]: a run killed during its commit, or stopped by a full disk, leaves
//!   segment files the last commit does not reference; the next run (which holds the writer
//!   lock) removes them before it writes, so it neither trips over a file name it wants to use
//!   again nor fills the disk a second time.
//! - [`clear`]: a rebuild of a folder that holds a damaged index starts from an empty folder,
//!   removing only the files an index consists of.
//! - [`Damage`]: what is wrong with an index that cannot be read, said in plain words.
//! - The writer's pid, kept beside the index while a run writes, so that a second run can say
//!   which one holds it ([`note_writer`], [`writer_pid`]).

use std::collections::HashMap;
use std::path::Path;

use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::Index;

use crate::error::NotaError;

/// The file a writing run keeps its process id in.
const WRITER_PID: &str = "nota-writer.pid";
/// The copy of the taxonomy kept beside an index.
pub const TAXONOMY_COPY: &str = "taxonomy.toml";
/// tantivy's list of the files it created (only used to clean up; rebuilt when lost).
pub const MANAGED: &str = ".managed.json";
/// tantivy's list of segments: the last commit.
pub const META: &str = "meta.json";

/// The segment id and the rest of a segment file's name: `<32 hex digits>.<component>`, where
/// the component is one of tantivy's (so that a user's `<md5>.pdf` is never taken for one).
fn segment_file(name: &str) -> Option<(&str, &str)> {
    let (id, rest) = name.split_once('.')?;
    let component = match rest.split_once('.') {
        Some((opstamp, "del")) if opstamp.bytes().all(|b| b.is_ascii_digit()) => true,
        Some(("store", "temp")) => true,
        Some(_) => false,
        None => ["idx", "pos", "term", "store", "fast", "fieldnorm"].contains(&rest),
    };
    (component && id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some((id, rest))
}

/// Whether a file of this name belongs to an index (and may be removed by [`clear`]).
fn is_index_file(name: &str) -> bool {
    segment_file(name).is_some()
        || [META, MANAGED, WRITER_PID, TAXONOMY_COPY].contains(&name)
        || (name.starts_with(".tantivy-") && name.ends_with(".lock"))
}

/// Whether the folder `dir` holds an index (readable or not): tantivy's list of segments or
/// of its files is there.
pub fn looks_like_index(dir: &Path) -> bool {
    dir.join(META).is_file() || dir.join(MANAGED).is_file()
}

/// The name of the delete file of `meta` that the last commit references, if it has deletes.
fn living_delete_file(meta: &SegmentMeta) -> Option<String> {
    meta.has_deletes().then(|| {
        meta.relative_path(SegmentComponent::Delete)
            .to_string_lossy()
            .into_owned()
    })
}

/// Removes the segment files in `dir` that the last commit of `index` does not reference (a
/// failed run's). Call only while holding the index's writer lock. Returns the bytes freed.
pub fn sweep_leftovers(index: &Index, dir: &Path) -> Result<u64, NotaError> {
    let living: HashMap<String, Option<String>> = index
        .searchable_segment_metas()?
        .iter()
        .map(|meta| (meta.id().uuid_string(), living_delete_file(meta)))
        .collect();
    let mut freed = 0;
    let entries = std::fs::read_dir(dir).map_err(|e| super::io_error(dir, e))?;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some((id, rest)) = segment_file(&name) else {
            continue;
        };
        let keep = match living.get(id) {
            None => false,
            Some(delete_file) if rest.ends_with(".del") => delete_file.as_deref() == Some(&*name),
            Some(_) => !rest.ends_with(".temp"),
        };
        if !keep {
            freed += entry.metadata().map_or(0, |m| m.len());
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| super::io_error(&path, e))?;
        }
    }
    Ok(freed)
}

/// Removes the files of an index from `dir` (and nothing else), so that a rebuild can start
/// over whatever state they were in.
pub fn clear(dir: &Path) -> Result<(), NotaError> {
    let entries = std::fs::read_dir(dir).map_err(|e| super::io_error(dir, e))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_file() && is_index_file(&entry.file_name().to_string_lossy()) {
            std::fs::remove_file(&path).map_err(|e| super::io_error(&path, e))?;
        }
    }
    Ok(())
}

/// Notes this process as the one writing the index at `dir`.
pub fn note_writer(dir: &Path) {
    // Only used to name the writer in another run's message; not being able to write it
    // changes nothing else.
    let _ = std::fs::write(dir.join(WRITER_PID), std::process::id().to_string());
}

/// The process id of the run that noted itself as writing the index at `dir`.
pub fn writer_pid(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join(WRITER_PID))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The first sentence of tantivy's `message`, without its debug quoting.
fn first_sentence(message: &str) -> String {
    let message = message.replace("`\"", "").replace("\"`", "");
    let cut = message.find(". ").map_or(message.len(), |end| end);
    message[..cut].trim_end_matches('.').to_string()
}

/// Says in plain words what tantivy found wrong with an index it could not read.
pub fn damage(error: &tantivy::TantivyError) -> Option<String> {
    damage_in_full(error).map(|reason| first_sentence(&reason))
}

/// Whether an I/O error says a file's content is wrong (not that it could not be reached: a
/// permission, too many open files, a read-only disk are not damage).
fn is_bad_content(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
    )
}

fn damage_in_full(error: &tantivy::TantivyError) -> Option<String> {
    use tantivy::directory::error::OpenReadError;
    use tantivy::TantivyError as E;
    match error {
        E::OpenReadError(OpenReadError::IoError { io_error, filepath })
            if is_bad_content(io_error) =>
        {
            Some(format!("{}: {io_error}", filepath.display()))
        }
        E::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            Some(format!("{} is missing", path.display()))
        }
        E::OpenReadError(OpenReadError::IncompatibleIndex(other)) => Some(format!("{other:?}")),
        E::DataCorruption(corruption) => Some(
            format!("{corruption:?}")
                .trim_start_matches("Data corruption ")
                .trim_start_matches("(in file ")
                .replacen("):", ":", 1),
        ),
        E::IoError(io) if is_bad_content(io) => Some(io.to_string()),
        E::FieldNotFound(field) => Some(format!("the field {field} is missing")),
        E::SchemaError(message) => Some(message.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_index_files_are_recognised() {
        assert!(is_index_file("0123456789abcdef0123456789abcdef.store"));
        assert!(is_index_file("0123456789abcdef0123456789abcdef.405.del"));
        assert!(!is_index_file("0123456789abcdef0123456789abcdef.pdf"));
        assert!(!is_index_file("0123456789abcdef0123456789abcdef.x.del"));
        assert!(is_index_file("meta.json"));
        assert!(is_index_file(".tantivy-writer.lock"));
        assert!(!is_index_file("memo.txt"));
        assert!(!is_index_file("0123.store"));
        assert!(!is_index_file("notes.json"));
    }

    #[test]
    fn clearing_a_folder_keeps_what_is_not_the_index() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("meta.json"), "{garbled").unwrap();
        std::fs::write(dir.path().join("0123456789abcdef0123456789abcdef.fast"), "").unwrap();
        std::fs::write(dir.path().join("eigen-notities.txt"), "blijft").unwrap();
        std::fs::write(
            dir.path().join("0123456789abcdef0123456789abcdef.pdf"),
            "blijft",
        )
        .unwrap();
        assert!(looks_like_index(dir.path()));
        clear(dir.path()).unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let mut left = left;
        left.sort();
        assert_eq!(
            left,
            ["0123456789abcdef0123456789abcdef.pdf", "eigen-notities.txt"]
        );
        assert!(!looks_like_index(dir.path()));
    }
}
