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
