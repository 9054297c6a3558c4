//! Evaluates the Dutch analysis against the v1 chain, in one run:
//! * recall on `tests/fixtures/morphology.tsv` (rows a search must find) and false matches (rows
//!   it must not), each row indexed as a document and searched for;
//! * index size, new over v1, on a slice of the real corpus (`../shared/corpora`, unpacked into
//!   `target/bwb`; said so when missing).
//!
//! Run with `cargo bench --bench eval_analysis`.

use std::path::Path;

#[path = "support/corpus.rs"]
mod corpus;

use nota::analysis::dutch::{dutch_v1_analyzer, exact_analyzer};
use nota::analysis::{DUTCH, EXACT};
use nota::index::signature::Signature;
use nota::index::{document, schema, size_on_disk, Fields};
use nota::metadata::DocMeta;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, IndexWriter, TantivyDocument};

/// Real-corpus bytes indexed for the size comparison (`NOTA_EVAL_MB` sets another amount).
const SIZE_SLICE_BYTES: usize = 40 * 1024 * 1024;

#[derive(Clone, Copy, PartialEq)]
enum Chain {
    V1,
    New,
}

fn v1_manager() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(DUTCH, dutch_v1_analyzer());
    manager.register(EXACT, exact_analyzer());
    manager
}

fn create(dir: Option<&Path>, chain: Chain) -> (Index, Fields) {
    let index = match dir {
        Some(d) => Index::create_in_dir(d, schema::schema()).expect("index"),
        None => Index::create_in_ram(schema::schema()),
    };
    match chain {
        Chain::New => nota::index::handoff::register(
            index.tokenizers(),
            &nota::index::handoff::Handoff::new(),
        ),
        Chain::V1 => {
            index.tokenizers().register(DUTCH, dutch_v1_analyzer());
            index.tokenizers().register(EXACT, exact_analyzer());
        }
    }
    let fields = Fields::of(&index.schema()).expect("fields");
    (index, fields)
}

fn add_all(index: &Index, fields: &Fields, texts: &[(String, String)]) {
    let mut writer: IndexWriter = index.writer(200_000_000).expect("writer");
    // The same (empty) signature for every document: the comparison is of the analyzers.
    let signature = Signature::of_terms::<&str>(&[]);
    for (path, text) in texts {
        let meta = DocMeta {
            title: path.clone(),
            ..DocMeta::default()
        };
        writer
            .add_document(document::build(fields, path, "-", text, &meta, &signature))
            .expect("add");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
}

fn morphology(chain: Chain) -> (usize, usize, usize, usize) {
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/morphology.tsv"),
    )
    .expect("morphology.tsv");
    let rows: Vec<(String, String, bool)> = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_string(), c[1].to_string(), c[2].trim() == "1")
        })
        .collect();
    let (index, fields) = create(None, chain);
    let texts: Vec<(String, String)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("row{i}"), r.1.clone()))
        .collect();
    add_all(&index, &fields, &texts);
    let searcher = index.reader().expect("reader").searcher();
    let (mut found, mut must, mut false_hits, mut must_not) = (0, 0, 0, 0);
    for (i, (query, _, must_match)) in rows.iter().enumerate() {
        let parsed = match chain {
            Chain::New => {
                let known = |w: &str| nota::analysis::filters::decompound::is_word(w);
                let expander = nota::search::expand::Expander {
                    signals: Default::default(),
                    known: &known,
                };
                nota::search::query::text_query(
                    &index,
                    &fields,
                    &nota::analysis::dutch::query_analyzers(),
                    query,
                    &expander,
                )
                .expect("query")
                .all
            }
            Chain::V1 => {
                let mut parser = QueryParser::new(
                    index.schema(),
                    vec![fields.title, fields.body],
                    v1_manager(),
                );
                parser.set_conjunction_by_default();
                parser.parse_query(query).expect("query")
            }
        };
        let hits = searcher
            .search(parsed.as_ref(), &TopDocs::with_limit(100).order_by_score())
            .expect("search");
        let hit = hits.iter().any(|(_, addr)| {
            let doc: TantivyDocument = searcher.doc(*addr).expect("doc");
            document::read(&fields, &doc).is_some_and(|d| d.path == format!("row{i}"))
        });
        if *must_match {
            must += 1;
            found += usize::from(hit);
        } else {
            must_not += 1;
            false_hits += usize::from(hit);
        }
    }
    (found, must, false_hits, must_not)
}

fn real_texts() -> Option<Vec<(String, String)>> {
    let limit = std::env::var("NOTA_EVAL_MB")
        .ok()
        .and_then(|mb| mb.parse::<usize>().ok())
        .map_or(SIZE_SLICE_BYTES, |mb| mb * 1024 * 1024);
    let texts = corpus::real_texts(limit)?;
    Some(
        texts
            .into_iter()
            .map(|(path, text)| (path.display().to_string(), text))
            .collect(),
    )
}

fn main() {
    println!("morphology.tsv (must find: found / rows; must not find: wrongly found / rows)");
    for (name, chain) in [("v1 ", Chain::V1), ("new", Chain::New)] {
        let (found, must, false_hits, must_not) = morphology(chain);
        println!(
            "  {name}: recall {found}/{must} ({:.0}%), false matches {false_hits}/{must_not}",
            100.0 * found as f64 / must as f64
        );
    }
    let Some(texts) = real_texts() else {
        println!("index size: ../shared/corpora is missing; not measured");
        return;
    };
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut sizes = Vec::new();
    for chain in [Chain::V1, Chain::New] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (index, fields) = create(Some(dir.path()), chain);
        add_all(&index, &fields, &texts);
        sizes.push(size_on_disk(dir.path()));
    }
    println!(
        "index size on {} real documents ({:.1} MB of text): v1 {:.1} MB, new {:.1} MB, new/v1 = {:.3}",
        texts.len(),
        bytes as f64 / 1e6,
        sizes[0] as f64 / 1e6,
        sizes[1] as f64 / 1e6,
        sizes[1] as f64 / sizes[0] as f64
    );
}
