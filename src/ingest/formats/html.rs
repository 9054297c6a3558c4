//! HTML: the main text of the page (its `<main>` or `<article>` when it has one), without
//! scripts, styles, navigation, page header and footer, forms and asides; headings kept as
//! structure. The title property is `<title>`, the author `<meta name="author">`; the character
//! set is the one the page declares, otherwise detected.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html as Page, Node, Selector};

use super::Blocks;
use super::Extractor;
use crate::error::{FailKind, Failure};
use crate::ingest::decode::decode_labelled;
use crate::ingest::nesting;
use crate::ingest::{Extracted, Properties};

/// HTML pages.
pub struct Html;

/// Elements whose content is not the page's text.
const LEFT_OUT: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "svg", "iframe", "object", "head",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "tr",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
    "figcaption",
    "address",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "caption",
];

impl Extractor for Html {
    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Failure::empty());
        }
        if nesting::html_depth(bytes, nesting::MAX_HTML_DEPTH) > nesting::MAX_HTML_DEPTH {
            return Err(nesting::too_deep("elements", nesting::MAX_HTML_DEPTH));
        }
        let source = decode_labelled(bytes, declared_charset(bytes).as_deref())
            .map_err(|e| Failure::new(FailKind::Binary, e.to_string()))?;
        let page = Page::parse_document(&source);
        let mut extracted = main_text(&page);
        extracted.properties = Properties {
            title: first_text(&page, "title"),
            author: meta(&page, "author"),
            created_year: [
                "dcterms.created",
                "DC.date",
                "date",
                "article:published_time",
            ]
            .iter()
            .find_map(|name| meta(&page, name))
            .and_then(|d| d.get(..4)?.parse().ok()),
        };
        Ok(extracted)
    }
}

/// The charset a page declares in its first kilobytes (`<meta charset=…>` or the
/// `http-equiv` content type).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        .collect();
    (!value.is_empty()).then_some(value)
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn first_text(page: &Page, css: &str) -> Option<String> {
    let element = page.select(&selector(css)?).next()?;
    let text: Vec<&str> = element.text().flat_map(str::split_whitespace).collect();
    (!text.is_empty()).then(|| text.join(" "))
}

fn meta(page: &Page, name: &str) -> Option<String> {
    let css = format!("meta[name=\"{name}\" i], meta[property=\"{name}\" i]");
    let element = page.select(&selector(&css)?).next()?;
    let content = element.attr("content")?.trim();
    (!content.is_empty()).then(|| content.to_string())
}

/// The element holding the page's main text.
fn main_element(page: &Page) -> ElementRef<'_> {
    ["main", "article", "[role=main]", "body"]
        .iter()
        .filter_map(|css| selector(css))
        .find_map(|s| page.select(&s).next())
        .unwrap_or_else(|| page.root_element())
}

fn main_text(page: &Page) -> Extracted {
    let mut blocks = Blocks::default();
    let mut skipping = 0usize;
    for edge in main_element(page).traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if skipping > 0 || LEFT_OUT.contains(&e.name()) => skipping += 1,
                Node::Element(e) => {
                    let name = e.name();
                    if BLOCKS.contains(&name) {
                        blocks.end_paragraph();
                    }
                    if let Some(level) = name.strip_prefix('h').and_then(|l| l.parse().ok()) {
                        blocks.heading(level);
                    }
                    if name == "br" {
                        blocks.push("\n");
                    }
                }
                Node::Text(text) if skipping == 0 => blocks.push(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCKS.contains(&e.name()) {
                        blocks.end_paragraph();
                    }
                }
            }
        }
    }
    blocks.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_without_scripts_and_navigation() {
        let html = br#"<html><head><title>Nota | Provincie</title><meta name="Author" content="GS Utrecht">
            <script>var x = "geheim";</script></head><body>
            <nav><a href="/">Home</a></nav>
            <main><h1>Nota  jeugdzorg</h1><p>De provincie <b>regisseert</b> &amp; verbindt.<br>Nieuwe regel.</p>
            <script>alert(1)</script><ul><li>een</li><li>twee</li></ul></main>
            <footer>Cookies</footer></body></html>"#;
        let extracted = Html.extract(html).unwrap();
        assert_eq!(
            extracted.text,
            "# Nota jeugdzorg\n\nDe provincie regisseert & verbindt.\nNieuwe regel.\n\neen\n\ntwee"
        );
        assert_eq!(
            extracted.properties.title.as_deref(),
            Some("Nota | Provincie")
        );
        assert_eq!(extracted.properties.author.as_deref(), Some("GS Utrecht"));
    }

    #[test]
    fn declared_charset_is_used() {
        let mut html = b"<meta charset=\"windows-1252\"><p>co\xf6rdinatie</p>".to_vec();
        assert_eq!(declared_charset(&html).as_deref(), Some("windows-1252"));
        assert_eq!(Html.extract(&html).unwrap().text, "coördinatie");
        html.clear();
        assert!(Html.extract(b"  \n").is_err());
    }
}
