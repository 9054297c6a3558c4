//! `nota search`: filters alone and combined, year ranges, empty queries, phrases, exclusions,
//! snippets and the JSON shape, on the five sample documents. Expected sets come from the hand
//! labels in `tests/fixtures/seed-labels.json` (provinces, years, themes, roles, types).

use crate::common;

use common::{doc, docs, hit_names, hit_set, Env};
use serde_json::Value;

fn indexed() -> Env {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    env
}

#[test]
fn each_filter_alone() {
    let env = indexed();
    assert_eq!(
        hit_set(&env.search(&["--province", "flevoland"])),
        docs(&["000", "003"])
    );
    assert_eq!(
        hit_set(&env.search(&["--province", "Overijssel"])),
        docs(&["004"])
    );
    assert_eq!(hit_set(&env.search(&["--year", "2018"])), docs(&["003"]));
    assert_eq!(
        hit_set(&env.search(&["--theme", "eenzaamheid"])),
        docs(&["000", "001"])
    );
    assert_eq!(
        hit_set(&env.search(&["--role", "regisseur"])),
        docs(&["000"])
    );
    assert_eq!(
        hit_set(&env.search(&["--type", "mededeling"])),
        docs(&["000"])
    );
}

#[test]
fn filters_combine_with_and_and_repeat_with_or() {
    let env = indexed();
    assert_eq!(
        hit_set(&env.search(&["--province", "flevoland", "--year", "2018"])),
        docs(&["003"])
    );
    assert_eq!(
        hit_set(&env.search(&["--province", "flevoland", "--province", "utrecht"])),
        docs(&["000", "002", "003"])
    );
    assert_eq!(
        hit_set(&env.search(&["--province", "overijssel", "--theme", "eenzaamheid"])),
        Vec::<String>::new()
    );
    assert_eq!(
        hit_set(&env.search(&[
            "ouderen",
            "--province",
            "flevoland",
            "--theme",
            "eenzaamheid"
        ])),
        docs(&["000"])
    );
}

#[test]
fn year_ranges_are_inclusive_and_may_be_open() {
    let env = indexed();
    assert_eq!(
        hit_set(&env.search(&["--year", "2010..2015"])),
        docs(&["000", "001", "002"])
    );
    assert_eq!(
        hit_set(&env.search(&["--year", "2016.."])),
        docs(&["003", "004"])
    );
    assert_eq!(hit_set(&env.search(&["--year", "..2010"])), docs(&["002"]));
}

#[test]
fn empty_query_lists_documents_by_filters() {
    let env = indexed();
    let all = env.search(&[]);
    assert_eq!(all["total"], 5);
    let utrecht = env.search(&["--province", "utrecht"]);
    assert_eq!(utrecht["total"], 1);
    assert_eq!(hit_names(&utrecht), [doc("002")]);
}

#[test]
fn words_are_anded_and_phrases_need_adjacency() {
    let env = indexed();
    // 001: "als innovator, verbinder en financier van vernieuwing".
    let both = env.search(&["innovator financier"]);
    assert_eq!(both["total"], 1, "{both}");
    assert_eq!(
        hit_set(&env.search(&["--all-words", "innovator financier"])),
        docs(&["001"])
    );
    // Without --all-words a short page goes on with documents holding one of the two, marked.
    assert_eq!(hit_names(&both)[0], doc("001"));
    assert!(hit_names(&both).len() > 1, "{both}");
    assert!(both["hits"].as_array().unwrap()[1..]
        .iter()
        .all(|h| h["partial"] == true));
    assert_eq!(env.search(&["\"innovator financier\""])["total"], 0);
    assert_eq!(
        hit_set(&env.search(&["\"verbinder en financier\""])),
        docs(&["001"])
    );
    // 000: "makelen en schakelen".
    assert_eq!(
        hit_set(&env.search(&["\"makelen en schakelen\""])),
        docs(&["000"])
    );
    // Two words no document has together.
    assert_eq!(env.search(&["Twenterand Lodders"])["total"], 0);
}

#[test]
fn or_and_exclusion() {
    let env = indexed();
    // Twenterand is only in 004, Lodders only in 002.
    assert_eq!(
        hit_set(&env.search(&["Twenterand OR Lodders"])),
        docs(&["002", "004"])
    );
    let gemeenten = env.search(&["gemeenten"]);
    let without = env.search(&["gemeenten -Overijssel"]);
    assert!(hit_set(&gemeenten).contains(&doc("004")));
    assert!(!hit_set(&without).contains(&doc("004")));
    assert_eq!(
        without["total"].as_u64().unwrap(),
        gemeenten["total"].as_u64().unwrap() - 1
    );
}

