//! Values a user sets for a document, which win over derived ones.
//!
//! Three sources, later ones winning: a manifest CSV (`nota index --metadata FILE`, a `path`
//! column plus any fields), YAML front matter at the top of a Markdown file, and a sidecar beside
//! the file (`NAME.meta.toml` or `NAME.meta.json`, where NAME is the file name with or without its
//! extension). Values are checked: a province must be one of the twelve, a theme or role must be
//! in the taxonomy. A bad value fails that file with the reason; nothing else is lost.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::gazetteer::Gazetteer;
use super::{DocMeta, Scope, Taxonomy};

/// The fields a user may set.
pub const FIELDS: &[&str] = &[
    "title",
    "provinces",
    "mentioned_provinces",
    "municipalities",
    "scope",
    "year",
    "themes",
    "roles",
    "doc_type",
    "author",
];

/// One value or a list of them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// `provinces = "Utrecht"`
    One(String),
    /// `provinces = ["Utrecht", "Flevoland"]`
    Many(Vec<String>),
}

impl OneOrMany {
    fn values(&self) -> Vec<String> {
        match self {
            OneOrMany::One(v) => split_list(v),
            OneOrMany::Many(vs) => vs.iter().map(|v| v.trim().to_string()).collect(),
        }
    }
}

/// A year as a number or a string.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum YearValue {
    /// `year = 2011`
    Number(i64),
    /// `year = "2011"`
    Text(String),
}

/// Values set for one document by one source.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Overrides {
    /// Title.
    pub title: Option<String>,
    /// Provinces it is from or addressed to.
    pub provinces: Option<OneOrMany>,
    /// Provinces it mentions.
    pub mentioned_provinces: Option<OneOrMany>,
    /// Municipalities.
    pub municipalities: Option<OneOrMany>,
    /// national, provincial or unknown.
    pub scope: Option<String>,
    /// Year written.
    pub year: Option<YearValue>,
    /// Themes.
    pub themes: Option<OneOrMany>,
    /// Roles.
    pub roles: Option<OneOrMany>,
    /// Document type.
    #[serde(alias = "type")]
    pub doc_type: Option<String>,
    /// Author organisation.
    pub author: Option<String>,
}

/// Splits a list written in one string: `Utrecht; Flevoland` or `Utrecht|Flevoland`.
fn split_list(value: &str) -> Vec<String> {
    value
        .split([';', '|'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_keys<'a>(keys: impl Iterator<Item = &'a str>) -> Result<(), String> {
    for key in keys {
        if !FIELDS.contains(&key) && key != "type" {
            return Err(format!(
                "unknown field '{key}'; fields that can be set: {}",
                FIELDS.join(", ")
            ));
        }
    }
    Ok(())
}

/// Parses a sidecar by its extension (`.toml` or `.json`); unknown fields are errors.
pub fn parse_sidecar(path: &Path, text: &str) -> Result<Overrides, String> {
    let json = path.extension().is_some_and(|e| e == "json");
    if json {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let object = value.as_object().ok_or("expected a JSON object")?;
        check_keys(object.keys().map(String::as_str))?;
        serde_json::from_value(value).map_err(|e| e.to_string())
    } else {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        check_keys(table.keys().map(String::as_str))?;
        table.try_into().map_err(|e: toml::de::Error| e.to_string())
    }
}

/// Parses YAML front matter; keys that are not fields are ignored (front matter serves other
/// tools too).
pub fn parse_front_matter(yaml: &str) -> Result<Overrides, String> {
    let value: serde_json::Value = serde_norway::from_str(yaml).map_err(|e| e.to_string())?;
    let Some(object) = value.as_object() else {
        return Ok(Overrides::default());
    };
    let known: serde_json::Map<String, serde_json::Value> = object
        .iter()
        .filter(|(k, _)| FIELDS.contains(&k.as_str()) || k.as_str() == "type")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    serde_json::from_value(serde_json::Value::Object(known)).map_err(|e| e.to_string())
}

/// The sidecar files that may belong to `file`, most specific first.
pub fn sidecar_candidates(file: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    let mut out = Vec::new();
    for base in [name.as_ref(), stem.as_str()] {
        for ext in ["meta.toml", "meta.json"] {
            out.push(dir.join(format!("{base}.{ext}")));
        }
    }
    out.dedup();
    out
}

/// Rows of a manifest CSV, keyed by the file they describe.
#[derive(Debug, Default)]
pub struct Manifest {
    rows: HashMap<PathBuf, (Overrides, String)>,
    /// The manifest file, for messages.
    pub origin: String,
    /// Rows taken with a doubt or left out, each said in plain words: a path that does not
    /// exist, a path given twice, a quote that is never closed.
    pub warnings: Vec<String>,
}

fn path_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.components().collect())
}

