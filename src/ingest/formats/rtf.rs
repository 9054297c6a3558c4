//! RTF, with rtf-parser: the body text; title, author and creation year from the `\info` group.

use regex::Regex;
use rtf_parser::RtfDocument;

use super::Extractor;
use crate::error::Failure;
use crate::ingest::nesting;
use crate::ingest::{Extracted, Properties};

/// Rich Text Format documents.
pub struct Rtf;

impl Extractor for Rtf {
    fn extensions(&self) -> &'static [&'static str] {
        &["rtf"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Failure::empty());
        }
        if !bytes.starts_with(b"{\\rtf") {
            return Err(Failure::corrupt(
                "not an RTF file (it does not start with {\\rtf)",
            ));
        }
        // RTF is 7-bit: anything else is escaped, so reading the bytes as Latin-1 loses nothing.
        let source: String = bytes.iter().map(|b| char::from(*b)).collect();
        let body = strip_groups(&source, LEFT_OUT);
        let document = RtfDocument::try_from(body.as_str())
            .map_err(|e| Failure::corrupt(format!("damaged RTF: {e}")))?;
        let mut extracted = Extracted::text(document.get_text());
        extracted.properties = properties(&source);
        Ok(extracted)
    }
}

/// Groups whose text is not the document's: properties, running heads and feet, pictures.
const LEFT_OUT: &[&str] = &[
    "info", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf",
    "pict", "object",
];

/// `source` without the groups that open with one of `words` (`{\\info …}`), nested braces and
/// escaped braces respected.
fn strip_groups(source: &str, words: &[&str]) -> String {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let mut kept_from = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == b'{' && bytes.get(i + 1) == Some(&b'\\') {
            let word: String = source[i + 2..]
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            if words.contains(&word.as_str()) {
                out.push_str(&source[kept_from..i]);
                i = group_end(bytes, i);
                kept_from = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&source[kept_from.min(source.len())..]);
    out
}

/// The index just past the group that opens at `start`.
fn group_end(bytes: &[u8], start: usize) -> usize {
    (nesting::group_close(bytes, start, b'{', b'}') + 1).min(bytes.len())
}

/// `\'e9` (Windows-1252) and `\uNNNN?` escapes of a short RTF string, resolved.
fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && raw.get(i + 1..i + 2) == Some("'") {
            if let Some(b) = raw
                .get(i + 2..i + 4)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push_str(&encoding_rs::WINDOWS_1252.decode(&[b]).0);
                i += 4;
                continue;
            }
        }
        if bytes[i] == b'\\' && raw.get(i + 1..i + 2) == Some("u") {
            let digits: String = raw[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '-')
                .collect();
            if let Ok(code) = digits.parse::<i32>() {
                let code = if code < 0 { code + 65536 } else { code };
                out.extend(char::from_u32(code as u32));
                // Skip the number and the one fallback character after it.
                i += 2 + digits.len() + 1;
                continue;
            }
        }
        out.push(char::from(bytes[i]));
        i += 1;
    }
    out.trim().to_string()
}

fn properties(source: &str) -> Properties {
    let field = |name: &str| {
        Regex::new(&format!(r"\{{\\{name}\s+([^{{}}]*)\}}"))
            .ok()?
            .captures(source)
            .map(|c| unescape(&c[1]))
            .filter(|s| !s.is_empty())
    };
    let created_year = Regex::new(r"\\creatim\\yr(\d{4})")
        .ok()
        .and_then(|re| re.captures(source))
        .and_then(|c| c[1].parse().ok());
    Properties {
        title: field("title"),
        author: field("author"),
        created_year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_info_group() {
        let rtf = br"{\rtf1\ansi{\fonttbl{\f0 Times;}}{\info{\title Nota co\'f6rdinatie}{\author Jan de Vries}{\creatim\yr2018\mo3\dy1}}\f0 De provincie co\'f6rdineert.\par}";
        let extracted = Rtf.extract(rtf).unwrap();
        assert!(
            extracted.text.contains("De provincie coördineert."),
            "{:?}",
            extracted.text
        );
        assert!(!extracted.text.contains("Jan de Vries"));
        assert_eq!(
            extracted.properties.title.as_deref(),
            Some("Nota coördinatie")
        );
        assert_eq!(extracted.properties.created_year, Some(2018));
        assert_eq!(unescape(r"\u233?t\'e9"), "été");
    }
}
