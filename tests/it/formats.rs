//! Every format nota reads, on the same real memo (corpus 002, Alleato to the province of
//! Utrecht) saved by LibreOffice as PDF, DOCX, ODT and RTF, and written as an HTML page and an
//! e-mail (see tests/fixtures/formats/make_fixtures.py): the expected sentences come out, in
//! order, with the title, the pages where the format has them, and nothing of the page furniture.

use std::path::{Path, PathBuf};

use nota::ingest::{extract_bytes, Extracted};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn extract(name: &str) -> Extracted {
    let path = fixture(name);
    let bytes = std::fs::read(&path).expect("fixture exists");
    extract_bytes(&path, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// Sentences of the memo, in the order they appear in it (one of them spans a page break in the
/// paginated formats).
const SENTENCES: &[&str] = &[
    "De provincie Utrecht voert – evenals partijen elders in het land – een kerntakendiscussie.",
    "Het rijk ontwikkelt (sociaal) beleid en bepaalt wet- en regelgeving.",
    "Gemeenten krijgen steeds meer beleidsuitvoeringen op hun bordje, vaak binnen bestaande budgetten.",
    "Bovendien krijgen gemeenten te maken met burgers die in gemeente X wonen, maar uitgaan, naar school gaan of recreëren in gemeente Y.",
    "Kleine gemeenten missen de schaalgrootte om zelf op alle terreinen voldoende deskundig te zijn.",
    "Stimuleren en faciliteren van innovatie in het sociale domein.",
];

const TITLE: &str = "Kerntaken en de rol van de provincie in het sociale domein";

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_sentences_in_order(name: &str, extracted: &Extracted) {
    let flat = one_line(&extracted.text);
    let mut from = 0;
    for sentence in SENTENCES {
        let at = flat[from..]
            .find(sentence)
            .unwrap_or_else(|| panic!("{name}: missing or out of order: {sentence:?}\n{flat}"));
        from += at + sentence.len();
    }
}

fn assert_no_furniture(name: &str, extracted: &Extracted) {
    assert!(
        !extracted
            .text
            .contains("Alleato – Kerntaken provincie Utrecht"),
        "{name}: running head left in"
    );
    assert!(
        !extracted.text.contains("Pagina 2"),
        "{name}: page number left in"
    );
}

#[test]
fn pdf_text_pages_and_properties() {
    let pdf = extract("memo.pdf");
    assert_sentences_in_order("memo.pdf", &pdf);
    assert_no_furniture("memo.pdf", &pdf);
    assert_eq!(
        pdf.pages.len(),
        4,
        "LibreOffice laid the memo out on 4 pages"
    );
    let page = |needle: &str| Extracted::page_of(&pdf.pages, pdf.text.find(needle).expect(needle));
    assert_eq!(page("kerntakendiscussie"), Some(1));
    assert_eq!(page("Integrale aanpak"), Some(2));
    assert_eq!(page("Stimuleren en faciliteren van innovatie"), Some(3));
    assert_eq!(pdf.properties.title.as_deref(), Some(TITLE));
    assert_eq!(pdf.properties.author.as_deref(), Some("Lineke Maat"));
}

#[test]
fn docx_text_headings_and_properties() {
    let docx = extract("memo.docx");
    assert_sentences_in_order("memo.docx", &docx);
    assert_no_furniture("memo.docx", &docx);
    assert!(
        docx.text.starts_with(&format!("# {TITLE}\n")),
        "{}",
        &docx.text[..200]
    );
    assert!(docx.text.contains(
        "\n## Waarom moeten provincies een rol blijven vervullen in het sociale domein?\n"
    ));
    assert_eq!(docx.properties.title.as_deref(), Some(TITLE));
    assert_eq!(docx.properties.author.as_deref(), Some("Lineke Maat"));
    assert_eq!(docx.properties.created_year, Some(2010));
}

#[test]
fn odt_text_headings_pages_and_properties() {
    let odt = extract("memo.odt");
    assert_sentences_in_order("memo.odt", &odt);
    assert_no_furniture("memo.odt", &odt);
    assert!(odt.text.starts_with(&format!("# {TITLE}\n")));
    assert!(odt
        .text
        .contains("\n## Welke rol vervult de provincie in het sociale domein in de toekomst?\n"));
    // The pages are the soft page breaks the ODT records (after "…vanuit UJC" and after "…verder
    // te delen."), which come from the layout LibreOffice saved, not the one of the PDF export.
    assert_eq!(odt.pages.len(), 3);
    let page = |needle: &str| Extracted::page_of(&odt.pages, odt.text.find(needle).expect(needle));
    assert_eq!(page("kerntakendiscussie"), Some(1));
    assert_eq!(page("Centra voor Jeugd en Gezin"), Some(1));
    assert_eq!(page("Bovenlokale of regionale samenwerking"), Some(2));
    assert_eq!(page("Mogelijkheden voor vervolg"), Some(3));
    assert_eq!(odt.properties.created_year, Some(2010));
    assert_eq!(odt.properties.author.as_deref(), Some("Lineke Maat"));
}

#[test]
fn rtf_text_and_properties() {
    let rtf = extract("memo.rtf");
    assert_sentences_in_order("memo.rtf", &rtf);
    assert_no_furniture("memo.rtf", &rtf);
    assert_eq!(rtf.properties.title.as_deref(), Some(TITLE));
    assert_eq!(rtf.properties.created_year, Some(2010));
}

#[test]
fn html_main_text_without_scripts_or_navigation() {
    let html = extract("memo.html");
    assert_sentences_in_order("memo.html", &html);
    assert!(html.text.starts_with(&format!("# {TITLE}\n")));
    for furniture in [
        "Zoeken in het menu",
        "analytics",
        "Contact met Alleato",
        "Cookiebeleid",
        "kennis voor het sociale domein",
    ] {
        assert!(!html.text.contains(furniture), "{furniture} left in");
    }
    assert_eq!(
        html.properties.title.as_deref(),
        Some(&*format!("{TITLE} | Alleato"))
    );
    assert_eq!(html.properties.author.as_deref(), Some("Lineke Maat"));
}

#[test]
fn eml_letterhead_and_body() {
    let eml = extract("memo.eml");
    assert_sentences_in_order("memo.eml", &eml);
    assert!(eml.text.starts_with("van: Lineke Maat\n"));
    assert!(eml.text.contains("\ndatum: 2010-01-11\n"));
    assert_eq!(eml.properties.title.as_deref(), Some(TITLE));
    assert_eq!(eml.properties.created_year, Some(2010));
}
