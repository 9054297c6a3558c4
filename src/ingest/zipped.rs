//! Reading parts of a zip container (DOCX, ODT) with a bound on what each part may expand to, so
//! that a zip bomb is reported instead of filling the memory.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::{FailKind, Failure};

/// Most bytes one part of a container may expand to.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// An opened container.
pub struct Container<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
}

/// The magic bytes of an OLE compound file: an encrypted Office document, or an old binary one.
const COMPOUND_FILE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl<'a> Container<'a> {
    /// Opens `bytes` as a zip container of `format` (for messages: "DOCX", "ODT").
    pub fn open(bytes: &'a [u8], format: &str) -> Result<Self, Failure> {
        if bytes.starts_with(COMPOUND_FILE) {
            return Err(Failure::new(
                FailKind::Encrypted,
                format!(
                    "password-protected (an encrypted {format} is stored as an OLE compound file)"
                ),
            ));
        }
        if bytes.is_empty() {
            return Err(Failure::empty());
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Failure::corrupt(format!(
                "not a valid {format} file (broken zip archive: {e})"
            ))
        })?;
        Ok(Container { archive })
    }

    /// The bytes of part `name`, or `None` when the container has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Failure> {
        let mut file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(why)) if why.contains("ncrypt") => {
                return Err(Failure::new(FailKind::Encrypted, "password-protected zip"))
            }
            Err(e) => return Err(Failure::corrupt(format!("cannot read {name}: {e}"))),
        };
        let mut out = Vec::new();
        (&mut file)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| Failure::corrupt(format!("cannot unpack {name}: {e}")))?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(Failure::new(
                FailKind::TooLarge,
                format!(
                    "{name} expands beyond {} MB (a zip bomb?); not read",
                    MAX_PART_BYTES / 1024 / 1024
                ),
            ));
        }
        Ok(Some(out))
    }

    /// Part `name` as UTF-8 text (XML parts are UTF-8).
    pub fn text_part(&mut self, name: &str) -> Result<Option<String>, Failure> {
        self.part(name)?
            .map(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|_| Failure::corrupt(format!("{name} is not UTF-8 XML")))
            })
            .transpose()
    }
}
