//! The command line: `nota index | add | remove | search | similar | duplicates | serve | show |
//! stats | analyze`. Flags are defined here (clap derive;
//! doc comments become the help text) and [`run`] dispatches to one function per command.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::analysis::explain::{explain, Chain};
use crate::error::NotaError;
use crate::index::{self, document, stats, update};
use crate::metadata::overrides::Manifest;
use crate::metadata::Taxonomy;
use crate::output::{self, json, table, text};
use crate::search::duplicates;
use crate::search::similar::{similar, Source};
use crate::search::{self, RawFilters, Request, Sort};

/// The folder indexed when none is given, and when `search` finds no index.
pub const DEFAULT_CORPUS: &str = "corpus";
/// The taxonomy an index was built with is kept beside it under this name.
const TAXONOMY_COPY: &str = "taxonomy.toml";

/// nota: search Dutch policy documents by text, theme, province, year and role.
#[derive(Parser, Debug)]
#[command(name = "nota", version, about, long_about = None)]
pub struct Opts {
    /// The index folder.
    #[arg(long, global = true, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Index folders and files (.txt, .md, .pdf, .docx, .odt, .html, .rtf, .eml). Re-running
    /// updates only what changed and removes documents whose files are gone.
    #[command(after_help = LIMITS_HELP)]
    Index(IndexArgs),
    /// Index single files, or one document from standard input (`nota add - --name memo.txt`),
    /// without touching the rest of the index.
    #[command(after_help = LIMITS_HELP)]
    Add(AddArgs),
    /// Drop documents from the index: paths as indexed (a folder drops everything under it), or
    /// the names of documents added from standard input.
    Remove(RemoveArgs),
    /// Search by free text and filters.
    #[command(after_help = SEARCH_SYNTAX)]
    Search(SearchArgs),
    /// Find the documents most like a memo: a file on disk (any supported format, indexed or
    /// not, e.g. a draft), an indexed path, or `-` for text on standard input.
    Similar(SimilarArgs),
    /// List groups of documents with (almost) the same text: the same memo saved as PDF and
    /// DOCX, a letter sent to every province.
    Duplicates(DuplicatesArgs),
    /// Serve a search page and a JSON API on this machine (localhost by default).
    Serve(ServeArgs),
    /// Show the derived metadata of one document and the evidence for each value.
    Show(ShowArgs),
    /// Number of documents, index size and counts per province, year, theme and role.
    Stats(StatsArgs),
    /// Show the terms a text is indexed (or searched) as, and which step made each one.
    Analyze(AnalyzeArgs),
}

/// `nota analyze`
#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    /// The text to analyse.
    pub text: String,
    /// Which chain: the one documents are indexed with, the one queries are read with, or the
    /// exact (unstemmed) one.
    #[arg(long, value_enum, default_value_t = Chain::Index)]
    pub chain: Chain,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

const SEARCH_SYNTAX: &str = "\
Query syntax:
  eenzaamheid ouderen        documents with both words (words are ANDed)
  \"sociaal domein\"           the exact phrase
  zorg OR welzijn            either word
  ouderen -jeugd             ouderen, but not jeugd
  title:eenzaamheid          in the title only
Words are matched stemmed (vrijwilliger finds vrijwilligers) and accent-folded (ideeen finds
ideeën); an exact match ranks higher. An empty QUERY lists documents by the filters alone.

Filters combine with AND; a repeated flag means OR:
  nota search zorg --province flevoland --province utrecht --year 2010..2020 --theme ouderen";

const LIMITS_HELP: &str = "\
Limits:
  A .pdf, .docx, .odt, .html, .rtf or .eml file larger than --max-file-size is not read and is
  reported as too large; a .txt or .md file larger than that is read up to the limit. Text beyond
  --max-text is cut off. Both are said in the summary, and per file in --report; nothing is cut
  silently.

Every file ends as added, updated, unchanged, skipped (a format nota does not read, counted per
extension) or failed (encrypted, corrupt, needs OCR, empty, binary, vanished, permission denied,
too large, symlink loop, bad metadata). --report FILE.json writes that account per file.";

