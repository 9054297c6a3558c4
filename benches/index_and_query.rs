//! Baseline benchmarks for indexing and query latency on copies of the bundled `corpus/`.
//!
//! Run with `cargo bench --bench index_and_query`. Each group has a baseline measured in the same
//! run, so figures can be read as ratios:
//! * `indexing/read_decode` (read and decode the files only) against `indexing/nota_index`
//!   (the full run: extract, derive metadata, analyse, write, commit);
//! * `metadata_overhead/index_no_derive` against `…/index_with_derive`: what deriving provinces,
//!   year, themes, roles, type and author adds to a whole `nota index --rebuild` run, on 8 MB of
//!   real documents from `../shared/corpora` (copies of `corpus/` when it is missing);
//! * `query/count_all` (count every document) against the real queries with facets and snippets.

use std::path::{Path, PathBuf};

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nota::index::{self, run as index_run};
use nota::metadata::Taxonomy;
use nota::search::{self, Filters, Request, Sort, YearRange};

/// The allocator the `nota` binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Copies of the corpus for the indexing bench and for the query index.
const INDEX_COPIES: usize = 100;
const QUERY_COPIES: usize = 300;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus/ exists")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// A folder with `copies` copies of every corpus file; returns it and its total size.
fn copies(copies: usize) -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = 0;
    for i in 0..copies {
        let sub = dir.path().join(format!("copy{i:04}"));
        std::fs::create_dir(&sub).expect("mkdir");
        for file in corpus() {
            let target = sub.join(file.file_name().expect("name"));
            bytes += std::fs::copy(&file, target).expect("copy");
        }
    }
    (dir, bytes)
}

fn build_index(docs: &Path, index_dir: &Path, taxonomy: &Taxonomy) -> index_run::Summary {
    run_index(docs, index_dir, taxonomy, true)
}

/// `nota index --rebuild`, with or without `--no-derive`.
fn run_index(
    docs: &Path,
    index_dir: &Path,
    taxonomy: &Taxonomy,
    derive: bool,
) -> index_run::Summary {
    let roots = [docs.to_path_buf()];
    index_run::run(&index_run::RunOptions {
        rebuild: true,
        derive,
        ..index_run::RunOptions::new(index_dir, &roots, taxonomy)
    })
    .expect("indexing succeeds")
}

fn indexing(c: &mut Criterion) {
    let (docs, bytes) = copies(INDEX_COPIES);
    let taxonomy = Taxonomy::builtin();
    let files = nota::ingest::walk::walk(&[docs.path().to_path_buf()]).files;
    assert_eq!(files.len(), INDEX_COPIES * corpus().len());
    let mut group = c.benchmark_group("indexing");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read_decode", |b| {
        b.iter(|| {
            let mut chars = 0;
            for f in &files {
                let raw = std::fs::read(f).expect("read");
                chars += nota::ingest::decode::decode(&raw).expect("text").len();
            }
            chars
        })
    });
    let out = tempfile::tempdir().expect("temp dir");
    group.bench_function("nota_index", |b| {
        b.iter(|| {
            let summary = build_index(docs.path(), out.path(), &taxonomy);
            assert_eq!(summary.added, files.len());
        })
    });
    group.bench_function("nota_index_unchanged_rerun", |b| {
        b.iter(|| {
            let roots = [docs.path().to_path_buf()];
            let summary =
                index_run::run(&index_run::RunOptions::new(out.path(), &roots, &taxonomy))
                    .expect("indexing succeeds");
            assert_eq!(summary.unchanged, files.len());
        })
    });
    group.finish();
}

/// A folder with real documents (about `bytes` of text from `../shared/corpora`), or copies of
/// `corpus/` when the real corpus is missing (said so).
fn real_slice(bytes: usize) -> (tempfile::TempDir, u64) {
    let Some(texts) = corpus::real_texts(bytes) else {
        println!("metadata_overhead: ../shared/corpora is missing; using copies of corpus/");
        return copies(INDEX_COPIES);
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut total = 0;
    for (i, (_, text)) in texts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:05}.txt")), text).expect("write");
        total += text.len() as u64;
    }
    (dir, total)
}

fn metadata_overhead(c: &mut Criterion) {
    let (docs, bytes) = real_slice(8 * 1024 * 1024);
    let taxonomy = Taxonomy::builtin();
    let out = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("metadata_overhead");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    // The whole `nota index --rebuild` run on real documents, with `--no-derive` and without it.
    group.bench_function("index_no_derive", |b| {
        b.iter(|| run_index(docs.path(), out.path(), &taxonomy, false))
    });
    group.bench_function("index_with_derive", |b| {
        b.iter(|| run_index(docs.path(), out.path(), &taxonomy, true))
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    let (docs, _) = copies(QUERY_COPIES);
    let out = tempfile::tempdir().expect("temp dir");
    let taxonomy = Taxonomy::builtin();
    build_index(docs.path(), out.path(), &taxonomy);
    let nota = index::open(out.path()).expect("index opens");
    let flevoland = Filters {
        provinces: vec!["Flevoland".to_string()],
        year: Some(YearRange {
            from: Some(2010),
            to: Some(2020),
        }),
        themes: vec!["ouderen".to_string()],
        ..Filters::default()
    };
    let cases: Vec<(&str, &str, Filters)> = vec![
        ("count_all", "", Filters::default()),
        ("one_word", "eenzaamheid", Filters::default()),
        ("two_words", "eenzaamheid ouderen", Filters::default()),
        ("phrase", "\"sociaal domein\"", Filters::default()),
        (
            "words_with_filters",
            "eenzaamheid ouderen",
            flevoland.clone(),
        ),
        ("filters_only", "", flevoland),
    ];
    let mut group = c.benchmark_group("query");
    for (name, text, filters) in cases {
        let request = Request {
            query: text.to_string(),
            filters,
            limit: if name == "count_all" { 0 } else { 10 },
            sort: Sort::Relevance,
            collapse: false,
            strict: false,
            all_words: false,
            signals: Default::default(),
        };
        let expected = search::search(&nota, &request).expect("search").total;
        assert!(expected > 0, "{name} must match something");
        group.bench_with_input(BenchmarkId::from_parameter(name), &request, |b, r| {
            b.iter(|| {
                let results = search::search(&nota, r).expect("search");
                assert_eq!(results.total, expected);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, indexing, metadata_overhead, queries);
criterion_main!(benches);
