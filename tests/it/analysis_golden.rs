//! Golden token streams of the index analyzer, one or more per Dutch phenomenon: the terms and
//! their positions as indexing makes them (the production pass, [`DocumentAnalyzer`]), which must
//! be what `nota analyze` shows.

use nota::analysis::document::DocumentAnalyzer;
use nota::analysis::explain::{explain, Chain};

/// (position, term) of `text` as the index gets them; checked against `nota analyze`'s.
fn terms(text: &str) -> Vec<(usize, String)> {
    let stemmed = DocumentAnalyzer::new(1 << 20).tokens(text).stemmed;
    let indexed: Vec<(usize, String)> = (0..stemmed.len())
        .map(|i| (stemmed.position(i), stemmed.term(i).to_string()))
        .collect();
    let explained: Vec<(usize, String)> = explain(text, Chain::Index)
        .into_iter()
        .map(|e| (e.position, e.token))
        .collect();
    assert_eq!(indexed, explained, "nota analyze shows what the index gets");
    indexed
}

fn has(text: &str, position: usize, term: &str) -> bool {
    terms(text).contains(&(position, term.to_string()))
}

#[test]
fn compounds_keep_the_word_and_add_their_parts_at_its_position() {
    let got = terms("De provincie zet in op eenzaamheidsbestrijding onder ouderen.");
    let at5: Vec<&str> = got
        .iter()
        .filter(|(p, _)| *p == 5)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        at5,
        ["eenzaamheidsbestrijd", "eenzam", "bestrijd"],
        "{got:?}"
    );
    assert!(has("zorginnovatie", 0, "innovatie"));
    assert!(has("welzijnstaken", 0, "welzijn"));
    assert!(!terms("welzijnstaken")
        .iter()
        .any(|(_, t)| t == "staken" || t == "stak"));
    assert!(
        !terms("welzijnstaken").iter().any(|(_, t)| t == "s"),
        "never a bare linking s"
    );
}

#[test]
fn hyphen_ellipsis_in_its_three_forms() {
    // X- en Y: zorgtaken at the position of "zorg".
    assert!(has("zorg- en welzijnstaken", 0, "zorgtak"));
    // (X-)Y: arbeidsparticipatie at the position of "participatie".
    assert!(has("(arbeids-)participatie", 1, "arbeidsparticipatie"));
    // X en -Y: beleidsuitvoering at the position of "uitvoering".
    assert!(has(
        "beleidsvoorbereiding en -uitvoering",
        2,
        "beleidsuitvoer"
    ));
    // X-Y: the joined word too.
    assert!(has("sociaal-economische", 1, "sociaaleconomisch"));
}

#[test]
fn apostrophes_straight_and_curly() {
    assert_eq!(terms("thema's"), terms("thema"));
    assert_eq!(terms("thema’s"), terms("thema"));
    assert_eq!(terms("Wmo's"), [(0, "wmo".to_string())]);
    assert_eq!(terms("AOW'er"), terms("AOWer"));
}

#[test]
fn characters_ij_ligature_diaeresis_and_accents() {
    assert_eq!(terms("Ĳsselmeer"), terms("IJsselmeer"));
    assert_eq!(terms("ideeën"), terms("idee"));
    assert_eq!(terms("ideeen"), terms("idee"));
    assert_eq!(terms("cliënt"), terms("client"));
    assert_eq!(terms("recreëren"), terms("recreeren"));
}

#[test]
fn abbreviations_and_law_names_are_not_stemmed() {
    assert_eq!(terms("GS"), [(0, "gs".to_string())]);
    assert_eq!(terms("VNG"), [(0, "vng".to_string())]);
    let jeugdwet = terms("Jeugdwet");
    assert!(
        jeugdwet.contains(&(0, "jeugdwet".to_string())),
        "{jeugdwet:?}"
    );
    assert!(jeugdwet.contains(&(0, "jeugd".to_string())), "{jeugdwet:?}");
}