/// Flags shared by `nota index` and `nota add`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// Taxonomy file with the themes, roles and document types [default: the built-in one].
    #[arg(long, value_name = "FILE")]
    pub taxonomy: Option<PathBuf>,
    /// CSV that sets metadata per file: a `path` column plus any of title, provinces,
    /// mentioned_provinces, municipalities, scope, year, themes, roles, doc_type, author
    /// (lists separated by `;`). Set values win over derived ones.
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// Do not derive provinces, year, themes, roles, type or author from the text; take only the
    /// values set by sidecars, front matter and --metadata (faster, for folders labelled already).
    #[arg(long)]
    pub no_derive: bool,
    /// Largest file read whole, in MB.
    #[arg(long, value_name = "MB", default_value_t = 100)]
    pub max_file_size: u64,
    /// Most text indexed per document, in MB.
    #[arg(long, value_name = "MB", default_value_t = 10)]
    pub max_text: u64,
    /// Write the account of every file (status, failure kind and reason, warnings, pages) to
    /// this JSON file.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
}

impl IngestArgs {
    /// The flags' defaults, for indexing `corpus/` on the way to a search.
    fn defaults() -> IngestArgs {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            ingest: IngestArgs,
        }
        Only::parse_from(["nota"]).ingest
    }

    fn limits(&self) -> update::Limits {
        update::Limits {
            max_file_bytes: self.max_file_size.saturating_mul(1_000_000),
            max_text_bytes: usize::try_from(self.max_text.saturating_mul(1_000_000))
                .unwrap_or(usize::MAX),
        }
    }
}

/// `nota index`
#[derive(clap::Args, Debug)]
pub struct IndexArgs {
    /// Folders or files to index [default: corpus]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Start over: drop every document and index all files anew.
    #[arg(long)]
    pub rebuild: bool,
    /// Taxonomy, metadata, limits and report.
    #[command(flatten)]
    pub ingest: IngestArgs,
}

/// `nota add`
#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// Files to index, or `-` to read one document from standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The name of the document read from standard input; its extension says its format.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Taxonomy, metadata, limits and report.
    #[command(flatten)]
    pub ingest: IngestArgs,
}

/// `nota remove`
#[derive(clap::Args, Debug)]
pub struct RemoveArgs {
    /// Paths as indexed (see `nota search`), folders, or names given to `nota add - --name`.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
}

/// `nota search`
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words, "phrases", OR, -exclusions; empty lists documents by filters.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    /// Only documents from or to this province (friesland, noord-holland, …). Repeat for OR.
    #[arg(long, value_name = "P")]
    pub province: Vec<String>,
    /// Year written: 2018, or a range 2010..2020 (2010.. and ..2020 are open).
    #[arg(long, value_name = "Y|Y1..Y2")]
    pub year: Option<String>,
    /// Only documents with this theme (ouderen, eenzaamheid, …). Repeat for OR.
    #[arg(long, value_name = "T")]
    pub theme: Vec<String>,
    /// Only documents where the province takes this role (regisseur, verbinder, …). Repeat for OR.
    #[arg(long, value_name = "R")]
    pub role: Vec<String>,
    /// Only documents of this type (mededeling, brief, notitie, verslag, …). Repeat for OR.
    #[arg(long = "type", value_name = "T")]
    pub doc_type: Vec<String>,
    /// Only documents naming this municipality (Twenterand, Hardenberg, …). Repeat for OR.
    #[arg(long, value_name = "M")]
    pub municipality: Vec<String>,
    /// Only documents by this author organisation (see `nota stats`). Repeat for OR.
    #[arg(long, value_name = "A")]
    pub author: Vec<String>,
    /// Number of hits to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Show one document per group of near-duplicates (the same memo as PDF and DOCX, a letter
    /// sent to every province): the best-ranked of each group.
    #[arg(long)]
    pub collapse: bool,
    /// JSON, CSV or references instead of text.
    #[command(flatten)]
    pub format: HitFormat,
}

/// How to print a hit list.
#[derive(clap::Args, Debug)]
pub struct HitFormat {
    /// Print one JSON object instead of text.
    #[arg(long, conflicts_with_all = ["csv", "cite"])]
    pub json: bool,
    /// Print the hits as CSV (path, title, year, provinces, themes, roles, score, page, author).
    #[arg(long, conflicts_with = "cite")]
    pub csv: bool,
    /// Print one reference line per hit: author (year). title. path, p. N.
    #[arg(long)]
    pub cite: bool,
}

