//! `tests/fixtures/morphology.tsv`: each row is a query, a text and whether a search for the
//! query must find the text. Every row goes through the real `nota index` and `nota search`.

use crate::common;

use common::Env;

struct Row {
    query: String,
    text: String,
    must_match: bool,
}

fn rows() -> Vec<Row> {
    let path = common::project_dir().join("tests/fixtures/morphology.tsv");
    std::fs::read_to_string(path)
        .expect("morphology.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Row {
                query: cols[0].to_string(),
                text: cols[1].to_string(),
                must_match: cols[2].trim() == "1",
            }
        })
        .collect()
}

#[test]
fn every_morphology_row_holds() {
    let rows = rows();
    assert!(rows.len() >= 30, "the fixture has its rows");
    let env = Env::new();
    for (i, row) in rows.iter().enumerate() {
        env.write(&format!("docs/row{i:02}.txt"), &row.text);
    }
    env.index(&["docs"]);
    let mut wrong = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let results = env.search(&[&row.query, "--limit", "100"]);
        let name = format!("row{i:02}.txt");
        let found = common::hit_names(&results).contains(&name);
        if found != row.must_match {
            wrong.push(format!(
                "{:?} {} {:?}",
                row.query,
                if row.must_match {
                    "must find"
                } else {
                    "must not find"
                },
                row.text
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} rows fail:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}
