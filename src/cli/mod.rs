//! The command line's commands: [`run`] dispatches the parsed [`args::Opts`] to one function per
//! command, each of which calls the library and prints. What can be typed is in [`args`]; the
//! index policy the commands share (the taxonomy copy kept beside an index, building the index
//! from `corpus/` when a search finds none) is in [`session`].

pub mod args;
pub mod session;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use args::Opts;
use args::{
    AddArgs, AnalyzeArgs, ChainArg, Command, DuplicatesArgs, IndexArgs, RemoveArgs, SearchArgs,
    ShowArgs, SimilarArgs, StatsArgs,
};
use session::{index_sources, index_taxonomy, open_or_build, Sources};

use crate::analysis::explain::explain;
use crate::cluster::Cluster;
use crate::error::NotaError;
use crate::index::{self, document, run as index_run};
use crate::output::{self, json, table, text};
use crate::search::duplicates;
use crate::search::similar::{similar, Source};
use crate::search::stats;
use crate::search::{self, RawFilters, Request};

/// Runs the parsed command; an error reading the index is told as damage to that index.
pub fn run(opts: Opts) -> Result<ExitCode, NotaError> {
    let index_dir = opts.index.clone();
    run_command(opts).map_err(|error| match error {
        NotaError::Index(error) => index::damaged(&index_dir, error),
        other => other,
    })
}

