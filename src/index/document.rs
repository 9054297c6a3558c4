//! One file's text and metadata → one tantivy document ([`build`]), the document as it travels
//! into the index with its body's tokens ([`IndexDoc`]), and a stored document read back.

use std::sync::Arc;

use tantivy::schema::{Facet, Value};
use tantivy::TantivyDocument;

use super::budget::Charge;
use super::handoff::{Claim, Handoff};
use super::signature::Signature;
use super::Fields;
use crate::analysis::document::BodyTokens;
use crate::metadata::DocMeta;

/// A document on its way into the index: the tantivy document, the tokens its body was analysed
/// into (left with the index's [`Handoff`] under the addresses of its own body texts, so that
/// tantivy's analyzers replay them), and its share of the run's memory. Everything it carries
/// goes with it: when tantivy has indexed it, or when it is dropped without being added, its
/// untaken tokens and its memory are given back.
pub struct IndexDoc {
    doc: TantivyDocument,
    /// Held for its drop: removes the tokens tantivy did not take.
    _claim: Option<Claim>,
    /// Held for its drop: gives the document's memory back to the run.
    _charge: Option<Charge>,
}

impl IndexDoc {
    /// The tantivy document.
    pub fn document(&self) -> &TantivyDocument {
        &self.doc
    }

    /// A document carrying its body's `tokens` for the index whose handoff is `handoff`.
    pub fn with_tokens(
        doc: TantivyDocument,
        fields: &Fields,
        handoff: &Arc<Handoff>,
        tokens: BodyTokens,
    ) -> IndexDoc {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        };
        let body = text(fields.body);
        // An empty body is not analysed; nothing to hand over.
        let claim = (!body.is_empty()).then(|| handoff.leave(body, tokens));
        IndexDoc {
            doc,
            _claim: claim,
            _charge: None,
        }
    }

    /// Counts the document in the run's memory until it is dropped.
    pub fn charged(mut self, charge: Charge) -> IndexDoc {
        self._charge = Some(charge);
        self
    }
}

impl tantivy::Document for IndexDoc {
    type Value<'a> = <TantivyDocument as tantivy::Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as tantivy::Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

/// Builds the tantivy document for a file.
pub fn build(
    fields: &Fields,
    path: &str,
    fingerprint: &str,
    text: &str,
    meta: &DocMeta,
    signature: &Signature,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.path, path);
    doc.add_text(fields.fingerprint, fingerprint);
    doc.add_text(fields.title, &meta.title);
    doc.add_text(fields.body, text);
    if let Some(year) = meta.year.and_then(|y| u64::try_from(y).ok()) {
        doc.add_u64(fields.year, year);
        doc.add_facet(fields.year_facet, Facet::from_path([year.to_string()]));
    }
    for province in &meta.provinces {
        doc.add_facet(fields.province, Facet::from_path([province]));
    }
    for theme in &meta.themes {
        doc.add_facet(fields.theme, Facet::from_path([theme]));
    }
    for role in &meta.roles {
        doc.add_facet(fields.role, Facet::from_path([role]));
    }
    if let Some(doc_type) = &meta.doc_type {
        doc.add_facet(fields.doc_type, Facet::from_path([doc_type]));
    }
    doc.add_facet(fields.scope, Facet::from_path([meta.scope.as_str()]));
    for municipality in &meta.municipalities {
        doc.add_facet(fields.municipality, Facet::from_path([municipality]));
    }
    if let Some(author) = &meta.author {
        doc.add_facet(fields.author, Facet::from_path([author]));
    }
    let json = serde_json::to_string(meta).expect("DocMeta serialises to JSON");
    doc.add_text(fields.meta, json);
    doc.add_bytes(fields.minhash, &signature.to_bytes());
    doc
}

/// A stored document read back: its path, metadata and body.
#[derive(Debug, Clone)]
pub struct StoredDoc {
    /// The path as given at index time.
    pub path: String,
    /// Derived metadata.
    pub meta: DocMeta,
    /// The full text.
    pub body: String,
}

fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Reads a stored document back.
pub fn read(fields: &Fields, doc: &TantivyDocument) -> Option<StoredDoc> {
    let (path, meta) = head(fields, doc)?;
    Some(StoredDoc {
        path,
        body: body(fields, doc).to_string(),
        meta,
    })
}

/// A stored document's path and metadata, without its body.
pub fn head(fields: &Fields, doc: &TantivyDocument) -> Option<(String, DocMeta)> {
    let meta: DocMeta = serde_json::from_str(doc.get_first(fields.meta)?.as_str()?).ok()?;
    Some((first_text(doc, fields.path)?, meta))
}

/// A stored document's body, borrowed (a law can be megabytes: a search's hits only need a
/// window of it for their snippets).
pub fn body<'a>(fields: &Fields, doc: &'a TantivyDocument) -> &'a str {
    doc.get_first(fields.body)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
}

/// Finds the document stored for `path`: the path as given at index time, or another spelling of
/// the same file (`./corpus/a.txt`, an absolute path).
pub fn find(
    nota: &super::NotaIndex,
    path: &str,
) -> Result<Option<StoredDoc>, crate::error::NotaError> {
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;

    let searcher = nota.reader.searcher();
    let fields = &nota.fields;
    let lookup = |key: &str| -> Result<Option<StoredDoc>, crate::error::NotaError> {
        let term = tantivy::Term::from_field_text(fields.path, key);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        match found.first() {
            Some((_, address)) => {
                let doc: TantivyDocument = searcher.doc(*address)?;
                Ok(read(fields, &doc))
            }
            None => Ok(None),
        }
    };
    if let Some(doc) = lookup(path)? {
        return Ok(Some(doc));
    }
    let Ok(wanted) = std::fs::canonicalize(path) else {
        return Ok(None);
    };
    for stored in super::stored_fingerprints(&searcher)?.keys() {
        if std::fs::canonicalize(stored).ok().as_ref() == Some(&wanted) {
            return lookup(stored);
        }
    }
    Ok(None)
}
