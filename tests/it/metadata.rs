//! Metadata through the real binary: values set by sidecars, front matter and a manifest win
//! over derived ones and say where they come from; municipality and author filters.

use crate::common;

use common::{doc, docs, hit_set, Env};
use predicates::str::contains;
use serde_json::Value;

fn show_json(env: &Env, path: &str) -> Value {
    serde_json::from_str(&env.stdout(&["show", path, "--json"])).unwrap()
}

fn stem(id: &str) -> String {
    doc(id).trim_end_matches(".txt").to_string()
}

#[test]
fn a_toml_sidecar_sets_values_that_win_and_say_so() {
    let env = Env::with_corpus();
    env.write(
        &format!("docs/{}.meta.toml", stem("000")),
        "year = 2012\nprovinces = [\"utrecht\"]\nauthor = \"Griffie\"\n",
    );
    env.index(&["docs"]);
    let path = format!("docs/{}", doc("000"));
    let shown = show_json(&env, &path);
    assert_eq!(shown["year"], 2012);
    assert_eq!(shown["provinces"], serde_json::json!(["Utrecht"]));
    assert_eq!(shown["author"], "Griffie");
    let source = shown["set"]["year"].as_str().unwrap();
    assert!(source.ends_with(".meta.toml"), "{source}");
    assert!(shown["set"].get("title").is_none(), "title stays derived");
    assert_eq!(
        hit_set(&env.search(&["--province", "utrecht"])),
        docs(&["000", "002"])
    );
    let text = env.stdout(&["show", &path]);
    assert!(text.contains("year:       2012   (set in docs/"), "{text}");
    assert!(text.contains("(the subject line or first line"), "{text}");
}

#[test]
fn a_json_sidecar_named_after_the_full_file_name() {
    let env = Env::with_corpus();
    env.write(
        &format!("docs/{}.meta.json", doc("004")),
        r#"{"themes": ["Armoede"], "type": "brief"}"#,
    );
    env.index(&["docs"]);
    let shown = show_json(&env, &format!("docs/{}", doc("004")));
    assert_eq!(shown["themes"], serde_json::json!(["armoede"]));
    assert_eq!(shown["doc_type"], "brief");
}

#[test]
fn changing_a_sidecar_reindexes_its_file() {
    let env = Env::with_corpus();
    let sidecar = format!("docs/{}.meta.toml", stem("003"));
    env.write(&sidecar, "year = 2017\n");
    env.index(&["docs"]);
    env.write(&sidecar, "year = 2016\n");
    assert_eq!(
        env.index(&["docs"]),
        "0 added, 1 updated, 0 removed, 4 unchanged, 0 skipped, 0 failed"
    );
    assert_eq!(hit_set(&env.search(&["--year", "2016"])), docs(&["003"]));
}

#[test]
fn a_bad_sidecar_fails_its_file_with_the_reason_and_keeps_the_old_document() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let sidecar = format!("docs/{}.meta.toml", stem("002"));
    env.write(&sidecar, "provinces = [\"Vlaanderen\"]\n");
    env.nota(&["index", "docs"])
        .assert()
        .success()
        .stdout(contains("4 unchanged, 0 skipped, 1 failed"))
        .stderr(contains("sidecar"))
        .stderr(contains("unknown province 'Vlaanderen'"));
    assert_eq!(
        hit_set(&env.search(&["--province", "utrecht"])),
        docs(&["002"])
    );
    env.write(&sidecar, "provincie = \"Utrecht\"\n");
    env.nota(&["index", "docs"])
        .assert()
        .success()
        .stderr(contains("unknown field 'provincie'"));
}

