//! JSON output: exactly one JSON object per command, for scripts.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use crate::index::document::StoredDoc;

/// Writes `value` as one pretty-printed JSON object and a newline.
pub fn print<T: Serialize>(w: &mut impl Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)
}

/// The JSON shape of `nota show`.
pub fn show_value(doc: &StoredDoc) -> serde_json::Value {
    let m = &doc.meta;
    json!({
        "path": doc.path,
        "title": m.title,
        "year": m.year,
        "provinces": m.provinces,
        "mentioned_provinces": m.mentioned_provinces,
        "municipalities": m.municipalities,
        "scope": m.scope,
        "themes": m.themes,
        "roles": m.roles,
        "doc_type": m.doc_type,
        "author": m.author,
        "set": m.set,
        "evidence": m.evidence,
    })
}
