//! Saved searches ("watches"), kept with the index they search: `watches.json` in the index
//! folder. The list is written whole to a temporary file beside it, flushed, and renamed over
//! the old one, so that an interrupted write leaves the old list or the new one, never half of
//! either. A saved search keeps its query and filters as typed; they are checked against the
//! index's taxonomy before they are saved, as `nota search` checks them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::NotaError;
use crate::search::RawFilters;

/// The file in the index folder that holds the saved searches.
pub const FILE: &str = "watches.json";

/// One saved search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Watch {
    /// Its name: letters, digits, `-` and `_` (it names a feed in a URL).
    pub name: String,
    /// The query, as typed.
    #[serde(default)]
    pub query: String,
    /// The filters, as typed.
    #[serde(default)]
    pub filters: RawFilters,
}

impl Watch {
    /// The search in the CLI's words: `jeugdzorg --province Overijssel --year 2020..`.
    pub fn describe(&self) -> String {
        let f = &self.filters;
        let mut parts = vec![if self.query.is_empty() {
            "(all documents)".to_string()
        } else {
            format!("{:?}", self.query)
        }];
        let flags: [(&str, &[String]); 6] = [
            ("--province", &f.provinces),
            ("--municipality", &f.municipalities),
            ("--theme", &f.themes),
            ("--role", &f.roles),
            ("--type", &f.doc_types),
            ("--author", &f.authors),
        ];
        for (flag, values) in flags {
            parts.extend(values.iter().map(|v| format!("{flag} {v}")));
        }
        if let Some(year) = &f.year {
            parts.push(format!("--year {year}"));
        }
        parts.join(" ")
    }
}

/// Whether `name` may name a saved search.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The saved searches of one index folder.
#[derive(Debug)]
pub struct Watches {
    file: PathBuf,
    list: Vec<Watch>,
}

impl Watches {
    /// The saved searches of the index in `index_dir` (none when it has no file yet).
    pub fn open(index_dir: &Path) -> Result<Watches, NotaError> {
        let file = index_dir.join(FILE);
        let list = match std::fs::read_to_string(&file) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                NotaError::Usage(format!(
                    "{} is not a list of saved searches ({e}); fix or remove it",
                    file.display()
                ))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(NotaError::Io { path: file, source }),
        };
        Ok(Watches { file, list })
    }

    /// The saved searches, in the order they were added.
    pub fn all(&self) -> &[Watch] {
        &self.list
    }

    /// The saved search named `name`, or an error listing the names there are.
    pub fn get(&self, name: &str) -> Result<&Watch, NotaError> {
        self.list
            .iter()
            .find(|w| w.name == name)
            .ok_or_else(|| self.unknown(name))
    }

    fn unknown(&self, name: &str) -> NotaError {
        let names: Vec<&str> = self.list.iter().map(|w| w.name.as_str()).collect();
        NotaError::Usage(if names.is_empty() {
            format!(
                "no saved search is named {name:?}; there are none yet (nota watch add NAME QUERY)"
            )
        } else {
            format!(
                "no saved search is named {name:?}; saved: {}",
                names.join(", ")
            )
        })
    }

    /// Adds `watch` (already checked) and saves the list; a name in use or not fit for a URL is
    /// refused.
    pub fn add(&mut self, watch: Watch) -> Result<(), NotaError> {
        if !valid_name(&watch.name) {
            return Err(NotaError::Usage(format!(
                "{:?} cannot name a saved search: use letters, digits, - and _ (at most 64)",
                watch.name
            )));
        }
        if self.list.iter().any(|w| w.name == watch.name) {
            return Err(NotaError::Usage(format!(
                "a saved search is already named {:?}; remove it first (nota watch remove {})",
                watch.name, watch.name
            )));
        }
        self.list.push(watch);
        self.save()
    }

    /// Removes the saved search named `name` and saves the list.
    pub fn remove(&mut self, name: &str) -> Result<Watch, NotaError> {
        let at = self
            .list
            .iter()
            .position(|w| w.name == name)
            .ok_or_else(|| self.unknown(name))?;
        let gone = self.list.remove(at);
        self.save()?;
        Ok(gone)
    }

    /// Writes the list: to a temporary file beside it, flushed to disk, then renamed over it.
    fn save(&self) -> Result<(), NotaError> {
        let io = |source| NotaError::Io {
            path: self.file.clone(),
            source,
        };
        let text =
            serde_json::to_string_pretty(&self.list).map_err(|e| io(std::io::Error::other(e)))?;
        let temporary = self.file.with_extension("json.tmp");
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut out = std::fs::File::create(&temporary)?;
            out.write_all(text.as_bytes())?;
            out.sync_all()?;
            std::fs::rename(&temporary, &self.file)
        };
        write().map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch(name: &str) -> Watch {
        Watch {
            name: name.to_string(),
            query: "jeugdzorg".to_string(),
            filters: RawFilters {
                provinces: vec!["Overijssel".to_string()],
                year: Some("2020..".to_string()),
                ..RawFilters::default()
            },
        }
    }

    #[test]
    fn saved_searches_survive_reopening_and_refuse_bad_names() {
        let dir = tempfile::tempdir().unwrap();
        let mut watches = Watches::open(dir.path()).unwrap();
        watches.add(watch("jeugd-overijssel")).unwrap();
        watches.add(watch("tweede")).unwrap();
        assert!(watches.add(watch("tweede")).is_err(), "a name in use");
        assert!(
            watches.add(watch("met spatie")).is_err(),
            "not fit for a URL"
        );
        let again = Watches::open(dir.path()).unwrap();
        assert_eq!(again.all(), watches.all());
        assert_eq!(
            again.get("jeugd-overijssel").unwrap().describe(),
            "\"jeugdzorg\" --province Overijssel --year 2020.."
        );
        let mut again = again;
        again.remove("tweede").unwrap();
        let err = again.remove("tweede").unwrap_err().to_string();
        assert!(err.contains("saved: jeugd-overijssel"), "{err}");
        assert!(!dir.path().join("watches.json.tmp").exists());
    }
}
