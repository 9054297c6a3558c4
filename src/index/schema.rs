//! The index schema: the only place field names and analyzer names are spelled.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::analysis::DUTCH;

/// The path as given at index time; the key of a document.
pub const PATH: &str = "path";
/// Content hash plus taxonomy fingerprint: unchanged means nothing to do.
pub const FINGERPRINT: &str = "fingerprint";
/// Title, stemmed (stored).
pub const TITLE: &str = "title";
/// Body text, stemmed (stored, for snippets).
pub const BODY: &str = "body";
/// Year written (u64, fast).
pub const YEAR: &str = "year";
/// The MinHash signature of the body, for near-duplicate detection.
pub const MINHASH: &str = "minhash";
/// The derived metadata and its evidence, as JSON.
pub const META: &str = "meta";
/// Facet fields, one value per label: `/Flevoland`, `/ouderen`, `/2018`.
pub const PROVINCE: &str = "province";
/// Theme facet.
pub const THEME: &str = "theme";
/// Role facet.
pub const ROLE: &str = "role";
/// Document type facet.
pub const DOC_TYPE: &str = "doc_type";
/// Scope facet (national, provincial, unknown).
pub const SCOPE: &str = "scope";
/// Year facet, for counts.
pub const YEAR_FACET: &str = "year_facet";
/// Municipality facet.
pub const MUNICIPALITY: &str = "municipality";
/// Author facet.
pub const AUTHOR: &str = "author";

/// Handles to every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// See [`PATH`].
    pub path: Field,
    /// See [`FINGERPRINT`].
    pub fingerprint: Field,
    /// See [`TITLE`].
    pub title: Field,
    /// See [`BODY`].
    pub body: Field,
    /// See [`YEAR`].
    pub year: Field,
    /// See [`META`].
    pub meta: Field,
    /// MinHash signature bytes (fast field).
    pub minhash: Field,
    /// See [`PROVINCE`].
    pub province: Field,
    /// See [`THEME`].
    pub theme: Field,
    /// See [`ROLE`].
    pub role: Field,
    /// See [`DOC_TYPE`].
    pub doc_type: Field,
    /// See [`SCOPE`].
    pub scope: Field,
    /// See [`YEAR_FACET`].
    pub year_facet: Field,
    /// See [`MUNICIPALITY`].
    pub municipality: Field,
    /// See [`AUTHOR`].
    pub author: Field,
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// nota's schema.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field(PATH, STRING | STORED | FAST);
    b.add_text_field(FINGERPRINT, STRING | STORED | FAST);
    b.add_text_field(TITLE, text(DUTCH, true));
    b.add_text_field(BODY, text(DUTCH, true));
    b.add_u64_field(YEAR, INDEXED | FAST | STORED);
    b.add_text_field(META, STORED);
    b.add_bytes_field(MINHASH, FAST);
    for facet in [
        PROVINCE,
        THEME,
        ROLE,
        DOC_TYPE,
        SCOPE,
        YEAR_FACET,
        MUNICIPALITY,
        AUTHOR,
    ] {
        b.add_facet_field(facet, INDEXED);
    }
    b.build()
}

impl Fields {
    /// Looks the fields up in `schema`, which must be nota's.
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            path: f(PATH)?,
            fingerprint: f(FINGERPRINT)?,
            title: f(TITLE)?,
            body: f(BODY)?,
            year: f(YEAR)?,
            meta: f(META)?,
            minhash: f(MINHASH)?,
            province: f(PROVINCE)?,
            theme: f(THEME)?,
            role: f(ROLE)?,
            doc_type: f(DOC_TYPE)?,
            scope: f(SCOPE)?,
            year_facet: f(YEAR_FACET)?,
            municipality: f(MUNICIPALITY)?,
            author: f(AUTHOR)?,
        })
    }
}