fn run_command(opts: Opts) -> Result<ExitCode, NotaError> {
    if let Some(cluster) = Cluster::of_index_arg(&opts.index) {
        return run_on_cluster(&cluster?, opts);
    }
    match opts.command {
        Command::Index(args) => run_index(&opts.index, args),
        Command::Add(args) => run_add(&opts.index, None, args),
        Command::Remove(args) => run_remove(&opts.index, args),
        Command::Search(args) => run_search(&opts.index, args),
        Command::Similar(args) => run_similar(&opts.index, args),
        Command::Duplicates(args) => run_duplicates(&opts.index, args),
        Command::Serve(args) => {
            let nota = open_or_build(&opts.index)?;
            let taxonomy = index_taxonomy(&opts.index)?;
            let backend = crate::serve::backend::Backend::Folder {
                nota,
                dir: opts.index.clone(),
            };
            crate::serve::serve(backend, taxonomy, args.addr, args.allow_host)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show(args) => run_show(&opts.index, args),
        Command::Stats(args) => run_stats(&opts.index, args),
        Command::Analyze(args) => run_analyze(&opts.index, args),
        Command::Watch(args) => run_watch(&opts.index, args),
    }
}

/// The commands that work on an index on an OpenSearch cluster.
fn run_on_cluster(cluster: &Cluster, opts: Opts) -> Result<ExitCode, NotaError> {
    match opts.command {
        Command::Index(args) => {
            let sources = Sources::Paths {
                roots: args.paths,
                rebuild: args.rebuild,
            };
            let summary = session::index_into(&opts.index, Some(cluster), sources, &args.ingest)?;
            write_out(writeln!(io::stdout(), "{summary}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Add(args) => run_add(&opts.index, Some(cluster), args),
        Command::Stats(args) => {
            let stats = crate::cluster::query::stats(&crate::cluster::Client::new(cluster))?;
            print_stats(&stats, args.json)
        }
        Command::Analyze(args) => run_analyze(Path::new(""), args),
        Command::Search(args) => {
            let client = crate::cluster::Client::new(cluster);
            let taxonomy = crate::metadata::Taxonomy::builtin();
            let (request, format) =
                search_request(args, &taxonomy, || crate::cluster::query::stats(&client))?;
            let results = crate::cluster::search::search(&client, &request)?;
            print_results(&results, &format)
        }
        Command::Show(args) => {
            let client = crate::cluster::Client::new(cluster);
            let Some(doc) = crate::cluster::query::document(&client, &args.path)? else {
                return Err(NotaError::NotIndexed {
                    path: args.path,
                    index: opts.index.clone(),
                });
            };
            print_show(&doc, args.json)
        }
        Command::Similar(args) => {
            let client = crate::cluster::Client::new(cluster);
            let taxonomy = crate::metadata::Taxonomy::builtin();
            let filters =
                similar_filters(args.province, args.year, args.theme, args.role, &taxonomy)?;
            let source = similar_source(&args.source, |path| {
                crate::cluster::query::document(&client, path)
            })?;
            let results = crate::cluster::similar::similar(
                &client, &source, &taxonomy, &filters, args.limit,
            )?;
            print_similar(&results, &args.format)
        }
        Command::Duplicates(args) => {
            check_threshold(args.threshold)?;
            let client = crate::cluster::Client::new(cluster);
            let found = crate::cluster::query::duplicates(&client, args.threshold)?;
            print_duplicates(&found, args.json)
        }
        Command::Remove(args) => {
            let (summary, unmatched) = crate::cluster::load::remove(cluster, &args.paths)?;
            print_removed(&summary, &unmatched, &opts.index)
        }
        Command::Serve(args) => {
            let client = crate::cluster::Client::new(cluster);
            client.check_health()?;
            let backend = crate::serve::backend::Backend::Cluster(client);
            let taxonomy = crate::metadata::Taxonomy::builtin();
            crate::serve::serve(backend, taxonomy, args.addr, args.allow_host)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Watch(_) => Err(NotaError::Usage(
            "saved searches live with an index folder; nota watch does not work on a cluster yet"
                .to_string(),
        )),
    }
}

fn write_out(result: io::Result<()>) -> Result<(), NotaError> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|source| NotaError::Io {
            path: PathBuf::from("<stdout>"),
            source,
        }),
    }
}

fn run_index(index_dir: &Path, args: IndexArgs) -> Result<ExitCode, NotaError> {
    let sources = Sources::Paths {
        roots: args.paths,
        rebuild: args.rebuild,
    };
    let summary = index_sources(index_dir, sources, &args.ingest)?;
    write_out(writeln!(io::stdout(), "{summary}"))?;
    tell_alerts(index_dir, &summary.changed, &args.ingest)?;
    Ok(ExitCode::SUCCESS)
}

/// What each saved search matches among `keys`, in the index in `index_dir`.
fn saved_alerts(
    index_dir: &Path,
    watches: &[crate::watch::Watch],
    keys: &[String],
) -> Result<Vec<crate::watch::Alert>, NotaError> {
    let nota = index::open(index_dir)?;
    let taxonomy = index_taxonomy(index_dir)?;
    let authors: Vec<String> = if watches.iter().any(|w| !w.filters.authors.is_empty()) {
        stats::stats(&nota, index_dir)?
            .facets
            .author
            .into_keys()
            .collect()
    } else {
        Vec::new()
    };
    let names: Vec<&str> = authors.iter().map(String::as_str).collect();
    watches
        .iter()
        .map(|w| crate::watch::alert(&nota, &taxonomy, w, keys, &names))
        .collect()
}

/// After `nota index` or `nota add`: a line per saved search with the count of new and changed
/// documents it matches, then their titles (not with `--quiet`), and the JSON of `--alerts`.
fn tell_alerts(
    index_dir: &Path,
    keys: &[String],
    args: &args::IngestArgs,
) -> Result<(), NotaError> {
    let watches = crate::watch::Watches::open(index_dir)?;
    if watches.all().is_empty() {
        return Ok(());
    }
    let alerts = saved_alerts(index_dir, watches.all(), keys)?;
    let mut out = io::stdout().lock();
    for alert in &alerts {
        write_out(write!(out, "{}", alert_lines(alert, args.quiet)))?;
    }
    if let Some(file) = &args.alerts {
        let json = serde_json::to_string_pretty(&alerts).map_err(|e| NotaError::Io {
            path: file.clone(),
            source: io::Error::other(e),
        })?;
        std::fs::write(file, json + "\n").map_err(|source| NotaError::Io {
            path: file.clone(),
            source,
        })?;
    }
    Ok(())
}

/// The lines of one saved search's alert: `watch NAME: N new or changed`, then a line per
/// document with its title, year, path and matched words (unless `quiet`).
fn alert_lines(alert: &crate::watch::Alert, quiet: bool) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    let _ = match &alert.error {
        Some(why) => writeln!(text, "watch {}: could not run: {why}", alert.watch),
        None => writeln!(
            text,
            "watch {}: {} new or changed ({})",
            alert.watch, alert.total, alert.search
        ),
    };
    if !quiet {
        for hit in &alert.hits {
            let year = hit.year.map(|y| format!(" · {y}")).unwrap_or_default();
            let _ = writeln!(
                text,
                "  + {}{year} — {} [{}]",
                hit.title,
                hit.path,
                hit.matched.join(", ")
            );
        }
    }
    text
}

fn run_add(
    index_dir: &Path,
    cluster: Option<&Cluster>,
    args: AddArgs,
) -> Result<ExitCode, NotaError> {
    let from_stdin = args.files.iter().any(|f| f.as_os_str() == "-");
    let sources =
        match (from_stdin, args.name) {
            (true, Some(name)) if args.files.len() == 1 => Sources::Stdin { name },
            (true, Some(_)) => return Err(NotaError::Usage(
                "`nota add -` reads one document from standard input; add files in another call"
                    .to_string(),
            )),
            (true, None) => {
                return Err(NotaError::Usage(
                    "`nota add -` needs --name NAME (e.g. --name memo.txt): the document's name, \
                 whose extension says its format"
                        .to_string(),
                ))
            }
            (false, _) => Sources::Files(args.files),
        };
    let summary = session::index_into(index_dir, cluster, sources, &args.ingest)?;
    write_out(writeln!(io::stdout(), "{summary}"))?;
    if cluster.is_none() {
        tell_alerts(index_dir, &summary.changed, &args.ingest)?;
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn run_remove(index_dir: &Path, args: RemoveArgs) -> Result<ExitCode, NotaError> {
    let (summary, unmatched) = index_run::remove(
        index_dir,
        &args.paths,
        crate::index::budget::MemoryBudget::default(),
    )?;
    print_removed(&summary, &unmatched, index_dir)
}

/// `nota remove`'s account; a path that matched nothing is told, and fails the command.
fn print_removed(
    summary: &index_run::Summary,
    unmatched: &[String],
    index: &Path,
) -> Result<ExitCode, NotaError> {
    for path in unmatched {
        eprintln!("nota: {path} is not in the index at {}", index.display());
    }
    write_out(writeln!(io::stdout(), "{} removed", summary.removed))?;
    Ok(if unmatched.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn run_search(index_dir: &Path, args: SearchArgs) -> Result<ExitCode, NotaError> {
    let nota = open_or_build(index_dir)?;
    let taxonomy = index_taxonomy(index_dir)?;
    let (request, format) = search_request(args, &taxonomy, || stats::stats(&nota, index_dir))?;
    let results = search::search(&nota, &request)?;
    print_results(&results, &format)
}

/// The search the flags ask for, its filters checked against `taxonomy` and the index's
/// authors (read from its `stats` only when `--author` is given).
fn search_request(
    args: SearchArgs,
    taxonomy: &crate::metadata::Taxonomy,
    stats: impl FnOnce() -> Result<stats::Stats, NotaError>,
) -> Result<(Request, args::HitFormat), NotaError> {
    let filters = checked_filters(&args.filters.clone().into(), taxonomy, stats)?;
    let request = Request {
        query: args.query,
        filters,
        limit: args.limit,
        sort: args.sort.into(),
        collapse: args.collapse,
        strict: args.strict,
        all_words: args.all_words,
        signals: args
            .without
            .iter()
            .fold(search::Signals::default(), |s, signal| s.without(*signal)),
    };
    Ok((request, args.format))
}

/// `raw` checked against `taxonomy` and the index's authors (read from its `stats` only when an
/// author is asked for); the error names the valid values.
fn checked_filters(
    raw: &RawFilters,
    taxonomy: &crate::metadata::Taxonomy,
    stats: impl FnOnce() -> Result<stats::Stats, NotaError>,
) -> Result<search::Filters, NotaError> {
    let authors: Vec<String> = if raw.authors.is_empty() {
        Vec::new()
    } else {
        stats()?.facets.author.into_keys().collect()
    };
    let author_names: Vec<&str> = authors.iter().map(String::as_str).collect();
    raw.resolve(taxonomy, &author_names)
        .map_err(NotaError::Usage)
}

/// `nota watch`: saved searches kept with the index ([`crate::watch`]).
fn run_watch(index_dir: &Path, args: args::WatchArgs) -> Result<ExitCode, NotaError> {
    use crate::watch::{Watch, Watches};
    let mut watches = Watches::open(index_dir)?;
    let mut out = io::stdout().lock();
    match args.action {
        args::WatchAction::Add {
            name,
            query,
            filters,
        } => {
            let nota = open_or_build(index_dir)?;
            let taxonomy = index_taxonomy(index_dir)?;
            let raw: RawFilters = filters.into();
            checked_filters(&raw, &taxonomy, || stats::stats(&nota, index_dir))?;
            let watch = Watch {
                name,
                query,
                filters: raw,
                last_run: None,
            };
            let said = format!("saved {}: {}", watch.name, watch.describe());
            watches.add(watch)?;
            write_out(writeln!(out, "{said}"))?;
        }
        args::WatchAction::List => {
            if watches.all().is_empty() {
                write_out(writeln!(
                    out,
                    "no saved searches (nota watch add NAME QUERY [filters])"
                ))?;
            }
            for watch in watches.all() {
                write_out(writeln!(out, "{}\t{}", watch.name, watch.describe()))?;
            }
        }
        args::WatchAction::Show { name, json } => {
            let watch = watches.get(&name)?.clone();
            let nota = open_or_build(index_dir)?;
            let taxonomy = index_taxonomy(index_dir)?;
            let filters =
                checked_filters(&watch.filters, &taxonomy, || stats::stats(&nota, index_dir))?;
            let request = Request {
                query: watch.query.clone(),
                filters,
                limit: 10,
                all_words: true,
                ..Request::default()
            };
            let results = search::search(&nota, &request)?;
            if json {
                let value = serde_json::json!({ "watch": watch, "results": results });
                write_out(writeln!(out, "{value:#}"))?;
            } else {
                write_out(writeln!(out, "{}: {}\n", watch.name, watch.describe()))?;
                drop(out);
                return print_results(&results, &args::HitFormat::default());
            }
        }
        args::WatchAction::Run { name, since, json } => {
            let watch = watches.get(&name)?.clone();
            let ledger = index::seen::Ledger::open(index_dir)?;
            let from = match since.as_str() {
                // Never run: everything.
                "last" => watch.last_run.clone().unwrap_or_default(),
                day => index::seen::parse_moment(day).map_err(NotaError::Usage)?,
            };
            let now = index::seen::now();
            let keys = ledger.changed_since(&from);
            let alert = saved_alerts(index_dir, std::slice::from_ref(&watch), &keys)?
                .pop()
                .ok_or_else(|| NotaError::Usage(format!("{name} did not run")))?;
            watches.mark_run(&name, &now)?;
            if json {
                let value = serde_json::json!({ "since": from, "alert": alert });
                write_out(writeln!(out, "{value:#}"))?;
            } else {
                write_out(write!(out, "{}", alert_lines(&alert, false)))?;
            }
        }
        args::WatchAction::Remove { name } => {
            let gone = watches.remove(&name)?;
            write_out(writeln!(out, "removed {}: {}", gone.name, gone.describe()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints `results` in the format asked for, notes on stderr.
fn print_results(
    results: &search::Results,
    format: &args::HitFormat,
) -> Result<ExitCode, NotaError> {
    for note in &results.notes {
        eprintln!("nota: note: {note}");
    }
    let mut out = io::stdout().lock();
    if format.json {
        write_out(json::print(&mut out, results))?;
    } else if format.csv {
        write_out(table::print_csv(&mut out, results.hits.iter()))?;
    } else if format.cite {
        write_out(table::print_cite(&mut out, results.hits.iter()))?;
    } else {
        write_out(text::print_results(&mut out, results, output::use_color()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The text `nota similar` compares: from standard input, a file on disk, or an indexed document.
fn similar_source(
    given: &str,
    find: impl FnOnce(&str) -> Result<Option<document::StoredDoc>, NotaError>,
) -> Result<Source, NotaError> {
    if given == "-" {
        let bytes = session::read_stdin()?;
        let text = crate::ingest::decode::decode(&bytes)
            .map_err(|e| NotaError::Usage(format!("standard input: {e}")))?;
        return Ok(Source {
            name: "-".to_string(),
            text,
            exclude_path: None,
        });
    }
    let path = Path::new(given);
    if path.is_file() {
        let bytes = std::fs::read(path).map_err(|source| NotaError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let timeout = index_run::Limits::default().file_timeout;
        let workers = std::env::current_exe()
            .ok()
            .map(|exe| crate::ingest::isolate::Workers::new(&exe));
        let extracted =
            crate::ingest::extract_bounded(path, bytes.into(), timeout, workers.as_ref())
                .map_err(|e| NotaError::Usage(format!("cannot read {e}")))?;
        return Ok(Source {
            name: given.to_string(),
            text: extracted.text,
            exclude_path: Some(path.display().to_string()),
        });
    }
    match find(given)? {
        Some(stored) => Ok(Source {
            name: given.to_string(),
            text: stored.body,
            exclude_path: Some(stored.path),
        }),
        None => Err(NotaError::Usage(format!(
            "{given} is neither a file nor an indexed document; `nota search` lists the indexed paths"
        ))),
    }
}

fn run_similar(index_dir: &Path, args: SimilarArgs) -> Result<ExitCode, NotaError> {
    let nota = open_or_build(index_dir)?;
    let taxonomy = index_taxonomy(index_dir)?;
    let filters = similar_filters(args.province, args.year, args.theme, args.role, &taxonomy)?;
    let source = similar_source(&args.source, |path| document::find(&nota, path))?;
    let results = similar(&nota, &source, &taxonomy, &filters, args.limit)?;
    print_similar(&results, &args.format)
}

/// `nota similar`'s filters, checked.
fn similar_filters(
    provinces: Vec<String>,
    year: Option<String>,
    themes: Vec<String>,
    roles: Vec<String>,
    taxonomy: &crate::metadata::Taxonomy,
) -> Result<search::Filters, NotaError> {
    let raw = RawFilters {
        provinces,
        year,
        themes,
        roles,
        ..RawFilters::default()
    };
    raw.resolve(taxonomy, &[]).map_err(NotaError::Usage)
}

fn print_similar(
    results: &crate::search::similar::SimilarResults,
    format: &args::HitFormat,
) -> Result<ExitCode, NotaError> {
    let mut out = io::stdout().lock();
    let hits = || results.hits.iter().map(|s| &s.hit);
    if format.json {
        write_out(json::print(&mut out, results))?;
    } else if format.csv {
        write_out(table::print_csv(&mut out, hits()))?;
    } else if format.cite {
        write_out(table::print_cite(&mut out, hits()))?;
    } else {
        write_out(text::print_similar(&mut out, results, output::use_color()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_duplicates(index_dir: &Path, args: DuplicatesArgs) -> Result<ExitCode, NotaError> {
    check_threshold(args.threshold)?;
    let nota = open_or_build(index_dir)?;
    let found = duplicates::duplicates(&nota, args.threshold)?;
    print_duplicates(&found, args.json)
}

/// `--threshold` must be a share.
fn check_threshold(threshold: f32) -> Result<(), NotaError> {
    if (0.0..=1.0).contains(&threshold) {
        return Ok(());
    }
    Err(NotaError::Usage(format!(
        "--threshold {threshold}: give a share between 0 and 1 (default {})",
        duplicates::DEFAULT_THRESHOLD
    )))
}

fn print_duplicates(found: &duplicates::Duplicates, as_json: bool) -> Result<ExitCode, NotaError> {
    let mut out = io::stdout().lock();
    if as_json {
        write_out(json::print(&mut out, found))?;
    } else {
        write_out(text::print_duplicates(&mut out, found))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_show(index_dir: &Path, args: ShowArgs) -> Result<ExitCode, NotaError> {
    let nota = open_or_build(index_dir)?;
    let Some(doc) = document::find(&nota, &args.path)? else {
        return Err(NotaError::NotIndexed {
            path: args.path,
            index: index_dir.to_path_buf(),
        });
    };
    print_show(&doc, args.json)
}

fn print_show(doc: &document::StoredDoc, as_json: bool) -> Result<ExitCode, NotaError> {
    let mut out = io::stdout().lock();
    if as_json {
        write_out(json::print(&mut out, &json::show_value(doc)))?;
    } else {
        write_out(text::print_show(&mut out, doc))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_stats(index_dir: &Path, args: StatsArgs) -> Result<ExitCode, NotaError> {
    let nota = open_or_build(index_dir)?;
    let stats = stats::stats(&nota, index_dir)?;
    print_stats(&stats, args.json)
}

fn print_stats(stats: &stats::Stats, as_json: bool) -> Result<ExitCode, NotaError> {
    let mut out = io::stdout().lock();
    if as_json {
        write_out(json::print(&mut out, stats))?;
    } else {
        write_out(text::print_stats(&mut out, stats))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_analyze(index_dir: &Path, args: AnalyzeArgs) -> Result<ExitCode, NotaError> {
    let text: String =
        unicode_normalization::UnicodeNormalization::nfc(args.text.as_str()).collect();
    let tokens = explain(&text, args.chain.into());
    let mut out = io::stdout().lock();
    if !matches!(args.chain, ChainArg::Query) {
        if args.json {
            write_out(json::print(&mut out, &tokens))?;
        } else {
            write_out(text::print_analysis(&mut out, &text, &tokens))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    // A query is also expanded: show what is searched. Words the index knows count when there
    // is an index; without one, the lexicon alone says which joined forms and relatives exist.
    let nota = index::exists(index_dir)
        .then(|| index::open(index_dir).ok())
        .flatten();
    let searched = search::query::expanded(nota.as_ref(), &text);
    if args.json {
        let value = serde_json::json!({ "tokens": tokens, "searched_as": searched });
        write_out(json::print(&mut out, &value))?;
    } else {
        write_out(text::print_analysis(&mut out, &text, &tokens))?;
        write_out(writeln!(out, "searched as: {searched}"))?;
    }
    Ok(ExitCode::SUCCESS)
}
