//! Human output: ranked hits with highlighted snippets and facet counts, `show` with evidence,
//! and `stats`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::analysis::explain::Explained;
use crate::index::document::StoredDoc;
use crate::metadata::LabelMatch;
use crate::search::duplicates::Duplicates;
use crate::search::similar::SimilarResults;
use crate::search::stats::Stats;
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
    Some(format!("  {name:<12} {}", parts.join(", ")))
}

fn print_facets(w: &mut impl Write, facets: &Facets) -> io::Result<()> {
    let lines = [
        facet_line("province", &facets.province),
        facet_line("year", &facets.year),
        facet_line("theme", &facets.theme),
        facet_line("role", &facets.role),
        facet_line("type", &facets.doc_type),
        facet_line("author", &facets.author),
        facet_line("municipality", &facets.municipality),
    ];
    for line in lines.into_iter().flatten() {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

/// Prints `nota similar`'s answer: the source's distinctive terms, then each precedent with why.
pub fn print_similar(w: &mut impl Write, results: &SimilarResults, color: bool) -> io::Result<()> {
    let style = Style { color };
    let terms = crate::search::similar::unique_words(results.terms.iter(), 12);
    writeln!(w, "Like {}: {}", results.source, terms.join(", "))?;
    writeln!(
        w,
        "  themes: {} · roles: {}\n",
        or_dash(&results.themes),
        or_dash(&results.roles)
    )?;
    if results.hits.is_empty() {
        writeln!(w, "No similar documents.")?;
        return Ok(());
    }
    for (rank, similar) in results.hits.iter().enumerate() {
        let hit = &similar.hit;
        let year = hit
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "year ?".to_string());
        writeln!(w, "{:>2}. {}", rank + 1, style.paint(BOLD, &hit.title))?;
        writeln!(
            w,
            "    {}",
            style.paint(
                DIM,
                &format!("{} · {year} · {}", hit.path, hit.provinces.join(", "))
            )
        )?;
        writeln!(
            w,
            "    why: {} · themes: {} · roles: {}",
            or_dash(&similar.why.terms),
            or_dash(&similar.why.themes),
            or_dash(&similar.why.roles)
        )?;
        let page = hit.page.map(|p| format!("p. {p}: ")).unwrap_or_default();
        writeln!(w, "    {page}{}\n", marked(&hit.snippet, &style))?;
    }
    writeln!(
        w,
        "{} of {} related documents",
        results.hits.len(),
        results.total
    )
}

/// Prints the groups of near-duplicates.
pub fn print_duplicates(w: &mut impl Write, found: &Duplicates) -> io::Result<()> {
    for (n, group) in found.groups.iter().enumerate() {
        writeln!(
            w,
            "{:>2}. {} documents, similarity ≥ {:.2}",
            n + 1,
            group.documents.len(),
            group.similarity
        )?;
        for member in &group.documents {
            let year = member
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "year ?".into());
            writeln!(w, "    {} · {year} · {}", member.path, member.title)?;
        }
    }
    let grouped: usize = found.groups.iter().map(|g| g.documents.len()).sum();
    writeln!(
        w,
        "{} groups, {grouped} of {} documents (threshold {:.2})",
        found.groups.len(),
        found.documents,
        found.threshold
    )
}

/// Prints search results: each hit with its metadata and snippet, then the facet counts.
pub fn print_results(w: &mut impl Write, results: &Results, color: bool) -> io::Result<()> {
    let style = Style { color };
    if results.hits.is_empty() && results.total == 0 {
        writeln!(w, "No documents match.")?;
        return Ok(());
    }
    let full = results.hits.iter().filter(|h| !h.partial).count();
    for (rank, hit) in results.hits.iter().enumerate() {
        if hit.partial && rank == full {
            let line = match results.total {
                0 => "No document holds all the words; these hold most of them:".to_string(),
                n => format!(
                    "— only {n} document{} {} all the words; these hold most of them —",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "holds" } else { "hold" }
                ),
            };
            writeln!(w, "{}", style.paint(DIM, &line))?;
            writeln!(w)?;
        }
        writeln!(w, "{:>2}. {}", rank + 1, style.paint(BOLD, &hit.title))?;
        let year = hit
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "year ?".to_string());
        let by = hit
            .author
            .as_ref()
            .map(|a| format!(" · {a}"))
            .unwrap_or_default();
        let provinces = if hit.provinces.is_empty() {
            hit.scope.as_str().to_string()
        } else {
            hit.provinces.join(", ")
        };
        writeln!(
            w,
            "    {}",
            style.paint(DIM, &format!("{} · {year} · {provinces}{by}", hit.path))
        )?;
        writeln!(
            w,
            "    themes: {} · roles: {}",
            or_dash(&hit.themes),
            or_dash(&hit.roles)
        )?;
        let page = hit.page.map(|p| format!("p. {p}: ")).unwrap_or_default();
        writeln!(w, "    {page}{}", marked(&hit.snippet, &style))?;
        writeln!(w)?;
    }
    let folded = match results.collapsed {
        0 => String::new(),
        n => format!(" ({n} near-copies folded away)"),
    };
    let most = match results.hits.len() - full {
        0 => String::new(),
        n => format!(", then {n} with most of the words"),
    };
    writeln!(
        w,
        "{} of {} matching document{}{folded}{most}; counts over all matches:",
        full,
        results.total,
        if results.total == 1 { "" } else { "s" }
    )?;
    print_facets(w, &results.facets)
}