impl Manifest {
    /// Reads a manifest CSV: a `path` column (relative to the folder nota runs in, or absolute)
    /// and any of [`FIELDS`] as columns; lists are separated by `;` or `|`.
    pub fn load(path: &Path) -> Result<Manifest, String> {
        let origin = path.display().to_string();
        let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{origin}: {e}"))?;
        let headers = reader
            .headers()
            .map_err(|e| format!("{origin}: {e}"))?
            .clone();
        if !headers.iter().any(|h| h == "path") {
            return Err(format!("{origin}: the first row must name a 'path' column"));
        }
        check_keys(headers.iter().filter(|h| *h != "path"))
            .map_err(|e| format!("{origin}: {e}"))?;
        let mut rows = HashMap::new();
        let mut first_row: HashMap<PathBuf, usize> = HashMap::new();
        let mut warnings = Vec::new();
        for (n, record) in reader.records().enumerate() {
            let record = record.map_err(|e| format!("{origin}: row {}: {e}", n + 2))?;
            let line = record.position().map_or(n + 2, |p| p.line() as usize);
            if record.iter().any(|field| field.contains('\n')) {
                warnings.push(format!(
                    "row {line}: a value runs over several lines (a quote that is never \
                     closed?); the rows it swallowed were not read as rows"
                ));
            }
            let mut table = serde_json::Map::new();
            let mut file = None;
            for (header, value) in headers.iter().zip(record.iter()) {
                if header == "path" {
                    file = Some(PathBuf::from(value.trim()));
                } else if !value.trim().is_empty() {
                    table.insert(
                        header.to_string(),
                        serde_json::Value::String(value.to_string()),
                    );
                }
            }
            let Some(file) = file.filter(|f| !f.as_os_str().is_empty()) else {
                return Err(format!("{origin}: row {} has no path", n + 2));
            };
            let text = record.iter().collect::<Vec<_>>().join(",");
            let overrides: Overrides = serde_json::from_value(serde_json::Value::Object(table))
                .map_err(|e| format!("{origin}: row {}: {e}", n + 2))?;
            if !file.exists() {
                warnings.push(format!(
                    "row {line}: {} does not exist; the row is not used",
                    file.display()
                ));
            }
            let key = path_key(&file);
            if let Some(earlier) = first_row.insert(key.clone(), line) {
                warnings.push(format!(
                    "row {line}: {} has a row already (row {earlier}); this later row is used",
                    file.display()
                ));
            }
            rows.insert(key, (overrides, text));
        }
        Ok(Manifest {
            rows,
            origin,
            warnings,
        })
    }

    /// The row for `file` and its raw text, if the manifest has one.
    pub fn row(&self, file: &Path) -> Option<&(Overrides, String)> {
        self.rows.get(&path_key(file))
    }
}

/// `values` without repeats (compared without case), in their first order and form.
fn distinct(values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values
        .into_iter()
        .filter(|v| seen.insert(v.to_lowercase()))
        .collect()
}

fn provinces(values: &[String]) -> Result<Vec<String>, String> {
    let gazetteer = Gazetteer::get();
    values
        .iter()
        .map(|v| gazetteer.province_named(v))
        .collect::<Result<_, _>>()
        .map(distinct)
}

fn labels(values: &[String], names: &[&str], what: &str) -> Result<Vec<String>, String> {
    let found: Result<Vec<String>, String> = values
        .iter()
        .map(|v| {
            names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(v))
                .map(|n| n.to_string())
                .ok_or_else(|| {
                    format!(
                        "{what} '{v}' is not in the taxonomy; valid {what}s: {}",
                        names.join(", ")
                    )
                })
        })
        .collect();
    found.map(distinct)
}

