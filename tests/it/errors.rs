//! Wrong flag values: a clear message that lists what is valid, and exit code 2.

use crate::common;

use common::Env;
use predicates::str::contains;

fn indexed() -> Env {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    env
}

#[test]
fn unknown_province_lists_the_provinces() {
    indexed()
        .nota(&["search", "zorg", "--province", "Vlaanderen"])
        .assert()
        .code(2)
        .stderr(contains("unknown province 'Vlaanderen'"))
        .stderr(contains("Fryslân"))
        .stderr(contains("Noord-Brabant"));
}

#[test]
fn unknown_theme_and_role_list_the_labels() {
    let env = indexed();
    env.nota(&["search", "--theme", "klimaat"])
        .assert()
        .code(2)
        .stderr(contains("unknown theme 'klimaat'"))
        .stderr(contains("eenzaamheid"));
    env.nota(&["search", "--role", "koning"])
        .assert()
        .code(2)
        .stderr(contains("unknown role 'koning'"))
        .stderr(contains("regisseur"));
}

#[test]
fn malformed_year_says_what_a_year_looks_like() {
    let env = indexed();
    env.nota(&["search", "--year", "20x0"])
        .assert()
        .code(2)
        .stderr(contains("invalid --year '20x0'"))
        .stderr(contains("2010..2020"));
    env.nota(&["search", "--year", "2020..2010"])
        .assert()
        .code(2)
        .stderr(contains("2010..2020"));
}

#[test]
fn searching_without_index_or_corpus_says_how_to_build_one() {
    Env::new()
        .nota(&["search", "zorg"])
        .assert()
        .code(1)
        .stderr(contains("no index at idx"))
        .stderr(contains("nota index"));
}

#[test]
fn a_malformed_query_is_reported_not_panicked() {
    let env = indexed();
    env.nota(&["search", "--strict", "onbekendveld:zorg"])
        .assert()
        .code(2)
        .stderr(contains("cannot read the query"));
    // Without --strict the unknown field is read as text, and said so.
    env.nota(&["search", "onbekendveld:zorg"])
        .assert()
        .success()
        .stderr(contains("there is no field called onbekendveld"));
}
