//! Human output: ranked hits with highlighted snippets and facet counts, `show` with evidence,
//! and `stats`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::index::document::StoredDoc;
use crate::index::stats::Stats;
use crate::search::{Facets, Results, Snippet};

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;33m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Styles text when colour is on.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// The snippet with its matched words marked: in colour, or between `[` `]` when plain.
fn marked(snippet: &Snippet, style: &Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in &snippet.highlights {
        if range.start < at || range.end > snippet.text.len() {
            continue;
        }
        out.push_str(&snippet.text[at..range.start]);
        let word = &snippet.text[range.clone()];
        if style.color {
            out.push_str(&style.paint(MATCH, word));
        } else {
            out.push('[');
            out.push_str(word);
            out.push(']');
        }
        at = range.end;
    }
    out.push_str(&snippet.text[at..]);
    out
}

fn or_dash(values: &[String]) -> String {
    if values.is_empty() {
        "–".to_string()
    } else {
        values.join(", ")
    }
}

fn facet_line(name: &str, counts: &BTreeMap<String, u64>) -> Option<String> {
    if counts.is_empty() {
        return None;
    }
    let mut sorted: Vec<(&String, &u64)> = counts.iter().collect();
    if name != "year" {
        sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    }
    let parts: Vec<String> = sorted.iter().map(|(v, n)| format!("{v} ({n})")).collect();
    Some(format!("  {name:<9} {}", parts.join(", ")))
}

fn print_facets(w: &mut impl Write, facets: &Facets) -> io::Result<()> {
    let lines = [
        facet_line("province", &facets.province),
        facet_line("year", &facets.year),
        facet_line("theme", &facets.theme),
        facet_line("role", &facets.role),
        facet_line("type", &facets.doc_type),
    ];
    for line in lines.into_iter().flatten() {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

/// Prints search results.
pub fn print_results(w: &mut impl Write, results: &Results, color: bool) -> io::Result<()> {
    let style = Style { color };
    if results.total == 0 {
        writeln!(w, "No documents match.")?;
        return Ok(());
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        writeln!(w, "{:>2}. {}", rank + 1, style.paint(BOLD, &hit.title))?;
        let year = hit
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "year ?".to_string());
        let provinces = if hit.provinces.is_empty() {
            hit.scope.as_str().to_string()
        } else {
            hit.provinces.join(", ")
        };
        writeln!(
            w,
            "    {}",
            style.paint(DIM, &format!("{} · {year} · {provinces}", hit.path))
        )?;
        writeln!(
            w,
            "    themes: {} · roles: {}",
            or_dash(&hit.themes),
            or_dash(&hit.roles)
        )?;
        writeln!(w, "    {}", marked(&hit.snippet, &style))?;
        writeln!(w)?;
    }
    let shown = results.hits.len();
    writeln!(
        w,
        "{} of {} matching document{}; counts over all matches:",
        shown,
        results.total,
        if results.total == 1 { "" } else { "s" }
    )?;
    print_facets(w, &results.facets)
}

/// Prints one document's metadata with the evidence for each value.
pub fn print_show(w: &mut impl Write, doc: &StoredDoc) -> io::Result<()> {
    let m = &doc.meta;
    let e = &m.evidence;
    writeln!(w, "path:       {}", doc.path)?;
    writeln!(w, "title:      {}   ({})", m.title, e.title)?;
    match (&m.year, &e.year) {
        (Some(year), Some(found)) => writeln!(
            w,
            "year:       {year}   ({:?} confidence: {})",
            found.confidence, found.evidence
        )?,
        _ => writeln!(w, "year:       unknown   (no date in the text)")?,
    }
    writeln!(w, "provinces:  {}", or_dash(&m.provinces))?;
    match &e.national {
        Some(cue) => writeln!(w, "scope:      {}   (\"{cue}\")", m.scope.as_str())?,
        None => writeln!(w, "scope:      {}", m.scope.as_str())?,
    }
    writeln!(w, "mentioned:  {}", or_dash(&m.mentioned_provinces))?;
    for (province, ev) in &e.provinces {
        writeln!(
            w,
            "  {province} (score {}): {}",
            ev.score,
            ev.cues.join(", ")
        )?;
    }
    writeln!(w, "municipalities: {}", or_dash(&m.municipalities))?;
    writeln!(w, "themes:     {}", or_dash(&m.themes))?;
    for label in &e.themes {
        writeln!(
            w,
            "  {} ({} hits): {}",
            label.name,
            label.hits,
            cue_list(&label.cues)
        )?;
    }
    writeln!(w, "roles:      {}", or_dash(&m.roles))?;
    for label in &e.roles {
        writeln!(
            w,
            "  {} ({} hits): {}",
            label.name,
            label.hits,
            cue_list(&label.cues)
        )?;
    }
    match (&m.doc_type, &e.doc_type) {
        (Some(t), Some(why)) => writeln!(w, "type:       {t}   ({why})"),
        _ => writeln!(w, "type:       unknown"),
    }
}

fn cue_list(cues: &BTreeMap<String, u32>) -> String {
    cues.iter()
        .map(|(cue, n)| format!("\"{cue}\" ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Prints index statistics.
pub fn print_stats(w: &mut impl Write, stats: &Stats) -> io::Result<()> {
    writeln!(w, "index:      {}", stats.index)?;
    writeln!(w, "documents:  {}", stats.documents)?;
    writeln!(w, "size:       {:.1} KiB", stats.size_bytes as f64 / 1024.0)?;
    print_facets(w, &stats.facets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_output_brackets_matches() {
        let snippet = Snippet {
            text: "de zorg voor ouderen".to_string(),
            highlights: vec![3..7, 13..20],
        };
        assert_eq!(
            marked(&snippet, &Style { color: false }),
            "de [zorg] voor [ouderen]"
        );
        assert_eq!(
            marked(&snippet, &Style { color: true }),
            "de \x1b[1;33mzorg\x1b[0m voor \x1b[1;33mouderen\x1b[0m"
        );
    }
}
