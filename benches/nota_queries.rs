//! Warm query latency of nota per query class, for the side-by-side run with the peer engines
//! (`bash benches/peers.sh`). Not a criterion bench: it prints one JSON line per class.
//!
//!     NOTA_INDEX=DIR NOTA_QUERIES=queries.tsv REPS=20 cargo bench --bench nota_queries
//!
//! Classes: the peers' query set (`or`/`and` lines of `../shared/bench/peers/gen_queries.py`,
//! run as nota queries: `and` as nota's default AND, `or` with OR between the words), plus nota's
//! own: phrases, compounds, and words with filters. Each query runs bare (top 10 only, as the
//! peers do) and full (top 10 with snippets and every facet count, as `nota search` does).

use std::time::Instant;

use nota::index;
use nota::search::{self, query, Filters, RawFilters, Request, Signal, Signals, Sort};

/// The ten best documents as nota ranks them (the query, then the best hits rescored with the
/// proximity bonus), without snippets or facets: what the peers' figures are compared with.
fn top10(searcher: &tantivy::Searcher, built: &query::Built) -> Vec<(f32, tantivy::DocAddress)> {
    search::ranked(
        searcher,
        built.all.as_ref(),
        built.near.as_ref(),
        10,
        Sort::Relevance,
    )
    .expect("top")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

/// What each ranking signal costs at query time: the judged collection's queries
/// (`NOTA_RELEVANCE=tests/relevance/queries.tsv`) as `nota search` runs them (top 10, snippets,
/// facets), with every signal and with each one left out; one JSON line per configuration.
/// `NOTA_SIGNALS_ONLY=all` (or `without_proximity`, …) runs one configuration, for counting its
/// instructions under callgrind when the machine is too busy for times to mean much.
fn signal_costs(nota: &index::NotaIndex, file: &str, reps: usize) {
    let queries: Vec<String> = std::fs::read_to_string(file)
        .expect("relevance queries")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(2).map(str::to_string))
        .collect();
    let configs = std::iter::once(("all".to_string(), Signals::default())).chain(
        Signal::ALL
            .iter()
            .map(|s| (format!("without_{s}"), Signals::default().without(*s))),
    );
    let only = std::env::var("NOTA_SIGNALS_ONLY").ok();
    for (name, signals) in configs {
        if only.as_ref().is_some_and(|o| *o != name) {
            continue;
        }
        let searcher = nota.reader.searcher();
        let built: Vec<_> = queries
            .iter()
            .map(|text| query::build(nota, text, &Filters::default(), signals).expect("query"))
            .collect();
        let (mut bare, mut times) = (Vec::new(), Vec::new());
        for _ in 0..reps {
            for (text, q) in queries.iter().zip(&built) {
                let t = Instant::now();
                std::hint::black_box(top10(&searcher, q));
                bare.push(t.elapsed().as_secs_f64() * 1e3);
                let request = Request {
                    query: text.clone(),
                    limit: 10,
                    signals,
                    ..Request::default()
                };
                let t = Instant::now();
                std::hint::black_box(search::search(nota, &request).expect("search"));
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        bare.sort_by(f64::total_cmp);
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"name\":\"nota\",\"signals\":\"{name}\",\"queries\":{},\"bare_p50_ms\":{:.3},\"bare_p99_ms\":{:.3},\"full_p50_ms\":{:.3},\"full_p99_ms\":{:.3}}}",
            queries.len(),
            percentile(&bare, 0.5),
            percentile(&bare, 0.99),
            percentile(&times, 0.5),
            percentile(&times, 0.99)
        );
    }
}

fn main() {
    let Ok(dir) = std::env::var("NOTA_INDEX") else {
        println!("nota_queries: set NOTA_INDEX (and NOTA_QUERIES); see benches/peers.sh");
        return;
    };
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let nota = index::open(std::path::Path::new(&dir)).expect("open index");
    if let Ok(file) = std::env::var("NOTA_RELEVANCE") {
        signal_costs(&nota, &file, reps);
        return;
    }
    let taxonomy = nota::metadata::Taxonomy::builtin();
    let mut classes: Vec<(String, String, Filters)> = Vec::new();
    if let Ok(file) = std::env::var("NOTA_QUERIES") {
        for line in std::fs::read_to_string(file).expect("queries").lines() {
            let Some((kind, words)) = line.split_once('\t') else {
                continue;
            };
            let n = words.split_whitespace().count();
            let (class, text) = match kind {
                "or" if n == 1 => ("peers_single".to_string(), words.to_string()),
                "or" => (
                    format!("peers_or{n}"),
                    words.split_whitespace().collect::<Vec<_>>().join(" OR "),
                ),
                _ => (format!("peers_and{n}"), words.to_string()),
            };
            classes.push((class, text, Filters::default()));
        }
    }
    let flevoland = RawFilters {
        provinces: vec!["flevoland".into()],
        ..RawFilters::default()
    }
    .resolve(&taxonomy, &[])
    .expect("filter");
    let decade = RawFilters {
        year: Some("2005..2015".into()),
        themes: vec!["zorg".into()],
        ..RawFilters::default()
    }
    .resolve(&taxonomy, &[])
    .expect("filter");
    for (class, text, filters) in [
        ("phrase", "\"sociaal domein\"", Filters::default()),
        (
            "phrase",
            "\"wet maatschappelijke ondersteuning\"",
            Filters::default(),
        ),
        (
            "phrase",
            "\"college van burgemeester en wethouders\"",
            Filters::default(),
        ),
        ("compound", "jeugdzorg", Filters::default()),
        ("compound", "ouderenzorg", Filters::default()),
        ("compound", "armoedebestrijding", Filters::default()),
        ("compound", "zorgverzekeraar", Filters::default()),
        ("filters", "subsidie", decade.clone()),
        ("filters", "gemeenten zorg", decade.clone()),
        ("filters", "provincie", flevoland.clone()),
        ("filters_only", "", decade.clone()),
    ] {
        classes.push((class.to_string(), text.to_string(), filters));
    }
    let searcher = nota.reader.searcher();
    // The peers' record: a first pass over their queries (cold when the harness dropped the page
    // cache before starting this process), then warm per-query latency, bare, in µs.
    let peers: Vec<&(String, String, Filters)> = classes
        .iter()
        .filter(|c| c.0.starts_with("peers_"))
        .collect();
    if !peers.is_empty() {
        let built: Vec<_> = peers
            .iter()
            .map(|(_, text, filters)| {
                query::build(&nota, text, filters, Signals::default()).expect("query")
            })
            .collect();
        let t = Instant::now();
        let mut total_hits = 0usize;
        for q in &built {
            total_hits += searcher
                .search(q.all.as_ref(), &tantivy::collector::Count)
                .expect("count");
            std::hint::black_box(top10(&searcher, q));
        }
        let cold_pass_ms = t.elapsed().as_secs_f64() * 1e3;
        let mut warm = Vec::new();
        for _ in 0..reps {
            for q in &built {
                let t = Instant::now();
                std::hint::black_box(top10(&searcher, q));
                warm.push(t.elapsed().as_secs_f64() * 1e6);
            }
        }
        warm.sort_by(f64::total_cmp);
        println!(
            "{{\"name\":\"nota\",\"phase\":\"query\",\"total_hits\":{total_hits},\"cold_pass_ms\":{cold_pass_ms:.1},\"warm_p50_us\":{:.1},\"warm_p99_us\":{:.1}}}",
            percentile(&warm, 0.5),
            percentile(&warm, 0.99)
        );
    }
    let mut by_class: std::collections::BTreeMap<String, (Vec<f64>, Vec<f64>, usize)> =
        Default::default();
    // The slowest query of each class (by its median full time), to know where p99 comes from.
    let mut slowest: std::collections::BTreeMap<String, (f64, String)> = Default::default();
    for (class, text, filters) in &classes {
        let built = query::build(&nota, text, filters, Signals::default()).expect("query");
        let request = Request {
            query: text.clone(),
            filters: filters.clone(),
            limit: 10,
            sort: Sort::Relevance,
            collapse: false,
            strict: false,
            // NOTA_ALL_WORDS=1: no filling a short page, to tell its cost from the rest.
            all_words: std::env::var("NOTA_ALL_WORDS").is_ok_and(|v| v == "1"),
            signals: Signals::default(),
        };
        // Warm-up.
        search::search(&nota, &request).expect("search");
        let entry = by_class.entry(class.clone()).or_default();
        entry.2 += 1;
        let mut own = Vec::with_capacity(reps);
        for _ in 0..reps {
            let t = Instant::now();
            std::hint::black_box(top10(&searcher, &built));
            entry.0.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            std::hint::black_box(search::search(&nota, &request).expect("search"));
            entry.1.push(t.elapsed().as_secs_f64() * 1e3);
            own.push(t.elapsed().as_secs_f64() * 1e3);
        }
        own.sort_by(f64::total_cmp);
        let median = percentile(&own, 0.5);
        let worst = slowest.entry(class.clone()).or_default();
        if median > worst.0 {
            *worst = (median, text.clone());
        }
    }
    for (class, (mut bare, mut full, queries)) in by_class {
        bare.sort_by(f64::total_cmp);
        full.sort_by(f64::total_cmp);
        println!(
            "{{\"name\":\"nota\",\"class\":\"{class}\",\"queries\":{queries},\"bare_p50_ms\":{:.3},\"bare_p99_ms\":{:.3},\"full_p50_ms\":{:.3},\"full_p99_ms\":{:.3},\"slowest\":{},\"slowest_p50_ms\":{:.3}}}",
            percentile(&bare, 0.5),
            percentile(&bare, 0.99),
            percentile(&full, 0.5),
            percentile(&full, 0.99),
            serde_json::to_string(&slowest[&class].1).expect("a string serialises"),
            slowest[&class].0
        );
    }
}
