//! Ranking a policy researcher trusts (issue 16), on the real binary: queries typed as people
//! type them never get a parser error.

use predicates::str::contains;

use crate::common::{Env, Server};

/// Two short texts with a legal reference and a time in them, and a third without.
fn env() -> Env {
    let env = Env::new();
    env.write(
        "docs/bezwaar.txt",
        "Bezwaar tegen het besluit\n\nOp grond van artikel 4:8 Awb wordt de aanvrager gehoord \
         voordat de provincie beslist.\n",
    );
    env.write(
        "docs/vergadering.txt",
        "Vergadering van Provinciale Staten\n\nDe vergadering begint om 12:00 uur in het \
         provinciehuis.\n",
    );
    env.write(
        "docs/jeugd.txt",
        "Jeugdzorg in de regio\n\nDe gemeenten organiseren de zorg voor de jeugd samen.\n",
    );
    env.index(&["docs"]);
    env
}

#[test]
fn queries_with_stray_syntax_find_what_they_say_and_tell_what_was_read_as_text() {
    let env = env();
    for (query, expected) in [
        ("artikel 4:8 Awb", "docs/bezwaar.txt"),
        ("4:8", "docs/bezwaar.txt"),
        ("12:00", "docs/vergadering.txt"),
        ("(vergadering", "docs/vergadering.txt"),
        ("vergadering)", "docs/vergadering.txt"),
        ("vergadering OR", "docs/vergadering.txt"),
        ("AND jeugd", "docs/jeugd.txt"),
        ("jeugd -", "docs/jeugd.txt"),
        ("\"zorg voor de jeugd", "docs/jeugd.txt"),
    ] {
        let out = env.nota(&["search", "--json", query]).output().unwrap();
        assert!(
            out.status.success(),
            "{query}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(results["hits"][0]["path"], expected, "{query}");
        let notes = results["notes"]
            .as_array()
            .expect("notes say what was read as text");
        assert!(!notes.is_empty(), "{query}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("nota: note:"), "{query}: {stderr}");
    }
    // An ordinary query has no notes.
    let plain = env.search(&["vergadering"]);
    assert!(plain.get("notes").is_none(), "{plain}");
}

#[test]
fn strict_keeps_the_errors_for_scripts() {
    let env = env();
    for query in ["4:8", "(vergadering", "vergadering OR"] {
        env.nota(&["search", "--strict", query])
            .assert()
            .code(2)
            .stderr(contains("cannot read the query"));
    }
    let server = Server::start(&env);
    let (status, body) = server.get("/api/search?q=4:8&strict=1");
    assert_eq!(status, 400, "{body}");
    let forgiving = server.json("/api/search?q=4:8");
    assert_eq!(forgiving["hits"][0]["path"], "docs/bezwaar.txt");
    assert!(forgiving["notes"][0]
        .as_str()
        .unwrap()
        .contains("no field called 4"));
}

#[test]
fn plurals_meet_their_singular_and_the_elderly_are_not_parents() {
    let env = Env::new();
    env.write(
        "docs/plannen.txt",
        "De provincie maakt plannen voor de regio.\n",
    );
    env.write(
        "docs/ouders.txt",
        "De ouders van het kind worden gehoord.\n",
    );
    env.write(
        "docs/ouderen.txt",
        "De provincie steunt oudere inwoners en ouderen.\n",
    );
    env.index(&["docs"]);
    let paths = |query: &str| -> Vec<String> {
        let mut paths = ranked(&env.search(&[query]));
        paths.sort();
        paths
    };
    assert_eq!(paths("plan"), ["docs/plannen.txt"]);
    assert_eq!(paths("ouderen"), ["docs/ouderen.txt"]);
    assert_eq!(paths("oudere"), ["docs/ouderen.txt"]);
    assert_eq!(paths("ouders"), ["docs/ouders.txt"]);
}

#[test]
fn a_compounds_parts_count_only_near_each_other() {
    let env = Env::new();
    let filler = "De regeling bepaalt de bedragen per maand. ".repeat(40);
    env.write(
        "docs/loon.txt",
        format!("Het jeugdloon wordt jaarlijks vastgesteld. {filler} De zorg is verzekerd.\n"),
    );
    env.write(
        "docs/jeugd.txt",
        "De gemeenten regelen de zorg voor de jeugd samen.\n",
    );
    env.index(&["docs"]);
    let results = env.search(&["jeugdzorg"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["path"], "docs/jeugd.txt");
}

/// The paths of the hits, in rank order.
fn ranked(results: &serde_json::Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn words_typed_apart_find_the_compound_first() {
    let env = Env::new();
    let filler = "De regeling bepaalt de bedragen per maand. ".repeat(20);
    env.write(
        "docs/leerplicht.txt",
        "Vrijstelling\n\nDe leerplicht geldt tot het eind van het schooljaar.\n",
    );
    env.write(
        "docs/apart.txt",
        format!(
            "Opleiding\n\nWie leert een vak, leert het goed. {filler} De werkgever heeft de plicht \
             te betalen. Een leer is een trap; de plicht blijft.\n"
        ),
    );
    env.index(&["docs"]);
    let results = env.search(&["leer plicht"]);
    assert_eq!(ranked(&results)[0], "docs/leerplicht.txt", "{results}");
    let searched = env.stdout(&["analyze", "--chain", "query", "leer plicht"]);
    assert!(
        searched.contains("searched as: ((leer plicht) OR leerplicht"),
        "{searched}"
    );
    // The joined form is what lifts the compound: without it the text scores less.
    let without = env.search(&["--without", "joined", "leer plicht"]);
    let score = |results: &serde_json::Value| {
        results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["path"] == "docs/leerplicht.txt")
            .map(|h| h["score"].as_f64().unwrap())
            .unwrap()
    };
    assert!(
        score(&results) > score(&without) * 1.5,
        "{results}\n{without}"
    );
}

#[test]
fn a_word_finds_its_family_below_its_own_forms() {
    let env = Env::new();
    env.write(
        "docs/dakloosheid.txt",
        "Opvang\n\nDe aanpak van dakloosheid vraagt samenwerking.\n",
    );
    env.write(
        "docs/dakloze.txt",
        "Opvang\n\nEen dakloze man vraagt om een bed.\n",
    );
    env.write("docs/anders.txt", "Wonen\n\nDe woningbouw gaat door.\n");
    env.index(&["docs"]);
    let results = env.search(&["dakloze"]);
    assert_eq!(
        ranked(&results),
        ["docs/dakloze.txt", "docs/dakloosheid.txt"],
        "{results}"
    );
    let results = env.search(&["verslaafde"]);
    assert_eq!(results["total"], 0, "{results}");
    env.write(
        "docs/verslaving.txt",
        "Zorg\n\nDe verslavingszorg en de verslaving zelf.\n",
    );
    env.index(&["docs"]);
    assert_eq!(
        ranked(&env.search(&["verslaafde"])),
        ["docs/verslaving.txt"]
    );
}

#[test]
fn words_close_together_and_in_the_title_rank_first() {
    let env = Env::new();
    let filler = "De regeling bepaalt de bedragen per maand. ".repeat(40);
    env.write(
        "docs/ver.txt",
        format!("Regeling\n\nHet toezicht is geregeld. {filler} De kinderopvang betaalt.\n"),
    );
    env.write(
        "docs/dicht.txt",
        format!("Regeling\n\nHet toezicht op de kinderopvang is geregeld. {filler} Slot.\n"),
    );
    env.index(&["docs"]);
    let results = env.search(&["toezicht kinderopvang"]);
    assert_eq!(
        ranked(&results),
        ["docs/dicht.txt", "docs/ver.txt"],
        "{results}"
    );
    let without = env.search(&["--without", "proximity", "toezicht kinderopvang"]);
    let (near, far) = (&without["hits"][0]["score"], &without["hits"][1]["score"]);
    assert_eq!(near, far, "without proximity both score alike: {without}");

    let env = Env::new();
    env.write(
        "docs/titel.txt",
        "Mantelzorg in de provincie\n\nDe provincie steunt wie zorgt. Mantelzorg telt.\n",
    );
    env.write(
        "docs/tekst.txt",
        "Steun in de provincie\n\nDe provincie steunt wie zorgt. Mantelzorg telt.\n",
    );
    env.index(&["docs"]);
    assert_eq!(
        ranked(&env.search(&["mantelzorg"])),
        ["docs/titel.txt", "docs/tekst.txt"]
    );
}

#[test]
fn a_short_page_goes_on_with_documents_that_hold_most_of_the_words() {
    let env = Env::new();
    env.write(
        "docs/beide.txt",
        "Mantelzorg\n\nDe provincie Utrecht steunt mantelzorg en respijtzorg.\n",
    );
    env.write(
        "docs/een.txt",
        "Mantelzorg\n\nDe provincie Utrecht steunt mantelzorg.\n",
    );
    env.write(
        "docs/geen.txt",
        "Wegen\n\nDe provincie Utrecht legt wegen aan.\n",
    );
    env.index(&["docs"]);
    let results = env.search(&["mantelzorg respijtzorg"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(
        ranked(&results),
        ["docs/beide.txt", "docs/een.txt"],
        "{results}"
    );
    assert!(results["hits"][0].get("partial").is_none(), "{results}");
    assert_eq!(results["hits"][1]["partial"], true, "{results}");
    // Facets count the documents with all the words only.
    assert_eq!(results["facets"]["province"]["Utrecht"], 1, "{results}");
    // --all-words: no fill.
    let strict = env.search(&["--all-words", "mantelzorg respijtzorg"]);
    assert_eq!(ranked(&strict), ["docs/beide.txt"], "{strict}");
    // The text output says where the fill begins.
    let text = env.stdout(&["search", "mantelzorg respijtzorg"]);
    assert!(
        text.contains("only 1 document holds all the words; these hold most of them"),
        "{text}"
    );
    assert!(
        text.contains("1 of 1 matching document, then 1 with most of the words"),
        "{text}"
    );
    // A full page needs no fill, and no word at all gives no fill.
    assert_eq!(
        ranked(&env.search(&["--limit", "1", "mantelzorg respijtzorg"])),
        ["docs/beide.txt"]
    );
    assert_eq!(
        env.search(&["bestaatniet woordniet"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // The API marks them too, and all_words=1 turns the fill off.
    let server = Server::start(&env);
    let api = server.json("/api/search?q=mantelzorg+respijtzorg");
    assert_eq!(api["hits"][1]["partial"], true, "{api}");
    let api = server.json("/api/search?q=mantelzorg+respijtzorg&all_words=1");
    assert_eq!(api["hits"].as_array().unwrap().len(), 1, "{api}");
}
