//! `--index http://HOST:PORT/NAME`: nota's index on a real OpenSearch node, started once for
//! this test binary by `tests/opensearch/node.sh` (OpenSearch 2.19 from Maven Central; needs
//! Java 17 and mvn). Where the node cannot start, each test says why and passes, unless
//! `NOTA_REQUIRE_OPENSEARCH=1` (set by `.ci/run`, which installs what it needs).

use std::process::Command;
use std::sync::OnceLock;

use crate::common::{self, doc, nota_bin, project_dir, Env, Server};

/// The running node's base URL, or why there is none.
fn node() -> Result<&'static str, &'static str> {
    static NODE: OnceLock<Result<String, String>> = OnceLock::new();
    let started = NODE.get_or_init(|| {
        let out = node_script("target/opensearch-tests", "19400", &["start"])
            .map_err(|e| format!("cannot run tests/opensearch/node.sh: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(format!(
                "node.sh start failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    });
    match started {
        Ok(url) => Ok(url.as_str()),
        Err(why) => {
            let required = std::env::var("NOTA_REQUIRE_OPENSEARCH").is_ok_and(|v| v == "1");
            assert!(!required, "NOTA_REQUIRE_OPENSEARCH=1 but {why}");
            eprintln!("skipped: no OpenSearch node ({why})");
            Err(why.as_str())
        }
    }
}

/// The URL of a fresh index named `name` on the node (any index of that name is deleted).
fn fresh_index(base: &str, name: &str) -> String {
    let _ = ureq::delete(&format!("{base}/{name}")).call();
    format!("{base}/{name}")
}

/// The sample corpus indexed into the folder and into a fresh index `name` on the node.
fn indexed_twice(base: &str, name: &str) -> (Env, String) {
    let env = Env::with_corpus();
    let index = fresh_index(base, name);
    stdout_on(&env, &index, &["index", "docs"]);
    env.index(&["docs"]);
    (env, index)
}

/// `nota --index INDEX ARGS…` in `env`'s working folder.
fn on(env: &Env, index: &str, args: &[&str]) -> std::process::Output {
    on_with(env, index, &[], args)
}

/// `nota --index INDEX ARGS…` with the environment variables `vars` set.
fn on_with(env: &Env, index: &str, vars: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    Command::new(nota_bin())
        .current_dir(env.path(""))
        .env("NO_COLOR", "1")
        .envs(vars.iter().copied())
        .args(["--index", index])
        .args(args)
        .output()
        .expect("run nota")
}

/// What `nota --index INDEX ARGS…` printed, which must succeed.
fn stdout_on(env: &Env, index: &str, args: &[&str]) -> String {
    stdout_with(env, index, &[], args)
}

/// What `nota --index INDEX ARGS…` with `vars` set printed, which must succeed.
fn stdout_with(env: &Env, index: &str, vars: &[(&str, &str)], args: &[&str]) -> String {
    let out = on_with(env, index, vars, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn stats(env: &Env, index: &str) -> serde_json::Value {
    let out = stdout_on(env, index, &["stats", "--json"]);
    serde_json::from_str(&out).expect("stats --json prints JSON")
}

/// Some hundreds of short texts for `env`'s `docs/more/`: the sample memos cut into pieces of
/// about 140 characters at spaces (some 300).
fn more_texts(env: &Env) -> usize {
    let mut count = 0;
    for file in common::corpus_files() {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let mut piece = String::new();
        for word in text.split_whitespace() {
            piece.push_str(word);
            piece.push(' ');
            if piece.len() >= 140 {
                env.write(&format!("docs/more/{count:04}.txt"), &piece);
                count += 1;
                piece.clear();
            }
        }
    }
    count
}

#[test]
fn the_sample_corpus_goes_to_the_cluster_and_re_runs_send_only_what_changed() {
    let Ok(base) = node() else { return };
    let env = Env::with_corpus();
    let index = fresh_index(base, "nota-rerun");
    let more = more_texts(&env);
    assert!(more >= 200, "{more} texts");
    let all = 5 + more;
    let run = |args: &[&str]| {
        let mut full = vec!["index"];
        full.extend_from_slice(args);
        stdout_on(&env, &index, &full)
    };
    assert_eq!(
        run(&["docs"]),
        format!("{all} added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 failed")
    );
    assert_eq!(
        run(&["docs"]),
        format!("0 added, 0 updated, 0 removed, {all} unchanged, 0 skipped, 0 failed")
    );
    // The cluster counts what the local index counts.
    env.index(&["docs"]);
    let (local, remote) = (env.stdout(&["stats", "--json"]), stats(&env, &index));
    let local: serde_json::Value = serde_json::from_str(&local).unwrap();
    assert_eq!(remote["documents"], all);
    assert_eq!(remote["facets"], local["facets"], "facet counts differ");
    // Change one, delete one, add one.
    let changed = env.path(&format!("docs/{}", doc("004")));
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nNaschrift: de kwartiermaker onderzoekt de zorgcoöperaties.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(env.path(&format!("docs/{}", doc("002")))).unwrap();
    env.write("docs/nieuw.txt", "Memo over mantelzorg in Drenthe, 2021.");
    assert_eq!(
        run(&["docs"]),
        format!(
            "1 added, 1 updated, 1 removed, {} unchanged, 0 skipped, 0 failed",
            all - 2
        )
    );
    assert_eq!(stats(&env, &index)["documents"], all);
    // What a direct OpenSearch user finds in `body_terms`: Dutch stems, compound parts and
    // synonyms.
    let hits = |field: &str, word: &str| -> u64 {
        let body = serde_json::json!({"query": {"match": {field: word}}});
        let mut answer = ureq::post(&format!("{index}/_search"))
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .expect("search the cluster");
        let answer: serde_json::Value =
            serde_json::from_str(&answer.body_mut().read_to_string().unwrap()).unwrap();
        answer["hits"]["total"]["value"].as_u64().unwrap()
    };
    assert!(hits("body_terms", "kwartiermakers") >= 1, "stems");
    assert!(hits("body_terms", "mantelzorgers") >= 1, "stems");
    assert_eq!(
        hits("body_terms", "mantelzorgers"),
        hits("body_terms", "mantelzorger")
    );
    // A compound's part finds the compound ("kwartiermaker").
    assert!(hits("body_terms", "kwartier") >= 1, "compound parts");
    // Synonyms at search time: `gs` is `gedeputeerde staten`, which the memos write out.
    assert!(hits("body_terms", "gs") >= 1, "synonyms");
}

#[test]
fn searches_on_the_cluster_find_what_the_folder_finds() {
    let Ok(base) = node() else { return };
    let (env, index) = indexed_twice(base, "nota-search");
    for args in [
        vec!["jeugdzorg"],
        vec!["eenzaamheid ouderen"],
        vec!["\"gedeputeerde staten\""],
        vec!["zorg -jeugd"],
        vec!["mantelzorg", "--province", "flevoland"],
        vec!["zorg", "--year", "2010..2015"],
        vec!["--theme", "ouderen"],
        vec!["leer plicht"],
        vec!["zorg", "--role", "verbinder"],
        vec!["--type", "notitie"],
        // Fewer than a page hold all three words: the page goes on with most of them.
        vec!["eenzaamheid ouderen jeugdzorg"],
        vec!["zorg", "--sort", "date"],
    ] {
        let mut full = vec!["search", "--json"];
        full.extend(args.iter().copied());
        let local: serde_json::Value = serde_json::from_str(&env.stdout(&full)).unwrap();
        let remote: serde_json::Value =
            serde_json::from_str(&stdout_on(&env, &index, &full)).unwrap();
        assert_eq!(remote["total"], local["total"], "{args:?}");
        assert_eq!(remote["facets"], local["facets"], "{args:?}");
        let paths = |v: &serde_json::Value| -> Vec<String> {
            v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| format!("{} {}", h["path"], h["partial"]))
                .collect()
        };
        let (mut a, mut b) = (paths(&local), paths(&remote));
        a.sort();
        b.sort();
        assert_eq!(a, b, "{args:?}");
        if let Some(hit) = remote["hits"].as_array().unwrap().first() {
            assert!(!hit["snippet"].as_str().unwrap().is_empty(), "{args:?}");
        }
    }
    // Precedents: the same documents, each with why.
    let source = format!("docs/{}", doc("001"));
    let local: serde_json::Value =
        serde_json::from_str(&env.stdout(&["similar", "--json", &source])).unwrap();
    let remote: serde_json::Value =
        serde_json::from_str(&stdout_on(&env, &index, &["similar", "--json", &source])).unwrap();
    assert_eq!(remote["total"], local["total"]);
    let paths = |v: &serde_json::Value| -> std::collections::BTreeSet<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(paths(&remote), paths(&local));
    assert!(
        !paths(&remote).contains(&source),
        "the source itself is left out"
    );
    let first = &remote["hits"][0];
    assert!(
        !first["why"]["terms"].as_array().unwrap().is_empty(),
        "{first}"
    );
    // One document, as on a folder.
    let shown = stdout_on(&env, &index, &["show", &source, "--json"]);
    let local_shown = env.stdout(&["show", &source, "--json"]);
    assert_eq!(shown.trim(), local_shown.trim());
    let out = on(&env, &index, &["show", "docs/nope.txt"]);
    assert_eq!(out.status.code(), Some(2));
    // Near-duplicates: a copy of a memo is grouped with it, as on a folder.
    std::fs::copy(env.path(&source), env.path("docs/copy.txt")).unwrap();
    stdout_on(&env, &index, &["index", "docs"]);
    env.index(&["docs"]);
    let local = env.stdout(&["duplicates", "--json"]);
    let remote = stdout_on(&env, &index, &["duplicates", "--json"]);
    assert_eq!(remote.trim(), local.trim());
    assert!(remote.contains("docs/copy.txt"), "{remote}");
    // --collapse folds the copy into its original, as on a folder.
    let folded = |out: String| -> (serde_json::Value, serde_json::Value) {
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        (v["collapsed"].clone(), v["total"].clone())
    };
    let args = ["search", "--json", "--collapse", "kwetsbare"];
    let (local, remote) = (
        folded(env.stdout(&args)),
        folded(stdout_on(&env, &index, &args)),
    );
    assert_eq!(remote, local);
    assert_eq!(remote.0, 1, "one copy folded");
    std::fs::remove_file(env.path("docs/copy.txt")).unwrap();
    stdout_on(&env, &index, &["index", "docs"]);
    // Removing a document.
    assert_eq!(stdout_on(&env, &index, &["remove", &source]), "1 removed");
    assert_eq!(stats(&env, &index)["documents"], 4);
    // A query the syntax cannot read is searched as words, with a note; --strict refuses it.
    let out = on(&env, &index, &["search", "artikel 4:8 Awb ("]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = on(&env, &index, &["search", "--strict", "(jeugd"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_document_the_cluster_refuses_is_that_file_s_failure_and_the_rest_goes_in() {
    let Ok(base) = node() else { return };
    let env = Env::with_corpus();
    let index = fresh_index(base, "nota-refused");
    stdout_on(&env, &index, &["index", "docs"]);
    // The cluster refuses every write to the index while its write block is on: each document
    // of the batch comes back refused.
    let block = |on: bool| {
        ureq::put(&format!("{index}/_settings"))
            .header("Content-Type", "application/json")
            .send(serde_json::json!({"index.blocks.write": on}).to_string())
            .expect("set the write block");
    };
    block(true);
    env.write("docs/nieuw.txt", "Memo over mantelzorg in Drenthe, 2021.");
    let out = on(&env, &index, &["index", "docs"]);
    block(false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stdout.trim(),
        "0 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 1 failed (1 rejected by the cluster)",
        "{stderr}"
    );
    assert!(stderr.contains("nieuw.txt"), "{stderr}");
    assert!(stderr.contains("rejected by the cluster"), "{stderr}");
    // Once the cluster takes it again, the next run sends it.
    assert_eq!(
        stdout_on(&env, &index, &["index", "docs"]),
        "1 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 0 failed"
    );
}

#[test]
fn a_stopped_node_a_bad_url_and_a_missing_index_are_told_in_plain_words() {
    let env = Env::new();
    let fails = |index: &str, says: &str| {
        let out = on(&env, index, &["stats"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{index}: {stderr}");
        assert!(stderr.contains(says), "{index}: {stderr}");
    };
    // Nothing listens on this port.
    fails("http://127.0.0.1:9/nota", "cannot reach the cluster");
    fails("http://127.0.0.1:9200", "names no index");
    fails("http://127.0.0.1:9200/Nota", "not an OpenSearch index name");
    let Ok(base) = node() else { return };
    fails(&format!("{base}/no-such-index"), "there is no index");
}

#[test]
fn refused_credentials_say_where_to_give_them_and_never_print_the_password() {
    // A server that answers every request as a cluster with security does to a wrong password.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            use std::io::{Read, Write};
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let body = r#"{"error":"Unauthorized"}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let env = Env::new();
    let index = format!("http://ann:geheim123@127.0.0.1:{port}/nota");
    let out = on(&env, &index, &["stats"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refused the user and password"), "{stderr}");
    assert!(stderr.contains("NOTA_OPENSEARCH_USER"), "{stderr}");
    assert!(
        !stderr.contains("geheim123"),
        "the password is printed: {stderr}"
    );
}

/// `tests/opensearch/node.sh ARGS…` for the cluster in `home` (under the project) on `port`,
/// stopped when this test binary ends.
fn node_script(home: &str, port: &str, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("bash")
        .arg(project_dir().join("tests/opensearch/node.sh"))
        .args(args)
        .env("NOTA_OPENSEARCH_HOME", project_dir().join(home))
        .env("NOTA_OPENSEARCH_PORT", port)
        .env("NOTA_OPENSEARCH_OWNER_PID", std::process::id().to_string())
        .output()
}

/// `node.sh` for the two-node cluster of `two_nodes_keep_answering…`.
fn two_node_script(args: &[&str]) -> std::process::Output {
    node_script("target/opensearch-tests-2", "19600", args).expect("run node.sh")
}

/// The cluster's health status once it is `status` (or the wait timed out).
fn health(base: &str, status: &str) -> String {
    let url = format!("{base}/_cluster/health?wait_for_status={status}&timeout=60s");
    let mut answer = ureq::get(&url).call().expect("cluster health");
    let health: serde_json::Value =
        serde_json::from_str(&answer.body_mut().read_to_string().unwrap()).unwrap();
    health["status"].as_str().unwrap_or_default().to_string()
}

#[test]
fn two_nodes_keep_answering_when_one_stops_and_lose_nothing() {
    // Only where a node can run at all.
    if node().is_err() {
        return;
    }
    let started = two_node_script(&["start", "--nodes", "2"]);
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    let base = String::from_utf8_lossy(&started.stdout).trim().to_string();
    let env = Env::with_corpus();
    let index = format!("{base}/nota-two");
    let copies = [
        ("NOTA_OPENSEARCH_SHARDS", "2"),
        ("NOTA_OPENSEARCH_REPLICAS", "1"),
    ];
    let run = |args: &[&str]| stdout_with(&env, &index, &copies, args);
    run(&["index", "docs"]);
    assert_eq!(health(&base, "green"), "green");
    let searches = || -> Vec<String> {
        [
            vec!["search", "--json", "jeugdzorg"],
            vec!["search", "--json", "--theme", "ouderen"],
        ]
        .iter()
        .map(|args| {
            let answer: serde_json::Value = serde_json::from_str(&run(args)).unwrap();
            format!(
                "{} {} {}",
                answer["total"], answer["facets"], answer["hits"]
            )
        })
        .collect()
    };
    let before = searches();
    // An index without replicas beside it, to go red when a node goes.
    let unreplicated = format!("{base}/nota-one-copy");
    let one_copy = [
        ("NOTA_OPENSEARCH_SHARDS", "2"),
        ("NOTA_OPENSEARCH_REPLICAS", "0"),
    ];
    stdout_with(&env, &unreplicated, &one_copy, &["index", "docs"]);
    // One node goes: the other has a copy of every shard of the replicated index.
    let stopped = two_node_script(&["stop", "n2"]);
    assert!(stopped.status.success());
    assert_eq!(searches(), before, "the same answers from one node");
    // The other index lost a shard: said in plain words.
    let out = on(&env, &unreplicated, &["stats"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is red"), "{stderr}");
    // A re-run while it is away.
    let changed = env.path(&format!("docs/{}", doc("004")));
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nNaschrift: de kwartiermaker onderzoekt de zorgcoöperaties.\n");
    std::fs::write(&changed, text).unwrap();
    assert_eq!(
        run(&["index", "docs"]),
        "0 added, 1 updated, 0 removed, 4 unchanged, 0 skipped, 0 failed"
    );
    // Back: green again, and nothing lost.
    let restarted = two_node_script(&["restart", "n2"]);
    assert!(restarted.status.success());
    assert_eq!(health(&base, "green"), "green");
    assert_eq!(
        run(&["index", "docs"]),
        "0 added, 0 updated, 0 removed, 5 unchanged, 0 skipped, 0 failed"
    );
    let found: serde_json::Value =
        serde_json::from_str(&run(&["search", "--json", "kwartiermaker"])).unwrap();
    assert_eq!(found["total"], 1);
    let stats: serde_json::Value = serde_json::from_str(&run(&["stats", "--json"])).unwrap();
    assert_eq!(stats["documents"], 5);
    two_node_script(&["stop"]);
}

#[test]
fn the_search_page_s_api_answers_from_the_cluster() {
    let Ok(base) = node() else { return };
    let (env, index) = indexed_twice(base, "nota-serve");
    let (remote, local) = (Server::start_on(&env, &index), Server::start(&env));
    for path in [
        "/api/search?q=jeugdzorg",
        "/api/search?q=zorg&province=flevoland",
        "/api/stats",
    ] {
        let (a, b) = (local.json(path), remote.json(path));
        assert_eq!(b["total"], a["total"], "{path}");
        assert_eq!(b["facets"], a["facets"], "{path}");
    }
    let source = format!("docs/{}", doc("001"));
    let shown = remote.json(&format!("/api/doc?path={source}&q=zorg"));
    assert_eq!(shown["path"], source.as_str());
    assert!(
        shown["body_parts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|part| part[1] == true),
        "the query's words are marked"
    );
    let similar = remote.json(&format!("/api/similar?path={source}"));
    assert!(!similar["hits"].as_array().unwrap().is_empty());
}
