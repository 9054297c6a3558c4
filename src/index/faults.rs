//! Fault injection for the tests of what nota survives: with [`FAIL_WRITES_AFTER_ENV`] set to a
//! number of bytes, the index's directory fails every write past that many bytes (counted over
//! the whole process) with the error a full disk gives, so that a full disk can be tested where
//! no small file system can be mounted. Without the variable the directory is tantivy's own.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, FileHandle, MmapDirectory, TerminatingWrite, WatchCallback, WatchHandle,
    WritePtr,
};
use tantivy::Directory;

/// Set to a number of bytes: writes to the index past that many fail as on a full disk.
pub const FAIL_WRITES_AFTER_ENV: &str = "NOTA_FAIL_WRITES_AFTER";

/// `mmap`, wrapped in a [`FullDisk`] when the fault is asked for.
pub fn wrap(mmap: MmapDirectory) -> Box<dyn Directory> {
    let limit = std::env::var(FAIL_WRITES_AFTER_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok());
    match limit {
        Some(limit) => Box::new(FullDisk {
            inner: mmap,
            room: Arc::new(AtomicU64::new(limit)),
        }),
        None => Box::new(mmap),
    }
}

/// A directory on a disk with `room` bytes left.
#[derive(Clone, Debug)]
struct FullDisk {
    inner: MmapDirectory,
    room: Arc<AtomicU64>,
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
        self.inner.get_mut().terminate_ref(token)
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
        Ok(io::BufWriter::new(Box::new(Counted {
            inner,
            room: Arc::clone(&self.room),
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
