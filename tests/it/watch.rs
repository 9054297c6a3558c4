//! `nota watch`: saved searches kept in the index folder, on the real binary. Two are saved and
//! listed, one shows what the same `nota search` finds, invalid filter values and names are
//! refused with what is valid (exit 2), a removed one is gone, and the list survives `nota index`.

use crate::common;

use common::Env;

#[test]
fn saved_searches_are_kept_checked_shown_and_removed() {
    let env = Env::with_corpus();
    env.index(&["docs"]);
    let saved = env.stdout(&[
        "watch",
        "add",
        "jeugd-utrecht",
        "jeugdzorg",
        "--province",
        "utrecht",
    ]);
    assert_eq!(
        saved.trim(),
        "saved jeugd-utrecht: \"jeugdzorg\" --province utrecht"
    );
    env.stdout(&[
        "watch",
        "add",
        "ouderen",
        "eenzaamheid",
        "--theme",
        "ouderen",
        "--year",
        "2010..",
    ]);
    let list = env.stdout(&["watch", "list"]);
    assert_eq!(
        list,
        "jeugd-utrecht\t\"jeugdzorg\" --province utrecht\n\
         ouderen\t\"eenzaamheid\" --theme ouderen --year 2010..\n"
    );
    assert!(env.path("idx/watches.json").exists());

    // What a saved search finds is what the same search finds.
    let shown: serde_json::Value =
        serde_json::from_str(&env.stdout(&["watch", "show", "ouderen", "--json"])).unwrap();
    let same = env.search(&[
        "eenzaamheid",
        "--theme",
        "ouderen",
        "--year",
        "2010..",
        "--all-words",
    ]);
    assert_eq!(shown["results"]["total"], same["total"]);
    assert_eq!(
        common::hit_names(&shown["results"]),
        common::hit_names(&same)
    );
    assert!(same["total"].as_u64().unwrap() > 0);

    // Invalid values and names are refused with what is valid, and nothing is saved.
    for (args, says) in [
        (vec!["zorg", "--province", "atlantis"], "valid provinces"),
        (vec!["zorg", "--year", "20x0"], "2010..2020"),
        (vec!["zorg", "--theme", "kernfusie"], "ouderen"),
    ] {
        let mut full = vec!["watch", "add", "fout"];
        full.extend(args);
        let out = env.nota(&full).assert().code(2).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
    }
    let out = env
        .nota(&["watch", "add", "jeugd-utrecht", "zorg"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("already named"));
    env.nota(&["watch", "add", "met spatie", "zorg"])
        .assert()
        .code(2);
    assert_eq!(env.stdout(&["watch", "list"]), list, "nothing was saved");

    // Kept across an indexing run; removal.
    env.index(&["docs"]);
    assert_eq!(env.stdout(&["watch", "list"]), list);
    env.stdout(&["watch", "remove", "jeugd-utrecht"]);
    assert_eq!(
        env.stdout(&["watch", "list"]),
        "ouderen\t\"eenzaamheid\" --theme ouderen --year 2010..\n"
    );
    let out = env
        .nota(&["watch", "show", "jeugd-utrecht"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("saved: ouderen"));
}
