//! Hit lists for the researcher's spreadsheet (`--csv`) and reference list (`--cite`), shared by
//! `nota search` and `nota similar`.

use std::io::{self, Write};

use crate::search::Hit;

/// The CSV columns.
pub const CSV_HEADER: [&str; 9] = [
    "path",
    "title",
    "year",
    "provinces",
    "themes",
    "roles",
    "score",
    "page",
    "author",
];

/// A text cell a spreadsheet will not run as a formula: one that begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a `'` before it (OWASP's rule against CSV injection).
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Writes `hits` as CSV with a header row; lists are joined with `; `; text cells are made safe
/// for spreadsheets ([`cell`]).
pub fn print_csv<'a>(w: &mut impl Write, hits: impl Iterator<Item = &'a Hit>) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_HEADER)?;
    for hit in hits {
        out.write_record([
            cell(&hit.path),
            cell(&hit.title),
            hit.year.map(|y| y.to_string()).unwrap_or_default(),
            cell(&hit.provinces.join("; ")),
            cell(&hit.themes.join("; ")),
            cell(&hit.roles.join("; ")),
            format!("{:.3}", hit.score),
            hit.page.map(|p| p.to_string()).unwrap_or_default(),
            cell(hit.author.as_deref().unwrap_or_default()),
        ])?;
    }
    out.flush()
}

/// One reference line: `Author (Year). Title. path, p. N.` — parts that are unknown are left out
/// (`z.j.`, "no year", for a missing year).
pub fn citation(hit: &Hit) -> String {
    let mut line = String::new();
    if let Some(author) = &hit.author {
        line.push_str(author);
        line.push(' ');
    }
    match hit.year {
        Some(year) => line.push_str(&format!("({year}). ")),
        None => line.push_str("(z.j.). "),
    }
    line.push_str(hit.title.trim_end_matches('.'));
    line.push_str(". ");
    line.push_str(&hit.path);
    if let Some(page) = hit.page {
        line.push_str(&format!(", p. {page}"));
    }
    line.push('.');
    line
}

/// Writes one reference line per hit.
pub fn print_cite<'a>(w: &mut impl Write, hits: impl Iterator<Item = &'a Hit>) -> io::Result<()> {
    for hit in hits {
        writeln!(w, "{}", citation(hit))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_a_spreadsheet_would_run_are_quoted() {
        for formula in ["=HYPERLINK(\"x\")", "+31", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        assert_eq!(cell("Nota zorg"), "Nota zorg");
    }
}
