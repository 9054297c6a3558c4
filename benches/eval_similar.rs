//! Evaluation of precedent search and near-duplicate detection on the real corpus.
//!
//!     cargo bench --bench eval_similar
//!
//! 1. Indexes the real corpus (`../shared/corpora`, 15,251 texts), the five sample memos of
//!    `corpus/`, and planted copies (20 corpus texts saved again as DOCX, and the same 20 with
//!    another letterhead) into `target/eval-similar/index` (re-runs only update it).
//! 2. For each source in `tests/precedents/judgments.toml`: precision@5 and recall@10 of
//!    `nota similar` against a baseline in the same run — a plain BM25 query (OR) of the same
//!    top terms, without weights or theme/role agreement.
//! 3. `nota duplicates`: whether every planted copy is grouped with its original, and the groups
//!    without a planted copy (to be judged by reading; a sample is printed).
//! 4. Warm latency of `nota similar` for a ~10-page source, against a two-word search.
//!
//! Says so and stops when `../shared` is missing.

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use nota::index::{self, document, run as index_run, NotaIndex};
use nota::metadata::Taxonomy;
use nota::search::duplicates::{duplicates, DEFAULT_THRESHOLD};
use nota::search::similar::{distinctive_terms, similar, Source};
use nota::search::{self, Filters, Request, Sort};

#[derive(Deserialize)]
struct Judgments {
    source: Vec<Judged>,
}

#[derive(Deserialize)]
struct Judged {
    id: String,
    title: String,
    precedents: Vec<(String, String)>,
}

/// How many corpus texts are planted again as copies.
const PLANTED: usize = 20;

/// The stored key of a judged id: a BWB id is found by file stem, a `corpus/…` path is as is.
fn key_of(id: &str, keys: &BTreeMap<String, String>) -> Option<String> {
    if id.starts_with("corpus/") {
        return Some(id.to_string());
    }
    keys.get(id).cloned()
}

fn stem(key: &str) -> String {
    Path::new(key)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Writes `text` as a real DOCX: one paragraph per line.
fn write_docx(path: &Path, text: &str) {
    let file = std::fs::File::create(path).expect("create docx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).expect("zip");
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for line in text.lines() {
        let escaped = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        xml.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>"
        ));
    }
    xml.push_str("</w:body></w:document>");
    zip.write_all(xml.as_bytes()).expect("zip");
    zip.finish().expect("zip");
}

/// Plants, for `PLANTED` texts of 2–20 kB not among the judged ones, a DOCX copy and a copy with
/// another letterhead; returns (original stem, copy stems).
fn plant(files: &[PathBuf], judged: &HashSet<String>, dir: &Path) -> Vec<(String, Vec<String>)> {
    std::fs::create_dir_all(dir).expect("planted dir");
    let mut planted = Vec::new();
    for file in files.iter().step_by(97) {
        if planted.len() == PLANTED {
            break;
        }
        let id = stem(&file.display().to_string());
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        if judged.contains(&id) || !(2_000..20_000).contains(&text.len()) {
            continue;
        }
        let docx = format!("{id}-kopie");
        write_docx(&dir.join(format!("{docx}.docx")), &text);
        let letterhead = format!("{id}-briefkop");
        let body: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
        std::fs::write(
            dir.join(format!("{letterhead}.txt")),
            format!("Provincie Gelderland\nAfdeling Juridische Zaken\nKenmerk 2024-{id}\n\n{body}"),
        )
        .expect("write copy");
        planted.push((id, vec![docx, letterhead]));
    }
    planted
}

fn stored_keys(nota: &NotaIndex) -> BTreeMap<String, String> {
    let searcher = nota.reader.searcher();
    let prints = index::stored_fingerprints(&searcher).expect("fingerprints");
    prints.into_keys().map(|k| (stem(&k), k)).collect()
}

