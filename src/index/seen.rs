//! When each document entered the index and when its text last changed: `seen.json` in the
//! index folder, one entry per document key with the two moments (RFC 3339, UTC) and a hash of
//! the text. It is brought up to date after each indexing run from the run's account: a
//! document added or updated whose text is new or different is "changed now", one whose text is
//! the same (re-derived metadata, a `--rebuild`, a touched file) keeps its moments, and a removed
//! one is forgotten. The file is written to a temporary file and renamed, and `--rebuild` clears
//! only the index's own files, so the moments outlive it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::run::{Status, Summary};
use super::{document, NotaIndex};
use crate::error::NotaError;

/// The file in the index folder.
pub const FILE: &str = "seen.json";

/// The moments of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// When it entered the index (RFC 3339, UTC).
    pub first_seen: String,
    /// When its text last changed (RFC 3339, UTC).
    pub changed: String,
    /// blake3 of its text, to tell a changed text from a re-indexed one.
    pub text: String,
}

/// The moments of every document of one index folder.
#[derive(Debug)]
pub struct Ledger {
    file: PathBuf,
    entries: BTreeMap<String, Seen>,
}

/// Moments as the ledger writes them: RFC 3339 in UTC with nine digits of fraction, so that
/// two moments compare as strings in time order, also within one second.
const MOMENT: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z"
);

/// `moment` as the ledger writes it.
fn written(moment: time::OffsetDateTime) -> String {
    moment
        .to_offset(time::UtcOffset::UTC)
        .format(MOMENT)
        .unwrap_or_default()
}

/// Now, as the ledger writes moments.
pub fn now() -> String {
    written(time::OffsetDateTime::now_utc())
}

/// `value` as a moment to compare with the ledger's: a date (`2026-12-01`, from its start) or
/// an RFC 3339 moment; the error says what is valid.
pub fn parse_moment(value: &str) -> Result<String, String> {
    use time::format_description::well_known::Rfc3339;
    let value = value.trim();
    if let Ok(moment) = time::OffsetDateTime::parse(value, &Rfc3339) {
        return Ok(written(moment));
    }
    let date = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, date)
        .map(|d| written(d.midnight().assume_utc()))
        .map_err(|_| {
            format!(
                "invalid date {value:?}: give a day such as 2026-12-01 or a moment such as \
                 2026-12-01T09:30:00Z"
            )
        })
}

fn text_hash(body: &str) -> String {
    blake3::hash(body.as_bytes()).to_hex().to_string()
}

impl Ledger {
    /// The ledger of the index in `dir` (empty when it has none yet).
    pub fn open(dir: &Path) -> Result<Ledger, NotaError> {
        let file = dir.join(FILE);
        let entries = match std::fs::read_to_string(&file) {
            // A damaged ledger is started anew rather than failing every run: it only dates.
            Ok(text) => serde_json::from_str(&text).unwrap_or_default(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(source) => return Err(NotaError::Io { path: file, source }),
        };
        Ok(Ledger { file, entries })
    }

    /// The moments of the document indexed as `key`.
    pub fn get(&self, key: &str) -> Option<&Seen> {
        self.entries.get(key)
    }

    /// The keys of documents whose text changed (or that entered) after `since` (or at it: a day
    /// given by date starts at its first moment).
    pub fn changed_since(&self, since: &str) -> Vec<String> {
        self.entries
            .iter()
            .filter(|(_, seen)| seen.changed.as_str() >= since)
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// Brings the ledger up to date with a run's account (`summary`) over `nota`, at `now`, and
    /// saves it; returns the keys of the documents that are new or whose text changed.
    pub fn record(
        &mut self,
        nota: &NotaIndex,
        summary: &Summary,
        now: &str,
    ) -> Result<Vec<String>, NotaError> {
        let mut changed = Vec::new();
        for report in &summary.files {
            match report.status {
                Status::Added | Status::Updated => {
                    let Some(doc) = document::find(nota, &report.path)? else {
                        continue;
                    };
                    let text = text_hash(&doc.body);
                    let key = doc.path.clone();
                    match self.entries.get_mut(&key) {
                        Some(seen) if seen.text == text => {}
                        Some(seen) => {
                            seen.changed = now.to_string();
                            seen.text = text;
                            changed.push(key);
                        }
                        None => {
                            self.entries.insert(
                                key.clone(),
                                Seen {
                                    first_seen: now.to_string(),
                                    changed: now.to_string(),
                                    text,
                                },
                            );
                            changed.push(key);
                        }
                    }
                }
                Status::Removed => {
                    self.entries.remove(&report.path);
                }
                _ => {}
            }
        }
        self.save()?;
        Ok(changed)
    }

    /// Writes the ledger ([`super::write_json_atomically`]).
    fn save(&self) -> Result<(), NotaError> {
        super::write_json_atomically(&self.file, &self.entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_dates_or_rfc3339() {
        assert_eq!(
            parse_moment("2026-12-01").unwrap(),
            "2026-12-01T00:00:00.000000000Z"
        );
        assert_eq!(
            parse_moment("2026-12-01T10:30:00+01:00").unwrap(),
            "2026-12-01T09:30:00.000000000Z"
        );
        assert!(parse_moment("gisteren").unwrap_err().contains("2026-12-01"));
        // Within one second, a later moment still sorts after an earlier one.
        let (a, b) = (now(), now());
        assert!(a.ends_with('Z') && a.len() == 30 && a <= b, "{a} {b}");
        assert!(
            parse_moment("2026-12-01T00:00:00.5Z").unwrap() > parse_moment("2026-12-01").unwrap()
        );
    }
}