/// `nota similar`
#[derive(clap::Args, Debug)]
pub struct SimilarArgs {
    /// The memo: a file, an indexed path, or `-` for standard input.
    #[arg(value_name = "FILE|PATH|-")]
    pub source: String,
    /// Number of similar documents to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Only documents from or to this province. Repeat for OR.
    #[arg(long, value_name = "P")]
    pub province: Vec<String>,
    /// Year written: 2018, or a range 2010..2020.
    #[arg(long, value_name = "Y|Y1..Y2")]
    pub year: Option<String>,
    /// Only documents with this theme. Repeat for OR.
    #[arg(long, value_name = "T")]
    pub theme: Vec<String>,
    /// Only documents where the province takes this role. Repeat for OR.
    #[arg(long, value_name = "R")]
    pub role: Vec<String>,
    /// JSON, CSV or references instead of text.
    #[command(flatten)]
    pub format: HitFormat,
}

/// `nota duplicates`
#[derive(clap::Args, Debug)]
pub struct DuplicatesArgs {
    /// Share of agreeing MinHash values (an estimate of the Jaccard similarity of 5-word
    /// shingles) from which two documents count as near-duplicates, between 0 and 1.
    #[arg(long, default_value_t = duplicates::DEFAULT_THRESHOLD, value_name = "X")]
    pub threshold: f32,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `nota serve`
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "HOST:PORT")]
    pub addr: std::net::SocketAddr,
}

