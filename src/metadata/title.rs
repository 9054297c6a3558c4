//! A document's own title: the subject of a memo header (`betreft:`, `onderwerp:`), else its
//! first meaningful line, with Markdown markup stripped.

/// Header labels whose value is the subject.
const SUBJECT_LABELS: &[&str] = &["betreft", "onderwerp", "subject"];
/// Header labels that are never the title.
const OTHER_LABELS: &[&str] = &[
    "aan", "van", "datum", "cc", "kenmerk", "bijlage", "bijlagen",
];
/// How many non-empty lines at the top are looked at for a header.
const HEADER_LINES: usize = 12;
/// Titles are cut at this many characters.
const MAX_CHARS: usize = 200;

/// Strips Markdown emphasis, heading marks, bullets and quotes, and trailing punctuation.
pub fn clean_line(line: &str) -> String {
    let trimmed = line
        .trim()
        .trim_start_matches('#')
        .trim_start_matches(['-', '►', '•', '>'])
        .replace("**", "")
        .replace("__", "");
    let text = trimmed
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .trim_end_matches([',', ':', ';'])
        .trim();
    text.chars().take(MAX_CHARS).collect()
}

/// Splits `label: value`; the label lowercased.
fn header(line: &str) -> Option<(String, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim().trim_matches('*').trim().to_lowercase();
    (label.len() <= 12 && label.chars().all(char::is_alphabetic)).then_some((label, value))
}

/// The title of `text`, or `None` when it has no line with a letter.
pub fn detect(text: &str) -> Option<String> {
    subject(text).or_else(|| heading(text))
}

/// The subject a memo header gives (`betreft:`, `onderwerp:`).
pub fn subject(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for (i, line) in lines.iter().take(HEADER_LINES).enumerate() {
        let cleaned = clean_line(line);
        if let Some((label, value)) = header(&cleaned) {
            if SUBJECT_LABELS.contains(&label.as_str()) {
                let value = clean_line(value);
                if !value.is_empty() {
                    return Some(value);
                }
            }
        } else if SUBJECT_LABELS.contains(&cleaned.to_lowercase().as_str()) {
            // "Onderwerp" alone on a line: the subject is on the next line.
            if let Some(next) = lines.get(i + 1) {
                return Some(clean_line(next));
            }
        }
    }
    None
}

/// Whether `line` is a memo header (`aan:`, `van:`, `datum:`, `betreft:`, …).
pub fn is_header(line: &str) -> bool {
    header(&clean_line(line)).is_some_and(|(label, _)| {
        OTHER_LABELS.contains(&label.as_str()) || SUBJECT_LABELS.contains(&label.as_str())
    })
}

/// The text's own heading: its first line with a letter that is not a header such as `aan:`.
pub fn heading(text: &str) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(clean_line)
        .find(|l| {
            l.chars().any(char::is_alphabetic)
                && !header(l).is_some_and(|(label, _)| OTHER_LABELS.contains(&label.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn subject_header_is_the_title() {
        let text = "aan: **GS**\nvan: Alleato\ndatum: 11 januari 2010\n\
                    betreft: **Kerntaken en de rol van de provincie**\n\nTekst.";
        assert_eq!(
            detect(text).as_deref(),
            Some("Kerntaken en de rol van de provincie")
        );
    }

    #[test]
    fn subject_label_on_its_own_line() {
        let text = " Onderwerp\n\nStand van zaken herijking sociaal domein\nDoel:";
        assert_eq!(
            detect(text).as_deref(),
            Some("Stand van zaken herijking sociaal domein")
        );
    }

    #[test]
    fn first_line_with_markup_stripped() {
        let text = "\n\n**Geachte Gedeputeerde Statenleden van alle provincies,**\n\nTekst";
        assert_eq!(
            detect(text).as_deref(),
            Some("Geachte Gedeputeerde Statenleden van alle provincies")
        );
        assert_eq!(detect("# Programma\n").as_deref(), Some("Programma"));
    }

    #[test]
    fn no_letters_no_title() {
        assert_eq!(detect("\n 123 \n---\n"), None);
    }
}