fn year(value: &YearValue) -> Result<i32, String> {
    let n = match value {
        YearValue::Number(n) => *n,
        YearValue::Text(t) => t
            .trim()
            .parse()
            .map_err(|_| format!("year '{t}' is not a year"))?,
    };
    if (1800..=2200).contains(&n) {
        Ok(n as i32)
    } else {
        Err(format!("year {n} is not a year between 1800 and 2200"))
    }
}

fn scope(value: &str) -> Result<Scope, String> {
    match value.trim().to_lowercase().as_str() {
        "national" | "landelijk" => Ok(Scope::National),
        "provincial" | "provinciaal" => Ok(Scope::Provincial),
        "municipal" | "gemeentelijk" => Ok(Scope::Municipal),
        "unknown" => Ok(Scope::Unknown),
        other => Err(format!(
            "scope '{other}' is not one of national, provincial, municipal, unknown"
        )),
    }
}

/// A value of one field that nota cannot take.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The field.
    pub field: &'static str,
    /// What is wrong with its value.
    pub reason: String,
}

/// Names the field of a value's error.
fn on(field: &'static str) -> impl Fn(String) -> FieldError {
    move |reason| FieldError { field, reason }
}

/// Applies `overrides` from `source` to `meta`, checking every value first (a bad one changes
/// nothing); records which fields were set, and where.
pub fn apply(
    meta: &mut DocMeta,
    overrides: &Overrides,
    source: &str,
    taxonomy: &Taxonomy,
) -> Result<(), FieldError> {
    let o = overrides;
    let set_provinces = o
        .provinces
        .as_ref()
        .map(|v| provinces(&v.values()).map_err(on("provinces")))
        .transpose()?;
    let set_mentioned = o
        .mentioned_provinces
        .as_ref()
        .map(|v| provinces(&v.values()).map_err(on("mentioned_provinces")))
        .transpose()?;
    let set_scope = o
        .scope
        .as_deref()
        .map(|v| scope(v).map_err(on("scope")))
        .transpose()?;
    let set_year = o
        .year
        .as_ref()
        .map(|v| year(v).map_err(on("year")))
        .transpose()?;
    let set_themes = o
        .themes
        .as_ref()
        .map(|v| labels(&v.values(), &taxonomy.theme_names(), "theme").map_err(on("themes")))
        .transpose()?;
    let set_roles = o
        .roles
        .as_ref()
        .map(|v| labels(&v.values(), &taxonomy.role_names(), "role").map_err(on("roles")))
        .transpose()?;
    let set_type = o
        .doc_type
        .as_ref()
        .map(|v| {
            labels(std::slice::from_ref(v), &taxonomy.doc_type_names(), "type")
                .map_err(on("doc_type"))
        })
        .transpose()?
        .and_then(|mut v| v.pop());

    let mut fields: Vec<&str> = Vec::new();
    if let Some(v) = &o.title {
        meta.title = v.trim().to_string();
        fields.push("title");
    }
    if let Some(v) = set_provinces {
        if set_scope.is_none() && !v.is_empty() {
            meta.scope = Scope::Provincial;
        }
        meta.provinces = v;
        fields.push("provinces");
    }
    if let Some(v) = set_mentioned {
        meta.mentioned_provinces = v;
        fields.push("mentioned_provinces");
    }
    if let Some(v) = &o.municipalities {
        meta.municipalities = distinct(v.values());
        fields.push("municipalities");
    }
    if let Some(v) = set_scope {
        meta.scope = v;
        fields.push("scope");
    }
    if let Some(v) = set_year {
        meta.year = Some(v);
        fields.push("year");
    }
    if let Some(v) = set_themes {
        meta.themes = v;
        fields.push("themes");
    }
    if let Some(v) = set_roles {
        meta.roles = v;
        fields.push("roles");
    }
    if let Some(v) = set_type {
        meta.doc_type = Some(v);
        fields.push("doc_type");
    }
    if let Some(v) = &o.author {
        meta.author = Some(v.trim().to_string());
        fields.push("author");
    }
    for field in fields {
        meta.set.insert(field.to_string(), source.to_string());
    }
    Ok(())
}
