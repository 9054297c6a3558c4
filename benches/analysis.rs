//! Analyzer throughput: the full Dutch chain against the v1 chain, in the same run, on a slice of
//! the real corpus (`../shared/corpora`, unpacked into `target/bwb`; the bundled `corpus/` is
//! used, and said so, when it is missing). Run with `cargo bench --bench analysis`.
//!
//! Term counts are asserted so that a faster but wrong analyzer fails.

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nota::analysis::dutch::{dutch_analyzer, dutch_v1_analyzer};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// Bytes of real text to analyse.
const SLICE_BYTES: usize = 8 * 1024 * 1024;

fn texts() -> Vec<String> {
    if let Some(texts) = corpus::real_texts(SLICE_BYTES) {
        return texts.into_iter().map(|(_, text)| text).collect();
    }
    println!("analysis bench: ../shared/corpora is missing; using corpus/ instead");
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    corpus::text_files(&bundled)
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect()
}

fn count_terms(analyzer: &mut TextAnalyzer, texts: &[String]) -> usize {
    let mut n = 0;
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            n += 1;
        }
    }
    n
}

fn analyzers(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let v1_terms = count_terms(&mut dutch_v1_analyzer(), &texts);
    let new_terms = count_terms(&mut dutch_analyzer(), &texts);
    println!(
        "{} texts, {:.1} MB; terms: v1 {v1_terms}, new {new_terms} ({:+.1}% from compound parts and ellipsis)",
        texts.len(),
        bytes as f64 / 1e6,
        100.0 * (new_terms as f64 / v1_terms as f64 - 1.0)
    );
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("v1", |b| {
        let mut analyzer = dutch_v1_analyzer();
        b.iter(|| assert_eq!(count_terms(&mut analyzer, &texts), v1_terms))
    });
    group.bench_function("new", |b| {
        let mut analyzer = dutch_analyzer();
        b.iter(|| assert_eq!(count_terms(&mut analyzer, &texts), new_terms))
    });
    group.finish();
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