/// `nota show`
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// The document's path, as indexed.
    pub path: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `nota stats`
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the parsed command.
pub fn run(opts: Opts) -> Result<ExitCode, NotaError> {
    match opts.command {
        Command::Index(args) => run_index(&opts.index, args),
        Command::Add(args) => run_add(&opts.index, args),
        Command::Remove(args) => run_remove(&opts.index, args),
        Command::Search(args) => run_search(&opts.index, args),
        Command::Similar(args) => run_similar(&opts.index, args),
        Command::Duplicates(args) => run_duplicates(&opts.index, args),
        Command::Serve(args) => {
            let nota = open_or_build(&opts.index)?;
            let taxonomy = index_taxonomy(&opts.index)?;
            crate::serve::serve(nota, taxonomy, opts.index.clone(), args.addr)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show(args) => run_show(&opts.index, args),
        Command::Stats(args) => run_stats(&opts.index, args),
        Command::Analyze(args) => run_analyze(args),
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

fn load_taxonomy(file: Option<&Path>) -> Result<(Taxonomy, String), NotaError> {
    match file {
        Some(path) => {
            let source = std::fs::read_to_string(path).map_err(|e| NotaError::Taxonomy {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
            let taxonomy = Taxonomy::parse(&source, &path.display().to_string())?;
            Ok((taxonomy, source))
        }
        None => Ok((
            Taxonomy::builtin(),
            crate::metadata::taxonomy::BUILTIN.to_string(),
        )),
    }
}

/// The taxonomy the index at `dir` was built with (the built-in one if it has no copy).
fn index_taxonomy(dir: &Path) -> Result<Taxonomy, NotaError> {
    let copy = dir.join(TAXONOMY_COPY);
    if copy.is_file() {
        Taxonomy::load(&copy)
    } else {
        Ok(Taxonomy::builtin())
    }
}

/// What to index: folders and files on disk, or one document from standard input.
enum Sources {
    Paths { roots: Vec<PathBuf>, rebuild: bool },
    Files(Vec<PathBuf>),
    Stdin { name: String },
}

fn index_sources(
    index_dir: &Path,
    sources: Sources,
    args: &IngestArgs,
) -> Result<update::Summary, NotaError> {
    let manifest = args
        .metadata
        .as_deref()
        .map(Manifest::load)
        .transpose()
        .map_err(NotaError::Manifest)?;
    let (taxonomy, source) = load_taxonomy(args.taxonomy.as_deref())?;
    let mut options = update::UpdateOptions {
        index_dir,
        roots: &[],
        rebuild: false,
        taxonomy: &taxonomy,
        progress: io::stderr().is_terminal(),
        manifest: manifest.as_ref(),
        derive: !args.no_derive,
        limits: args.limits(),
        prune: true,
    };
    let summary = match sources {
        Sources::Paths { roots, rebuild } => {
            let roots = if roots.is_empty() {
                vec![PathBuf::from(DEFAULT_CORPUS)]
            } else {
                roots
            };
            options.roots = &roots;
            options.rebuild = rebuild;
            update::run(&options)?
        }
        Sources::Files(files) => {
            options.roots = &files;
            options.prune = false;
            update::run(&options)?
        }
        Sources::Stdin { name } => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| NotaError::Io {
                    path: PathBuf::from("<stdin>"),
                    source,
                })?;
            update::add_stdin(&options, &name, &bytes)?
        }
    };
    let copy = index_dir.join(TAXONOMY_COPY);
    std::fs::write(&copy, source).map_err(|source| NotaError::Io { path: copy, source })?;
    report(&summary, args.report.as_deref())?;
    Ok(summary)
}

/// Tells each failure and warning on stderr, and writes the per-file account when asked.
fn report(summary: &update::Summary, file: Option<&Path>) -> Result<(), NotaError> {
    for failure in &summary.failed {
        eprintln!(
            "nota: failed {} [{}]: {}",
            failure.path,
            failure.kind.label(),
            failure.reason
        );
    }
    for (path, warning) in &summary.warnings {
        eprintln!("nota: warning {path}: {warning}");
    }
    if let Some(file) = file {
        let account = serde_json::json!({
            "summary": {
                "added": summary.added,
                "updated": summary.updated,
                "removed": summary.removed,
                "unchanged": summary.unchanged,
                "skipped": summary.skipped_total(),
                "skipped_by_extension": summary.skipped,
                "failed": summary.failed.len(),
                "failed_by_kind": summary.failed_by_kind(),
                "warnings": summary.warnings.len(),
            },
            "files": summary.files,
        });
        let text = serde_json::to_string_pretty(&account).unwrap_or_default();
        std::fs::write(file, text + "\n").map_err(|source| NotaError::Io {
            path: file.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

fn run_index(index_dir: &Path, args: IndexArgs) -> Result<ExitCode, NotaError> {
    let sources = Sources::Paths {
        roots: args.paths,
        rebuild: args.rebuild,
    };
    let summary = index_sources(index_dir, sources, &args.ingest)?;
    write_out(writeln!(io::stdout(), "{summary}"))?;
    Ok(ExitCode::SUCCESS)
}

fn run_add(index_dir: &Path, args: AddArgs) -> Result<ExitCode, NotaError> {
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
    let summary = index_sources(index_dir, sources, &args.ingest)?;
    write_out(writeln!(io::stdout(), "{summary}"))?;
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn run_remove(index_dir: &Path, args: RemoveArgs) -> Result<ExitCode, NotaError> {
    let (summary, unmatched) = update::remove(index_dir, &args.paths)?;
    for path in &unmatched {
        eprintln!(
            "nota: {path} is not in the index at {}",
            index_dir.display()
        );
    }
    write_out(writeln!(io::stdout(), "{} removed", summary.removed))?;
    Ok(if unmatched.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Opens the index, building it from `corpus/` first when there is none and the corpus exists.
fn open_or_build(index_dir: &Path) -> Result<index::NotaIndex, NotaError> {
    if !index::exists(index_dir) && Path::new(DEFAULT_CORPUS).is_dir() {
        eprintln!(
            "nota: no index at {}; indexing {DEFAULT_CORPUS}/ first",
            index_dir.display()
        );
        let defaults = IngestArgs::defaults();
        let sources = Sources::Paths {
            roots: Vec::new(),
            rebuild: false,
        };
        let summary = index_sources(index_dir, sources, &defaults)?;
        eprintln!("nota: {summary}");
    }
    index::open(index_dir)
}

fn run_search(index_dir: &Path, args: SearchArgs) -> Result<ExitCode, NotaError> {
    let nota = open_or_build(index_dir)?;
    let taxonomy = index_taxonomy(index_dir)?;
    let raw = RawFilters {
        provinces: args.province,
        year: args.year,
        themes: args.theme,
        roles: args.role,
        doc_types: args.doc_type,
        municipalities: args.municipality,
        authors: args.author,
    };
    let authors = if raw.authors.is_empty() {
        Vec::new()
    } else {
        stats::stats(&nota, index_dir)?
            .facets
            .author
            .into_keys()
            .collect()
    };
    let author_names: Vec<&str> = authors.iter().map(String::as_str).collect();
    let filters = raw
        .resolve(&taxonomy, &author_names)
        .map_err(NotaError::Usage)?;
    let request = Request {
        query: args.query,
        filters,
        limit: args.limit,
        sort: args.sort,
        collapse: args.collapse,
    };
    let results = search::search(&nota, &request)?;
    let mut out = io::stdout().lock();
    let format = &args.format;
    if format.json {
        write_out(json::print(&mut out, &results))?;
    } else if format.csv {
        write_out(table::print_csv(&mut out, results.hits.iter()))?;
    } else if format.cite {
        write_out(table::print_cite(&mut out, results.hits.iter()))?;
    } else {
        write_out(text::print_results(&mut out, &results, output::use_color()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The text `nota similar` compares: from standard input, a file on disk, or an indexed document.
fn similar_source(nota: &index::NotaIndex, given: &str) -> Result<Source, NotaError> {
    if given == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| NotaError::Io {
                path: PathBuf::from("<stdin>"),
                source,
            })?;
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
        let extracted = crate::ingest::extract_bytes(path, &bytes)
            .map_err(|e| NotaError::Usage(format!("cannot read {e}")))?;
        return Ok(Source {
            name: given.to_string(),
            text: extracted.text,
            exclude_path: Some(path.display().to_string()),
        });
    }
    match document::find(nota, given)? {
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
    let raw = RawFilters {
        provinces: args.province,
        year: args.year,
        themes: args.theme,
        roles: args.role,
        ..RawFilters::default()
    };
    let filters = raw.resolve(&taxonomy, &[]).map_err(NotaError::Usage)?;
    let source = similar_source(&nota, &args.source)?;
    let results = similar(&nota, &source, &taxonomy, &filters, args.limit)?;
    let mut out = io::stdout().lock();
    let format = &args.format;
    let hits = || results.hits.iter().map(|s| &s.hit);
    if format.json {
        write_out(json::print(&mut out, &results))?;
    } else if format.csv {
        write_out(table::print_csv(&mut out, hits()))?;
    } else if format.cite {
        write_out(table::print_cite(&mut out, hits()))?;
    } else {
        write_out(text::print_similar(&mut out, &results, output::use_color()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_duplicates(index_dir: &Path, args: DuplicatesArgs) -> Result<ExitCode, NotaError> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(NotaError::Usage(format!(
            "--threshold {}: give a share between 0 and 1 (default {})",
            args.threshold,
            duplicates::DEFAULT_THRESHOLD
        )));
    }
    let nota = open_or_build(index_dir)?;
    let found = duplicates::duplicates(&nota, args.threshold)?;
    let mut out = io::stdout().lock();
    if args.json {
        write_out(json::print(&mut out, &found))?;
    } else {
        write_out(text::print_duplicates(&mut out, &found))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_show(index_dir: &Path, args: ShowArgs) -> Result<ExitCode, NotaError> {
    let nota = open_or_build(index_dir)?;
    let Some(doc) = document::find(&nota, &args.path)? else {
        return Err(NotaError::Usage(format!(
            "{} is not in the index at {}; `nota search` lists the indexed paths",
            args.path,
            index_dir.display()
        )));
    };
    let mut out = io::stdout().lock();
    if args.json {
        write_out(json::print(&mut out, &json::show_value(&doc)))?;
    } else {
        write_out(text::print_show(&mut out, &doc))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_stats(index_dir: &Path, args: StatsArgs) -> Result<ExitCode, NotaError> {
    let nota = open_or_build(index_dir)?;
    let stats = stats::stats(&nota, index_dir)?;
    let mut out = io::stdout().lock();
    if args.json {
        write_out(json::print(&mut out, &stats))?;
    } else {
        write_out(text::print_stats(&mut out, &stats))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_analyze(args: AnalyzeArgs) -> Result<ExitCode, NotaError> {
    let text: String =
        unicode_normalization::UnicodeNormalization::nfc(args.text.as_str()).collect();
    let tokens = explain(&text, args.chain);
    let mut out = io::stdout().lock();
    if args.json {
        write_out(json::print(&mut out, &tokens))?;
    } else {
        write_out(text::print_analysis(&mut out, &text, &tokens))?;
    }
    Ok(ExitCode::SUCCESS)
}