#[test]
fn stemming_and_accent_folding_reach_other_forms() {
    let env = indexed();
    // "vrijwilliger" (singular) finds texts that only say "vrijwilligers" too.
    let hits = hit_set(&env.search(&["vrijwilliger"]));
    assert!(hits.contains(&doc("000")), "{hits:?}");
    // "ideeen" without diaeresis finds "ideeën" (001).
    assert_eq!(hit_set(&env.search(&["ideeen"])), docs(&["001"]));
}

#[test]
fn snippets_contain_the_matched_word() {
    let env = indexed();
    let results = env.search(&["eenzaamheidsbestrijding"]);
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("eenzaamheidsbestrijding"), "{snippet}");
    let results = env.search(&["Hardenberg"]);
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("Hardenberg"), "{snippet}");
}

#[test]
fn human_output_marks_matches_and_counts_facets() {
    let env = indexed();
    let out = env.stdout(&["search", "Hardenberg"]);
    assert!(out.contains("[Hardenberg]"), "{out}");
    assert!(
        out.contains("Platform Sociaal Domein 8 oktober 2020"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("province") && l.ends_with("Overijssel (1)")),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "no colour when piped: {out}");
}

fn assert_string_array(value: &Value, what: &str) {
    let array = value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is an array"));
    assert!(array.iter().all(Value::is_string), "{what} holds strings");
}

#[test]
fn json_has_the_documented_shape() {
    let env = indexed();
    let r = env.search(&["provincie", "--limit", "2"]);
    let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
    for key in ["query", "total", "hits", "facets"] {
        assert!(keys.iter().any(|k| *k == key), "missing {key}");
    }
    assert_eq!(r["query"], "provincie");
    assert_eq!(r["total"], 5);
    assert_eq!(r["hits"].as_array().unwrap().len(), 2, "limit honoured");
    for hit in r["hits"].as_array().unwrap() {
        let path = hit["path"].as_str().unwrap();
        assert!(
            path.starts_with("docs/"),
            "path as given at index time: {path}"
        );
        assert!(hit["title"].is_string());
        assert!(hit["score"].as_f64().unwrap() > 0.0);
        assert!(hit["year"].is_i64() || hit["year"].is_null());
        assert_string_array(&hit["provinces"], "provinces");
        assert!(["national", "provincial", "unknown"].contains(&hit["scope"].as_str().unwrap()));
        assert_string_array(&hit["themes"], "themes");
        assert_string_array(&hit["roles"], "roles");
        assert!(hit["doc_type"].is_string() || hit["doc_type"].is_null());
        assert!(hit["snippet"].is_string());
    }
    // Facets count all matches, not only the two shown.
    let facets = &r["facets"];
    for key in ["province", "year", "theme", "role"] {
        assert!(facets[key].is_object(), "facets.{key}");
    }
    let years: u64 = facets["year"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(years, 5);
    assert_eq!(facets["province"]["Flevoland"], 2);
    assert_eq!(facets["year"]["2018"], 1);
}

#[test]
fn sort_by_date_puts_the_newest_first() {
    let env = indexed();
    let r = env.search(&["--sort", "date"]);
    let years: Vec<i64> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2020, 2018, 2015, 2011, 2010]);
}

#[test]
fn show_gives_values_with_their_evidence() {
    let env = indexed();
    let path = format!("docs/{}", doc("002"));
    let out = env.stdout(&["show", &path]);
    assert!(out.contains("datum: 11 januari 2010"), "{out}");
    assert!(out.contains("\"provincie Utrecht\""), "{out}");
    let json: Value = serde_json::from_str(&env.stdout(&["show", &path, "--json"])).unwrap();
    assert_eq!(json["year"], 2010);
    assert_eq!(json["provinces"][0], "Utrecht");
    assert_eq!(json["evidence"]["year"]["confidence"], "high");
    // Another spelling of the same file finds it too.
    let dotted = format!("./docs/{}", doc("002"));
    env.nota(&["show", &dotted]).assert().success();
    env.nota(&["show", "docs/bestaat-niet.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not in the index"));
}

#[test]
fn stats_count_documents_and_facets() {
    let env = indexed();
    let stats: Value = serde_json::from_str(&env.stdout(&["stats", "--json"])).unwrap();
    assert_eq!(stats["documents"], 5);
    assert!(stats["size_bytes"].as_u64().unwrap() > 10_000);
    assert_eq!(stats["facets"]["province"]["Flevoland"], 2);
    assert_eq!(stats["facets"]["year"]["2011"], 1);
}
