//! `nota serve`'s JSON API on a free local port: the shapes of `--json`, filters, bad parameters
//! (400 with what is valid), paths outside the index (404), CSV, similar documents, and a commit
//! made while serving showing up without a restart.

use crate::common;

use common::{doc, Env, Server};

fn served() -> (Env, Server) {
    let env = Env::with_corpus();
    env.write(
        "docs/xss.txt",
        "Notitie over <script>alert(1)</script> en eenzaamheid in Flevoland, 2019.\n",
    );
    env.index(&["docs"]);
    let server = Server::start(&env);
    (env, server)
}

#[test]
fn search_answers_like_the_cli() {
    let (env, server) = served();
    let api = server.json("/api/search?q=eenzaamheid&province=flevoland");
    let cli = env.search(&["eenzaamheid", "--province", "flevoland"]);
    assert_eq!(api["total"], cli["total"]);
    assert_eq!(api["facets"], cli["facets"]);
    for (a, c) in api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .zip(cli["hits"].as_array().unwrap())
    {
        for key in c.as_object().unwrap().keys() {
            if key != "score" {
                assert_eq!(a[key], c[key], "{key}");
            }
        }
        let marked: Vec<&str> = a["snippet_parts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p[1] == true)
            .map(|p| p[0].as_str().unwrap())
            .collect();
        assert!(
            marked
                .iter()
                .any(|w| w.to_lowercase().starts_with("eenzaam")),
            "{marked:?}"
        );
    }
    // Paging: page 2 of one hit per page is the CLI's second hit.
    let second = server.json("/api/search?q=sociaal&limit=1&page=2");
    let cli = env.search(&["sociaal"]);
    assert_eq!(second["hits"][0]["path"], cli["hits"][1]["path"]);
    assert_eq!(second["first"], 2);
}

#[test]
fn bad_parameters_say_what_is_valid() {
    let (_env, server) = served();
    let (status, body) = server.get("/api/search?province=atlantis");
    assert_eq!(status, 400);
    assert!(
        body.contains("valid provinces") && body.contains("Flevoland"),
        "{body}"
    );
    assert_eq!(server.get("/api/search?year=20x0").0, 400);
    assert_eq!(server.get("/api/search?limit=5000").0, 400);
    assert_eq!(server.get("/api/search?kleur=rood").0, 400);
    assert_eq!(server.get("/api/search?sort=alfabet").0, 400);
    let long = "a".repeat(1_200);
    assert_eq!(server.get(&format!("/api/search?q={long}")).0, 400);
    assert_eq!(server.get("/api/doc").0, 400, "a document needs a path");
}

#[test]
fn paths_outside_the_index_are_not_found() {
    let (_env, server) = served();
    for path in [
        "../../etc/passwd",
        "/etc/passwd",
        "docs/../../etc/passwd",
        "docs/bestaat-niet.txt",
    ] {
        let (status, body) = server.get(&format!("/api/doc?path={path}"));
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("root:"), "{path}");
    }
    assert_eq!(server.get("/api/similar?path=../../etc/passwd").0, 404);
    assert_eq!(server.get("/etc/passwd").0, 404);
    assert_eq!(server.get("/api/nergens").0, 404);
}

