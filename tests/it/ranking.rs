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
        let results = env.search(&[query]);
        let mut paths: Vec<String> = results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect();
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
