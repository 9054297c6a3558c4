//! Fault injection for the tests of what nota survives, through the directory tantivy writes the
//! index with:
//! - [`FAIL_WRITES_AFTER_ENV`] set to a number of bytes: every write past that many bytes
//!   (counted over the whole process) fails with the error a full disk gives, so that a full
//!   disk can be tested where no small file system can be mounted;
//! - [`ABORT_AFTER_WRITING_ENV`] set to the end of a file name (`.del`): the process aborts
//!   right after writing such a file, which lands a kill inside tantivy's commit.
//!
//! Without either variable the directory is tantivy's own.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::Directory;

/// Set to a number of bytes: writes to the index past that many fail as on a full disk.
pub const FAIL_WRITES_AFTER_ENV: &str = "NOTA_FAIL_WRITES_AFTER";
/// Set to the end of a file name: the process aborts once it has written such a file.
pub const ABORT_AFTER_WRITING_ENV: &str = "NOTA_ABORT_AFTER_WRITING";

/// `mmap`, wrapped in a [`FullDisk`] when a fault is asked for.
pub fn wrap(mmap: MmapDirectory) -> Box<dyn Directory> {
    let limit = std::env::var(FAIL_WRITES_AFTER_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok());
    let abort_after = std::env::var(ABORT_AFTER_WRITING_ENV)
        .ok()
        .filter(|v| !v.is_empty());
    if limit.is_none() && abort_after.is_none() {
        return Box::new(mmap);
    }
    Box::new(FullDisk {
        inner: mmap,
        room: Arc::new(AtomicU64::new(limit.unwrap_or(u64::MAX))),
        abort_after: abort_after.map(Arc::from),
    })
}

/// A directory on a disk with `room` bytes left, on a machine that may go down after writing
/// a file whose name ends in `abort_after`.
#[derive(Clone, Debug)]
struct FullDisk {
    inner: MmapDirectory,
    room: Arc<AtomicU64>,
    abort_after: Option<Arc<str>>,
}

fn no_space() -> io::Error {
    io::Error::from_raw_os_error(28)
}

impl FullDisk {
    /// Takes `bytes` of the room left, or fails as a full disk.
    fn take(room: &AtomicU64, bytes: u64) -> io::Result<()> {
        room.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
            left.checked_sub(bytes)
        })
        .map(|_| ())
        .map_err(|_| no_space())
    }
}

/// A file being written on the [`FullDisk`].
struct Counted {
    inner: io::BufWriter<Box<dyn TerminatingWrite + Send + Sync>>,
    room: Arc<AtomicU64>,
    abort_when_written: bool,
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        FullDisk::take(&self.room, buf.len() as u64)?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for Counted {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.inner.flush()?;
        self.inner.get_mut().terminate_ref(token)?;
        if self.abort_when_written {
            eprintln!("nota: {ABORT_AFTER_WRITING_ENV} is set: aborting after writing a file");
            std::process::abort();
        }
        Ok(())
    }
}

impl Directory for FullDisk {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let inner = self.inner.open_write(path)?;
        let abort_when_written = self
            .abort_after
            .as_deref()
            .is_some_and(|end| path.to_string_lossy().ends_with(end));
        Ok(io::BufWriter::new(Box::new(Counted {
            inner,
            room: Arc::clone(&self.room),
            abort_when_written,
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        FullDisk::take(&self.room, data.len() as u64)?;
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_past_the_room_fail_as_a_full_disk() {
        let dir = tempfile::tempdir().unwrap();
        let disk = FullDisk {
            inner: MmapDirectory::open(dir.path()).unwrap(),
            room: Arc::new(AtomicU64::new(10)),
            abort_after: None,
        };
        let mut file = disk.open_write(Path::new("a.bin")).unwrap();
        file.write_all(b"12345678").unwrap();
        file.flush().unwrap();
        let err = file
            .write_all(b"abc")
            .and_then(|_| file.flush())
            .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28));
        assert!(disk.atomic_write(Path::new("b.json"), b"xy").is_ok());
        assert!(disk.atomic_write(Path::new("c.json"), b"z").is_err());
    }
}