#[test]
fn doc_similar_stats_and_csv() {
    let (_env, server) = served();
    let path = format!("docs/{}", doc("000"));
    let shown = server.json(&format!("/api/doc?path={path}&q=eenzaamheid"));
    assert_eq!(shown["provinces"][0], "Flevoland");
    assert!(shown["evidence"]["title"].is_string());
    let marked: Vec<&str> = shown["body_parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p[1] == true)
        .map(|p| p[0].as_str().unwrap())
        .collect();
    assert!(
        !marked.is_empty()
            && marked
                .iter()
                .all(|w| w.to_lowercase().starts_with("eenzaam")),
        "{marked:?}"
    );
    // The document's text comes back as text, never as markup to run.
    let xss = server.json("/api/doc?path=docs/xss.txt");
    let text: String = xss["body_parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0].as_str().unwrap())
        .collect();
    assert!(text.contains("<script>alert(1)</script>"));

    let similar = server.json(&format!("/api/similar?path={path}&limit=3"));
    let hits = similar["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    assert!(hits
        .iter()
        .all(|h| h["path"] != path.as_str() && h["why"]["terms"].is_array()));

    let stats = server.json("/api/stats");
    assert_eq!(stats["documents"], 6);

    let (status, csv) = server.get("/api/search.csv?q=provincie&limit=3");
    assert_eq!(status, 200);
    assert!(csv.starts_with("path,title,year,provinces,themes,roles,score,page,author\n"));
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn a_commit_made_while_serving_shows_without_a_restart() {
    let (env, server) = served();
    assert_eq!(server.json("/api/search?q=zonneparken")["total"], 0);
    env.write(
        "nieuw/zon.txt",
        "Notitie over zonneparken in Drenthe, 2024.",
    );
    env.stdout(&["add", "nieuw/zon.txt"]);
    let mut found = 0;
    for _ in 0..50 {
        found = server.json("/api/search?q=zonneparken")["total"]
            .as_u64()
            .unwrap();
        if found == 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(found, 1, "the served index follows the new commit");
}

#[test]
fn many_requests_at_once_all_succeed() {
    let (_env, server) = served();
    let url = server.url.clone();
    let threads: Vec<_> = (0..16)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let query = ["zorg", "eenzaamheid", "provincie", "sociaal"][i % 4];
                for _ in 0..10 {
                    let response = ureq::get(&format!("{url}/api/search?q={query}")).call();
                    assert!(response.is_ok(), "{response:?}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("no request failed");
    }
}

#[test]
fn facet_counts_leave_out_their_own_selection() {
    let (env, server) = served();
    let one = server.json("/api/search?q=provincie&province=Flevoland");
    let two = server.json("/api/search?q=provincie&province=Flevoland&province=Utrecht");
    let none = env.search(&["provincie"]);
    // Each province's count is the one it has with no province chosen, ticked or not.
    assert_eq!(
        one["disjunctive_facets"]["province"],
        none["facets"]["province"]
    );
    assert_eq!(
        two["disjunctive_facets"]["province"],
        none["facets"]["province"]
    );
    // The plain facets still count the matches only (as --json documents them).
    assert_eq!(one["facets"]["province"].as_object().unwrap().len(), 1);
    // Within a facet the values are OR: the two provinces together.
    let flevoland = env.search(&["provincie", "--province", "Flevoland"])["total"]
        .as_u64()
        .unwrap();
    let utrecht = env.search(&["provincie", "--province", "Utrecht"])["total"]
        .as_u64()
        .unwrap();
    assert_eq!(two["total"].as_u64().unwrap(), flevoland + utrecht);
    // Other facets are counted under the province filter, as before.
    assert_eq!(two["disjunctive_facets"]["theme"], two["facets"]["theme"]);
    // A year chosen leaves the year histogram whole.
    let year = server.json("/api/search?q=provincie&year=2018");
    assert_eq!(year["disjunctive_facets"]["year"], none["facets"]["year"]);
}

#[test]
fn a_typo_gets_a_suggestion_from_the_index() {
    let (_env, server) = served();
    let typo = server.json("/api/search?q=jeugdzorgg");
    assert_eq!(typo["suggestion"]["query"], "jeugdzorg");
    assert_eq!(
        typo["suggestion"]["replaced"],
        serde_json::json!([["jeugdzorgg", "jeugdzorg"]])
    );
    let right = server.json("/api/search?q=jeugdzorg");
    assert_eq!(typo["suggestion"]["total"], right["total"]);
    assert!(right["suggestion"].is_null(), "{}", right["suggestion"]);
    // A word for a far more frequent one beside a known word.
    let two = server.json("/api/search?q=eenzaamheid+ouderenn");
    assert_eq!(two["suggestion"]["query"], "eenzaamheid ouderen");
}

#[test]
fn no_hits_say_what_dropping_a_word_or_filter_finds() {
    let (env, server) = served();
    let none = server.json("/api/search?q=eenzaamheid+kernfusie&province=Flevoland");
    assert_eq!(none["total"], 0);
    let relax = none["relaxations"].as_array().unwrap();
    let find = |drop: &str, value: &str| {
        relax
            .iter()
            .find(|r| r["drop"] == drop && r["value"] == value)
            .unwrap_or_else(|| panic!("{drop} {value} in {relax:?}"))
            .clone()
    };
    let without_word = find("word", "kernfusie");
    assert_eq!(without_word["query"], "eenzaamheid");
    assert_eq!(
        without_word["total"],
        env.search(&["eenzaamheid", "--province", "Flevoland"])["total"]
    );
    assert!(without_word["total"].as_u64().unwrap() > 0);
    assert_eq!(find("province", "Flevoland")["total"], 0);
    assert_eq!(find("word", "eenzaamheid")["total"], 0);
    // Those that find something first.
    assert!(relax[0]["total"].as_u64().unwrap() > 0, "{relax:?}");
    // A search with hits carries none.
    let some = server.json("/api/search?q=eenzaamheid");
    assert_eq!(some["relaxations"], serde_json::json!([]));
}

#[test]
fn bad_filter_values_on_the_new_fields_say_what_is_valid() {
    let (_env, server) = served();
    let (status, body) = server.get("/api/search?q=zorg&province=Atlantis");
    assert_eq!(status, 400);
    assert!(
        body.contains("Flevoland") && body.contains("Utrecht"),
        "{body}"
    );
    let (status, body) = server.get("/api/search?q=zorg&year=20x0");
    assert_eq!(status, 400);
    assert!(body.contains("2010..2020"), "{body}");
}