#[test]
fn markdown_front_matter_sets_values_and_other_keys_are_ignored() {
    let env = Env::new();
    env.write(
        "docs/nota-armoede.md",
        "---\ntitle: Nota armoedebeleid Zeeland\nyear: 2019\nthemes: [armoede]\nlayout: memo\n---\n\
         # Armoede\n\nDe provincie Zeeland ondersteunt gemeenten bij schuldhulpverlening.\n",
    );
    env.index(&["docs"]);
    let shown = show_json(&env, "docs/nota-armoede.md");
    assert_eq!(shown["title"], "Nota armoedebeleid Zeeland");
    assert_eq!(shown["year"], 2019);
    assert_eq!(shown["themes"], serde_json::json!(["armoede"]));
    assert_eq!(shown["set"]["year"], "front matter");
    // The front matter is not part of the searchable text.
    assert_eq!(env.search(&["layout"])["total"], 0);
}

#[test]
fn a_manifest_csv_sets_values_per_path() {
    let env = Env::with_corpus();
    env.write(
        "labels.csv",
        format!(
            "path,year,roles,scope\ndocs/{},2016,financier;kennis,\ndocs/{},,,national\n",
            doc("004"),
            doc("002")
        ),
    );
    env.index(&["docs", "--metadata", "labels.csv"]);
    let four = show_json(&env, &format!("docs/{}", doc("004")));
    assert_eq!(four["year"], 2016);
    assert_eq!(four["roles"], serde_json::json!(["financier", "kennis"]));
    assert_eq!(four["set"]["roles"], "manifest labels.csv");
    let two = show_json(&env, &format!("docs/{}", doc("002")));
    assert_eq!(two["scope"], "national");
    assert_eq!(two["year"], 2010, "empty cells leave the derived value");
    env.nota(&["index", "docs", "--metadata", "ontbreekt.csv"])
        .assert()
        .code(2)
        .stderr(contains("ontbreekt.csv"));
}

#[test]
fn municipality_and_author_filters() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    assert_eq!(
        hit_set(&env.search(&["--municipality", "twenterand"])),
        docs(&["004"])
    );
    assert_eq!(
        hit_set(&env.search(&["--author", "mogroep"])),
        docs(&["001"])
    );
    env.nota(&["search", "--author", "Ministerie"])
        .assert()
        .code(2)
        .stderr(contains("unknown author 'Ministerie'"))
        .stderr(contains("Alleato"));
    env.nota(&["search", "--municipality", "Atlantis"])
        .assert()
        .code(2)
        .stderr(contains("unknown municipality 'Atlantis'"));
}

#[test]
fn search_json_carries_the_new_fields() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let r = env.search(&["Twenterand"]);
    let hit = &r["hits"][0];
    assert_eq!(
        hit["municipalities"],
        serde_json::json!(["Twenterand", "Hardenberg"])
    );
    assert_eq!(
        hit["mentioned_provinces"],
        serde_json::json!(["Overijssel"])
    );
    assert_eq!(hit["author"], "Provincie Overijssel");
    assert_eq!(r["facets"]["municipality"]["Hardenberg"], 1);
}

#[test]
fn show_separates_the_provinces_addressed_from_those_only_mentioned() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    // The sample letter to all provinces names Flevoland four times: mentioned, not addressed.
    let text = env.stdout(&["show", &format!("docs/{}", doc("001"))]);
    assert!(
        text.contains("provinces:  –   (from or addressed to)"),
        "{text}"
    );
    assert!(
        text.contains(
            "mentioned only: Flevoland, Groningen   (named, neither from nor addressed to)"
        ),
        "{text}"
    );
    assert!(text.contains("\"Flevoland\" ×4"), "{text}");
    assert!(
        text.contains("scope:      national   (addresses \"alle provincies\")"),
        "{text}"
    );
    // A provincial memo: its province is addressed, with the words that made it so.
    let text = env.stdout(&["show", &format!("docs/{}", doc("000"))]);
    assert!(
        text.contains("provinces:  Flevoland   (from or addressed to)"),
        "{text}"
    );
    assert!(text.contains("mentioned only: –"), "{text}");
    assert!(text.contains("scope:      provincial   ("), "{text}");
}
