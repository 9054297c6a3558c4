//! Saved searches ("watches"), kept with the index they search: `watches.json` in the index
//! folder, written whole through a temporary file and a rename
//! ([`crate::index::write_json_atomically`]), so that an interrupted write leaves the old list or
//! the new one, never half of either. A saved search keeps its query and filters as typed; they are checked against the
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
    /// When `nota watch run` last ran it (RFC 3339), for `--since last`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run: Option<String>,
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

    /// Notes that the saved search `name` was run at `moment`, and saves the list.
    pub fn mark_run(&mut self, name: &str, moment: &str) -> Result<(), NotaError> {
        if let Some(watch) = self.list.iter_mut().find(|w| w.name == name) {
            watch.last_run = Some(moment.to_string());
        }
        self.save()
    }

    /// Writes the list ([`crate::index::write_json_atomically`]).
    fn save(&self) -> Result<(), NotaError> {
        crate::index::write_json_atomically(&self.file, &self.list)
    }
}

/// One document a saved search found, and why: the words that matched and the passage.
#[derive(Debug, Clone, Serialize)]
pub struct AlertHit {
    /// The document's key.
    pub path: String,
    /// Its title.
    pub title: String,
    /// The year it was written.
    pub year: Option<i32>,
    /// Provinces it is from or addressed to.
    pub provinces: Vec<String>,
    /// The query's words as they stand in the passage, lowercase.
    pub matched: Vec<String>,
    /// The passage.
    pub snippet: String,
}

/// What one saved search found among some documents: a run's new and changed ones, or those
/// changed since a moment.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    /// The saved search's name.
    pub watch: String,
    /// The search, in the CLI's words.
    pub search: String,
    /// How many of the documents it matches.
    pub total: usize,
    /// Them, best first.
    pub hits: Vec<AlertHit>,
    /// Why the saved search could not run (a filter value the taxonomy no longer has).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The documents among `keys` that `watch` matches, in the index `nota` with `taxonomy`;
/// `authors` are the index's authors, for a saved search with `--author`.
pub fn alert(
    nota: &crate::index::NotaIndex,
    taxonomy: &crate::metadata::Taxonomy,
    watch: &Watch,
    keys: &[String],
    authors: &[&str],
) -> Result<Alert, NotaError> {
    let mut alert = Alert {
        watch: watch.name.clone(),
        search: watch.describe(),
        total: 0,
        hits: Vec::new(),
        error: None,
    };
    let mut filters = match watch.filters.resolve(taxonomy, authors) {
        Ok(filters) => filters,
        Err(why) => {
            alert.error = Some(why);
            return Ok(alert);
        }
    };
    if keys.is_empty() {
        return Ok(alert);
    }
    filters.paths = keys.to_vec();
    let request = crate::search::Request {
        query: watch.query.clone(),
        filters,
        limit: keys.len(),
        all_words: true,
        ..crate::search::Request::default()
    };
    let results = crate::search::search(nota, &request)?;
    alert.total = results.total;
    alert.hits = results.hits.into_iter().map(alert_hit).collect();
    Ok(alert)
}

fn alert_hit(hit: crate::search::Hit) -> AlertHit {
    let mut matched: Vec<String> = hit
        .snippet
        .highlights
        .iter()
        .filter_map(|r| hit.snippet.text.get(r.clone()))
        .map(str::to_lowercase)
        .collect();
    matched.sort();
    matched.dedup();
    AlertHit {
        path: hit.path,
        title: hit.title,
        year: hit.year,
        provinces: hit.provinces,
        matched,
        snippet: hit.snippet.text,
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
            last_run: None,
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
        again
            .mark_run("jeugd-overijssel", "2026-12-03T10:00:00Z")
            .unwrap();
        let last = Watches::open(dir.path())
            .unwrap()
            .get("jeugd-overijssel")
            .unwrap()
            .last_run
            .clone();
        assert_eq!(last.as_deref(), Some("2026-12-03T10:00:00Z"));
    }
}
