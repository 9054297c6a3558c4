//! A flat view of an XML part (DOCX, ODT) for the format extractors: elements by local name,
//! their attributes, and text with entities resolved.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::error::Failure;

/// One step through an XML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `<name …>`: local name and attributes (local names too).
    Open(String, Vec<(String, String)>),
    /// `<name …/>`.
    Empty(String, Vec<(String, String)>),
    /// `</name>`.
    Close(String),
    /// Character data.
    Text(String),
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_string(),
        None => name.to_string(),
    }
}

fn attributes(start: &BytesStart) -> Vec<(String, String)> {
    start
        .attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (local(a.key.as_ref()), value)
        })
        .collect()
}

/// The value of attribute `name` among `attrs`.
pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Walks `xml`, calling `visit` for each node; stops at the first syntax error, naming `part`.
pub fn walk(xml: &str, part: &str, mut visit: impl FnMut(Node)) -> Result<(), Failure> {
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| Failure::corrupt(format!("{part} is not well-formed XML: {e}")))?;
        match event {
            Event::Start(start) => {
                visit(Node::Open(local(start.name().as_ref()), attributes(&start)))
            }
            Event::Empty(start) => visit(Node::Empty(
                local(start.name().as_ref()),
                attributes(&start),
            )),
            Event::End(end) => visit(Node::Close(local(end.name().as_ref()))),
            Event::Text(text) => visit(Node::Text(text.xml10_content().into_owned())),
            Event::CData(data) => visit(Node::Text(data.to_string())),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&reference.xml10_content())
                        .map(str::to_string),
                };
                if let Some(text) = resolved {
                    visit(Node::Text(text));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The text inside the first element named `name` (e.g. `title` of Dublin Core properties).
pub fn first_text(xml: &str, name: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut found = String::new();
    let mut done = false;
    let _ = walk(xml, "properties", |node| match node {
        Node::Open(n, _) if n == name && !done => depth += 1,
        Node::Close(n) if n == name && depth > 0 => {
            depth -= 1;
            done = true;
        }
        Node::Text(t) if depth > 0 => found.push_str(&t),
        _ => {}
    });
    let found = found.trim();
    (!found.is_empty()).then(|| found.to_string())
}

/// The year at the start of an ISO date (`2010-01-11T09:30:00Z`).
pub fn iso_year(date: &str) -> Option<i32> {
    date.trim()
        .get(..4)?
        .parse()
        .ok()
        .filter(|y| (1000..3000).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_namespaces_are_resolved() {
        let mut texts = Vec::new();
        let mut names = Vec::new();
        walk(
            "<w:p a:x=\"1\"><w:t>Zorg &amp; welzijn &#233;&#x00E9;</w:t></w:p>",
            "test",
            |node| match node {
                Node::Text(t) => texts.push(t),
                Node::Open(n, attrs) => names.push((n, attrs)),
                _ => {}
            },
        )
        .unwrap();
        assert_eq!(texts.concat(), "Zorg & welzijn éé");
        assert_eq!(names[0].0, "p");
        assert_eq!(attr(&names[0].1, "x"), Some("1"));
    }

    #[test]
    fn broken_xml_is_a_corrupt_file() {
        let err = walk("<a><b></a>", "word/document.xml", |_| {}).unwrap_err();
        assert!(err.reason.contains("word/document.xml"));
    }

    #[test]
    fn properties_are_read() {
        let core = "<cp:coreProperties><dc:title>Nota armoede</dc:title>\
                    <dcterms:created>2019-03-04T10:00:00Z</dcterms:created></cp:coreProperties>";
        assert_eq!(first_text(core, "title").as_deref(), Some("Nota armoede"));
        assert_eq!(iso_year(&first_text(core, "created").unwrap()), Some(2019));
    }
}