/// Why a value is what it is: where it was set, or the evidence it was derived from.
fn why(doc: &StoredDoc, field: &str, derived: Option<String>) -> String {
    match (doc.meta.set.get(field), derived) {
        (Some(source), _) => format!("   (set in {source})"),
        (None, Some(evidence)) => format!("   ({evidence})"),
        (None, None) => String::new(),
    }
}

/// Prints the provinces a document is from or addressed to, then apart from them those it only
/// mentions, each with the cues that gave it, and the scope with the words that gave it.
fn print_provinces(w: &mut impl Write, doc: &StoredDoc) -> io::Result<()> {
    let m = &doc.meta;
    let e = &m.evidence;
    let cues = |w: &mut dyn Write, provinces: &[String]| -> io::Result<()> {
        if doc.meta.set.contains_key("provinces") {
            return Ok(());
        }
        for province in provinces {
            if let Some(ev) = e.provinces.get(province) {
                writeln!(
                    w,
                    "  {province} (score {}): {}",
                    ev.score,
                    ev.cues.join(", ")
                )?;
            }
        }
        Ok(())
    };
    writeln!(
        w,
        "provinces:  {}{}",
        or_dash(&m.provinces),
        why(doc, "provinces", Some("from or addressed to".to_string()))
    )?;
    cues(w, &m.provinces)?;
    let only: Vec<String> = m
        .mentioned_provinces
        .iter()
        .filter(|p| !m.provinces.contains(p))
        .cloned()
        .collect();
    writeln!(
        w,
        "mentioned only: {}{}",
        or_dash(&only),
        why(
            doc,
            "mentioned_provinces",
            (!only.is_empty()).then(|| "named, neither from nor addressed to".to_string())
        )
    )?;
    cues(w, &only)?;
    let scope_evidence = e
        .national
        .as_ref()
        .map(|cue| format!("addresses \"{cue}\""))
        .or_else(|| e.scope.clone());
    writeln!(
        w,
        "scope:      {}{}",
        m.scope.as_str(),
        why(doc, "scope", scope_evidence)
    )
}

/// Prints one document's metadata: each value with where it was set or the evidence it was
/// derived from.
pub fn print_show(w: &mut impl Write, doc: &StoredDoc) -> io::Result<()> {
    let m = &doc.meta;
    let e = &m.evidence;
    let set = |field: &str| m.set.contains_key(field);
    writeln!(w, "path:       {}", doc.path)?;
    writeln!(
        w,
        "title:      {}{}",
        m.title,
        why(doc, "title", Some(e.title.clone()))
    )?;
    let year_evidence = e.year.as_ref().map(|f| {
        let confidence = format!("{:?}", f.confidence).to_lowercase();
        format!("{confidence} confidence: {}", f.evidence)
    });
    match m.year {
        Some(year) => writeln!(w, "year:       {year}{}", why(doc, "year", year_evidence))?,
        None => writeln!(w, "year:       unknown   (no date in the text)")?,
    }
    print_provinces(w, doc)?;
    writeln!(
        w,
        "municipalities: {}{}",
        or_dash(&m.municipalities),
        why(doc, "municipalities", None)
    )?;
    writeln!(
        w,
        "themes:     {}{}",
        or_dash(&m.themes),
        why(doc, "themes", None)
    )?;
    if !set("themes") {
        print_labels(w, &e.themes)?;
    }
    writeln!(
        w,
        "roles:      {}{}",
        or_dash(&m.roles),
        why(doc, "roles", None)
    )?;
    if !set("roles") {
        print_labels(w, &e.roles)?;
    }
    let doc_type = m.doc_type.as_deref().unwrap_or("unknown");
    writeln!(
        w,
        "type:       {doc_type}{}",
        why(doc, "doc_type", e.doc_type.clone())
    )?;
    let author = m.author.as_deref().unwrap_or("unknown");
    writeln!(
        w,
        "author:     {author}{}",
        why(doc, "author", e.author.clone())
    )
}

/// One line per label: its score, hits and the cues that hit.
fn print_labels(w: &mut impl Write, labels: &[LabelMatch]) -> io::Result<()> {
    for label in labels {
        writeln!(
            w,
            "  {} (score {}, {} hits): {}",
            label.name,
            label.score,
            label.hits,
            cue_list(&label.cues)
        )?;
    }
    Ok(())
}

fn cue_list(cues: &BTreeMap<String, u32>) -> String {
    cues.iter()
        .map(|(cue, n)| format!("\"{cue}\" ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Prints the tokens of `nota analyze`: position, term, offsets, the text they cover, and the
/// steps that made the term.
pub fn print_analysis(w: &mut impl Write, text: &str, tokens: &[Explained]) -> io::Result<()> {
    writeln!(
        w,
        "{:>4}  {:<24} {:<10} {:<24} steps",
        "pos", "term", "offsets", "text"
    )?;
    for t in tokens {
        let covered = text.get(t.from..t.to).unwrap_or("");
        writeln!(
            w,
            "{:>4}  {:<24} {:<10} {:<24} {}",
            t.position,
            t.token,
            format!("{}..{}", t.from, t.to),
            covered,
            t.steps.join(" → ")
        )?;
    }
    Ok(())
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
            offset: None,
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
