//! A document's metadata in the order its sources take precedence, in one place: the values
//! derived from the text (or only its title, with `--no-derive`), then what the file's document
//! properties say where the text said nothing, then the user's settings, each overriding the one
//! before: the manifest row (`--metadata`), Markdown front matter, the sidecar file.
//!
//! A setting nota cannot take is a [`MetadataError`] that names where it was written, the field
//! and what is wrong; the indexing run fails that file only.

use std::path::Path;

use thiserror::Error;

use super::overrides::{self, Overrides};
use super::{hints, DocMeta, Taxonomy, TITLE_FROM_FILE_NAME};
use crate::ingest::Properties;

/// A value a user set that nota cannot take.
#[derive(Debug, Clone, Error, PartialEq)]
#[error("{origin}: {reason}")]
pub struct MetadataError {
    /// Where it was written: `manifest FILE`, `front matter`, `sidecar FILE`.
    pub origin: String,
    /// The field, when the trouble is one field's value.
    pub field: Option<&'static str>,
    /// What is wrong, in plain words, with the valid values where there is a list of them.
    pub reason: String,
}

/// The user's settings for one document, as found.
#[derive(Default)]
pub struct Settings<'a> {
    /// The manifest's origin (its file) and this document's row.
    pub manifest_row: Option<(&'a str, &'a Overrides)>,
    /// YAML front matter, unparsed.
    pub front_matter: Option<&'a str>,
    /// The sidecar file and its text.
    pub sidecar: Option<(&'a Path, &'a str)>,
}

/// The document's metadata: `derived` (from its text), filled in from its `properties` for a
/// document of `format` (`PDF`, `DOCX`, …) with `pages`, then overridden by `settings`.
pub fn assemble(
    mut meta: DocMeta,
    properties: &Properties,
    format: &str,
    pages: &[u32],
    settings: &Settings,
    taxonomy: &Taxonomy,
) -> Result<DocMeta, MetadataError> {
    let title_from_name = meta.evidence.title == TITLE_FROM_FILE_NAME;
    hints::apply(&mut meta, properties, format, title_from_name);
    meta.pages = pages.to_vec();
    if let Some((origin, row)) = settings.manifest_row {
        apply(&mut meta, row, &format!("manifest {origin}"), taxonomy)?;
    }
    if let Some(yaml) = settings.front_matter {
        let origin = "front matter";
        let set = overrides::parse_front_matter(yaml).map_err(|reason| MetadataError {
            origin: origin.to_string(),
            field: None,
            reason,
        })?;
        apply(&mut meta, &set, origin, taxonomy)?;
    }
    if let Some((path, text)) = settings.sidecar {
        let origin = format!("sidecar {}", path.display());
        let set = overrides::parse_sidecar(path, text).map_err(|reason| MetadataError {
            origin: origin.clone(),
            field: None,
            reason,
        })?;
        apply(&mut meta, &set, &path.display().to_string(), taxonomy).map_err(|mut e| {
            e.origin = origin;
            e
        })?;
    }
    Ok(meta)
}

fn apply(
    meta: &mut DocMeta,
    set: &Overrides,
    origin: &str,
    taxonomy: &Taxonomy,
) -> Result<(), MetadataError> {
    overrides::apply(meta, set, origin, taxonomy).map_err(|e| MetadataError {
        origin: origin.to_string(),
        field: Some(e.field),
        reason: e.reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derived() -> DocMeta {
        super::super::derive(
            "Provincie Flevoland, 12 maart 2019\n\nEenzaamheid onder ouderen.",
            "memo",
            &Taxonomy::builtin(),
        )
    }

    #[test]
    fn the_sidecar_wins_over_front_matter_which_wins_over_the_text() {
        let taxonomy = Taxonomy::builtin();
        let settings = Settings {
            front_matter: Some("year: 2015\ntitle: Uit de front matter"),
            sidecar: Some((Path::new("memo.meta.toml"), "year = 2016")),
            ..Settings::default()
        };
        let meta = assemble(
            derived(),
            &Properties::default(),
            "MD",
            &[],
            &settings,
            &taxonomy,
        )
        .unwrap();
        assert_eq!(meta.year, Some(2016));
        assert_eq!(meta.title, "Uit de front matter");
        assert_eq!(
            meta.set.get("year").map(String::as_str),
            Some("memo.meta.toml")
        );
    }

    #[test]
    fn a_bad_value_names_its_origin_and_field() {
        let taxonomy = Taxonomy::builtin();
        let settings = Settings {
            sidecar: Some((Path::new("memo.meta.toml"), "year = \"not a year\"")),
            ..Settings::default()
        };
        let err = assemble(
            derived(),
            &Properties::default(),
            "TXT",
            &[],
            &settings,
            &taxonomy,
        )
        .unwrap_err();
        assert_eq!(err.origin, "sidecar memo.meta.toml");
        assert_eq!(err.field, Some("year"));
        assert!(err.reason.contains("not a year"), "{err}");
    }
}
