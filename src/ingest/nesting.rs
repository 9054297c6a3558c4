//! How deep a file nests, measured before its parser sees it: parsers recurse per level, so a
//! small hostile file (5,000 nested PDF arrays, 200,000 nested `<div>`s, front matter nested
//! 100,000 deep) would overflow the stack or take time that grows with the square of its size.
//! Each scanner stops as soon as the limit is passed; the limits are far above what real
//! documents use (see issue 15's closing note for the measurement).

use crate::error::{FailKind, Failure};

/// Deepest nesting of arrays and dictionaries read in a PDF (real PDFs stay under 10).
pub const MAX_PDF_DEPTH: usize = 100;
/// Deepest nesting of elements read in HTML (browsers' parsers stop nesting at 512).
pub const MAX_HTML_DEPTH: usize = 512;
/// Deepest nesting read in YAML front matter.
pub const MAX_YAML_DEPTH: usize = 64;

/// The failure for a file nested `depth` (or more) levels deep, where `limit` is read.
pub fn too_deep(what: &str, limit: usize) -> Failure {
    Failure::new(
        FailKind::TooDeep,
        format!("its {what} nest more than {limit} levels deep, beyond what nota reads"),
    )
}

/// The deepest nesting of `[` arrays and `<<` dictionaries in a PDF's bytes outside strings,
/// comments and streams, up to `limit + 1`.
pub fn pdf_depth(bytes: &[u8], limit: usize) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() && deepest <= limit {
        match bytes[i] {
            b'%' => i = skip_line(bytes, i),
            b'(' => i = group_close(bytes, i, b'(', b')'),
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if bytes[i..].starts_with(b"stream") => {
                i = memchr::memmem::find(&bytes[i + 6..], b"endstream")
                    .map_or(bytes.len(), |end| i + 6 + end + 9);
                continue;
            }
            _ => {}
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    deepest
}

fn skip_line(bytes: &[u8], from: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |end| from + end)
}

/// The position of the `close` that ends the group opening with `open` at `from` (groups nest;
/// a backslash escapes one byte), or the end of `bytes` when it never closes. PDF literal
/// strings and RTF groups are both such groups.
pub fn group_close(bytes: &[u8], from: usize, open: u8, close: u8) -> usize {
    let (mut depth, mut i) = (0usize, from);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b if b == open => depth += 1,
            b if b == close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Elements that have no end tag, or whose end tag may be left out (the parser closes them
/// itself): they do not count as nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// The deepest nesting of elements in HTML, counting start tags against end tags (elements
/// that close themselves left out), up to `limit + 1`.
pub fn html_depth(bytes: &[u8], limit: usize) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + at + 1;
        let Some(end) = memchr::memchr(b'>', &bytes[start..]).map(|e| start + e) else {
            break;
        };
        let tag = &bytes[start..end];
        i = end + 1;
        let (closing, name_from) = match tag.first() {
            Some(b'/') => (true, 1),
            Some(c) if c.is_ascii_alphabetic() => (false, 0),
            _ => continue,
        };
        let name: String = tag[name_from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase() as char)
            .collect();
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !tag.ends_with(b"/") {
            if RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                i = find_ignoring_case(&bytes[i..], close.as_bytes())
                    .map_or(bytes.len(), |e| i + e + close.len());
                continue;
            }
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > limit {
                break;
            }
        }
    }
    deepest
}

fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The deepest nesting in YAML: flow collections (`[`, `{`) and block levels (indentation,
/// `- ` and `? ` items on one line), up to `limit + 1`.
pub fn yaml_depth(text: &str, limit: usize) -> usize {
    let mut deepest = 0;
    let mut flow = 0usize;
    for line in text.lines() {
        let rest = line.trim_start_matches(' ');
        let mut block = (line.len() - rest.len()) / 2;
        let mut item = rest;
        while let Some(inner) = item.strip_prefix("- ").or_else(|| item.strip_prefix("? ")) {
            block += 1;
            item = inner.trim_start_matches(' ');
        }
        let mut in_quote = None;
        for c in rest.chars() {
            match (c, in_quote) {
                ('"' | '\'', None) => in_quote = Some(c),
                (q, Some(open)) if q == open => in_quote = None,
                ('#', None) => break,
                ('[' | '{', None) => flow += 1,
                (']' | '}', None) => flow = flow.saturating_sub(1),
                _ => {}
            }
            deepest = deepest.max(block + flow);
        }
        deepest = deepest.max(block + flow);
        if deepest > limit {
            break;
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_nesting_counts_arrays_and_dictionaries_but_not_strings_or_streams() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Kids [ 2 0 R ] /T ([[[[ not nesting) >> endobj\n\
                    2 0 obj << /Length 9 >> stream\n[[[[[[[[[\nendstream endobj";
        assert_eq!(pdf_depth(pdf, MAX_PDF_DEPTH), 2);
        let deep = format!(
            "%PDF-1.4\n1 0 obj {}{} endobj",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        assert_eq!(pdf_depth(deep.as_bytes(), 100), 101, "stops past the limit");
    }

    #[test]
    fn html_nesting_leaves_out_elements_that_close_themselves() {
        let page = b"<html><body><div><p>een<p>twee<ul><li>a<li>b</ul><br><img src=x>\
                     <script>if (a<b) {}</script></div></body></html>";
        assert_eq!(html_depth(page, MAX_HTML_DEPTH), 2);
        let deep = "<div>".repeat(200_000);
        assert_eq!(html_depth(deep.as_bytes(), 512), 513);
    }

    #[test]
    fn yaml_nesting_counts_flow_block_and_compact_items() {
        assert_eq!(yaml_depth("title: Nota\nthemes: [zorg, wonen]\n", 64), 1);
        assert_eq!(yaml_depth("a:\n  b:\n    c: 1\n", 64), 2);
        assert_eq!(yaml_depth("- - - x\n", 64), 3);
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(yaml_depth(&deep, 64) > 64);
    }
}