fn baseline(nota: &NotaIndex, source_key: &str, text: &str) -> Vec<String> {
    let fields = &nota.fields;
    let terms = distinctive_terms(nota, text);
    let should: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| {
            let term = Term::from_field_text(fields.body, &t.term);
            (
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as Box<dyn Query>,
            )
        })
        .collect();
    let query = BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(BooleanQuery::new(should)) as Box<dyn Query>,
        ),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.path, source_key),
                IndexRecordOption::Basic,
            )),
        ),
    ]);
    let searcher = nota.reader.searcher();
    let top = searcher
        .search(&query, &TopDocs::with_limit(10).order_by_score())
        .expect("search");
    top.into_iter()
        .filter_map(|(_, address)| {
            let doc: TantivyDocument = searcher.doc(address).ok()?;
            document::read(fields, &doc).map(|d| d.path)
        })
        .collect()
}

fn precision_recall(found: &[String], relevant: &HashSet<String>) -> (f64, f64) {
    let hits = |n: usize| {
        found
            .iter()
            .take(n)
            .filter(|k| relevant.contains(*k))
            .count()
    };
    (
        hits(5) as f64 / 5.0,
        hits(10) as f64 / relevant.len().max(1) as f64,
    )
}

fn median_ms(mut runs: Vec<f64>) -> (f64, f64) {
    runs.sort_by(f64::total_cmp);
    let p95 = runs[((runs.len() as f64 * 0.95) as usize).min(runs.len() - 1)];
    (runs[runs.len() / 2], p95)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let Some(real) = corpus::real_corpus() else {
        println!(
            "eval_similar: ../shared/corpora is missing; this evaluation needs the real corpus"
        );
        return;
    };
    let judgments: Judgments = toml::from_str(
        &std::fs::read_to_string(root.join("tests/precedents/judgments.toml")).expect("judgments"),
    )
    .expect("judgments parse");
    let judged: HashSet<String> = judgments
        .source
        .iter()
        .flat_map(|s| std::iter::once(s.id.clone()).chain(s.precedents.iter().map(|p| p.0.clone())))
        .collect();
    let work = root.join("target/eval-similar");
    let files = corpus::text_files(&real.join("docs"));
    let planted = plant(&files, &judged, &work.join("planted"));

    std::env::set_current_dir(&root).expect("cd");
    let taxonomy = Taxonomy::builtin();
    let index_dir = work.join("index");
    let roots = [
        real.join("docs"),
        PathBuf::from("corpus"),
        work.join("planted"),
    ];
    let started = Instant::now();
    let summary = index_run::run(&index_run::RunOptions::new(&index_dir, &roots, &taxonomy))
        .expect("indexing");
    println!(
        "index: {summary} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let nota = index::open(&index_dir).expect("open");
    let keys = stored_keys(&nota);

    // 2. Precision@5 and recall@10 against the baseline.
    println!("\nsource                               nota P@5 R@10   baseline P@5 R@10");
    let mut totals = BTreeMap::<&str, [f64; 5]>::new();
    for judged in &judgments.source {
        let Some(key) = key_of(&judged.id, &keys) else {
            println!("  {} is not in the index; skipped", judged.id);
            continue;
        };
        let relevant: HashSet<String> = judged
            .precedents
            .iter()
            .filter_map(|(id, _)| key_of(id, &keys))
            .collect();
        let stored = document::find(&nota, &key).expect("find").expect("indexed");
        let source = Source {
            name: key.clone(),
            text: stored.body.clone(),
            exclude_path: Some(key.clone()),
        };
        let results = similar(&nota, &source, &taxonomy, &Filters::default(), 10).expect("similar");
        let found: Vec<String> = results.hits.iter().map(|h| h.hit.path.clone()).collect();
        let (p, r) = precision_recall(&found, &relevant);
        let (bp, br) = precision_recall(&baseline(&nota, &key, &stored.body), &relevant);
        let group = if judged.id.starts_with("corpus/") {
            "sample memos"
        } else {
            "real corpus"
        };
        for g in [group, "all"] {
            let t = totals.entry(g).or_default();
            t[0] += p;
            t[1] += r;
            t[2] += bp;
            t[3] += br;
            t[4] += 1.0;
        }
        println!(
            "{:<36} {:>8.2} {:>4.2}   {:>12.2} {:>4.2}",
            judged.title.chars().take(36).collect::<String>(),
            p,
            r,
            bp,
            br
        );
    }
    for (group, t) in &totals {
        let n = t[4];
        println!(
            "mean over {n} ({group}): nota P@5 {:.3} R@10 {:.3}; baseline P@5 {:.3} R@10 {:.3}",
            t[0] / n,
            t[1] / n,
            t[2] / n,
            t[3] / n
        );
    }

    // 3. Near-duplicates.
    let started = Instant::now();
    let found = duplicates(&nota, DEFAULT_THRESHOLD).expect("duplicates");
    let took = started.elapsed().as_secs_f64();
    let group_of: BTreeMap<String, usize> = found
        .groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.documents.iter().map(move |d| (stem(&d.path), g)))
        .collect();
    let mut caught = 0;
    for (original, copies) in &planted {
        let together = copies
            .iter()
            .all(|c| group_of.contains_key(c) && group_of.get(c) == group_of.get(original));
        if together {
            caught += 1;
        } else {
            println!("  missed: {original} with {copies:?}");
        }
    }
    let planted_stems: HashSet<&str> = planted
        .iter()
        .flat_map(|(o, c)| std::iter::once(o.as_str()).chain(c.iter().map(String::as_str)))
        .collect();
    let other: Vec<_> = found
        .groups
        .iter()
        .filter(|g| {
            !g.documents
                .iter()
                .any(|d| planted_stems.contains(stem(&d.path).as_str()))
        })
        .collect();
    println!(
        "\nduplicates (threshold {DEFAULT_THRESHOLD}) over {} documents in {took:.2} s: {} groups; \
         planted originals grouped with both copies: {caught} of {}; groups without a planted copy: {}",
        found.documents,
        found.groups.len(),
        planted.len(),
        other.len()
    );
    for group in other.iter().take(12) {
        println!("  {:.2}:", group.similarity);
        for d in group.documents.iter().take(4) {
            println!(
                "      {} · {}",
                stem(&d.path),
                d.title.chars().take(90).collect::<String>()
            );
        }
    }

    // 4. Warm latency for a ~10-page source (Aanwijzing kindermishandeling, 36 kB).
    if let Some(key) = key_of("BWBR0028884", &keys) {
        let stored = document::find(&nota, &key).expect("find").expect("indexed");
        let source = Source {
            name: key.clone(),
            text: stored.body.clone(),
            exclude_path: Some(key),
        };
        let request = Request {
            query: "huiselijk geweld".into(),
            filters: Filters::default(),
            limit: 10,
            sort: Sort::Relevance,
            collapse: false,
            strict: false,
            all_words: false,
            signals: Default::default(),
        };
        let mut similar_runs = Vec::new();
        let mut search_runs = Vec::new();
        for round in 0..23 {
            let t = Instant::now();
            similar(&nota, &source, &taxonomy, &Filters::default(), 10).expect("similar");
            let s = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            search::search(&nota, &request).expect("search");
            let q = t.elapsed().as_secs_f64() * 1e3;
            if round >= 3 {
                similar_runs.push(s);
                search_runs.push(q);
            }
        }
        let (sim_median, sim_p95) = median_ms(similar_runs);
        let (search_median, _) = median_ms(search_runs);
        println!(
            "\nsimilar, {} kB source ({} words): median {sim_median:.1} ms, p95 {sim_p95:.1} ms warm; \
             two-word search median {search_median:.2} ms; ratio {:.1}x",
            stored.body.len() / 1000,
            stored.body.split_whitespace().count(),
            sim_median / search_median
        );
    }
}
