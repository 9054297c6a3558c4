//! What can be typed: the clap definitions of every command and flag (doc comments become the
//! help text). Nothing here runs anything; [`super::run`] turns these into calls of the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::chain::Chain;
use crate::index::budget::{MemoryBudget, DEFAULT_MEMORY_MB, MIN_MEMORY_MB};
use crate::index::run::{Limits, DEFAULT_FILE_TIMEOUT_SECS};
use crate::search::duplicates;
use crate::search::Sort;

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
    /// Saved searches, kept with the index: add, list, show, remove.
    Watch(WatchArgs),
}

/// `nota analyze`
#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    /// The text to analyse.
    pub text: String,
    /// Which chain: the one documents are indexed with, the one queries are read with, or the
    /// exact (unstemmed) one. For queries, also what is searched: synonyms, compound parts,
    /// words typed apart joined, word families (JSON: {"tokens": […], "searched_as": "…"}).
    #[arg(long, value_enum, default_value_t = ChainArg::Index)]
    pub chain: ChainArg,
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
    /// Most time reading one file may take, in seconds; a file that takes longer fails as
    /// timed out and the run goes on.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_FILE_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub file_timeout: u64,
    /// Write the account of every file (status, failure kind and reason, warnings, pages) to
    /// this JSON file.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// After the run, print only each saved search's count of new and changed matches, not
    /// their titles.
    #[arg(long)]
    pub quiet: bool,
    /// Also write the saved searches' alerts of this run (new and changed matches, with the
    /// words that matched and the passage) to this JSON file.
    #[arg(long, value_name = "FILE.json")]
    pub alerts: Option<PathBuf>,
    /// Memory the run may use, in MB, shared by the index writer, the documents on their way into
    /// the index and the word memories (at least 100).
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MEMORY_MB,
          value_parser = clap::value_parser!(u64).range(MIN_MEMORY_MB..))]
    pub memory: u64,
}

impl IngestArgs {
    /// The flags' defaults, for indexing `corpus/` on the way to a search.
    pub fn defaults() -> IngestArgs {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            ingest: IngestArgs,
        }
        Only::parse_from(["nota"]).ingest
    }

    /// The memory budget the flag sets.
    pub fn memory(&self) -> MemoryBudget {
        MemoryBudget::megabytes(self.memory)
    }

    /// The size limits the flags set.
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_size.saturating_mul(1_000_000),
            max_text_bytes: usize::try_from(self.max_text.saturating_mul(1_000_000))
                .unwrap_or(usize::MAX),
            file_timeout: std::time::Duration::from_secs(self.file_timeout),
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
    /// The filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of hits to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Show one document per group of near-duplicates (the same memo as PDF and DOCX, a letter
    /// sent to every province): the best-ranked of each group.
    #[arg(long)]
    pub collapse: bool,
    /// Report a query nota cannot read as syntax as an error (for scripts), instead of reading
    /// stray syntax (`4:8`, an open bracket, a trailing OR) as text.
    #[arg(long)]
    pub strict: bool,
    /// Only documents with all the words. Without it, when fewer documents than --limit hold
    /// all of them, the list goes on with those that hold most of them, marked as such.
    #[arg(long)]
    pub all_words: bool,
    /// Leave a ranking signal out, to measure what it adds (benches/relevance.sh): title,
    /// parts, joined, families, synonyms, proximity. Repeat for more.
    #[arg(long, value_name = "SIGNAL", hide = true)]
    pub without: Vec<crate::search::Signal>,
    /// JSON, CSV or references instead of text.
    #[command(flatten)]
    pub format: HitFormat,
}

/// The filters of `nota search` and of a saved search.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
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
}

impl From<FilterArgs> for crate::search::RawFilters {
    fn from(f: FilterArgs) -> Self {
        crate::search::RawFilters {
            provinces: f.province,
            year: f.year,
            themes: f.theme,
            roles: f.role,
            doc_types: f.doc_type,
            municipalities: f.municipality,
            authors: f.author,
        }
    }
}

/// `nota watch`
#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    /// What to do with the saved searches.
    #[command(subcommand)]
    pub action: WatchAction,
}

/// The `nota watch` actions.
#[derive(Subcommand, Debug)]
pub enum WatchAction {
    /// Save a search under a name (letters, digits, - and _), with the query syntax and filters
    /// of `nota search`; invalid filter values are refused with the valid ones.
    Add {
        /// Its name.
        name: String,
        /// Words, "phrases", OR, -exclusions; empty follows every document the filters allow.
        #[arg(default_value = "")]
        query: String,
        /// The filters.
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// List the saved searches.
    List,
    /// Show a saved search and what it finds now.
    Show {
        /// Its name.
        name: String,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List what a saved search matches among the documents new or changed since a day
    /// (2026-12-01), a moment (RFC 3339), or `last` (the previous time it was run; the default).
    Run {
        /// Its name.
        name: String,
        /// From when: a day, a moment, or `last`.
        #[arg(long, default_value = "last", value_name = "DATE|last")]
        since: String,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove a saved search.
    Remove {
        /// Its name.
        name: String,
    },
}

/// How to print a hit list.
#[derive(clap::Args, Debug, Default)]
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
    /// Also answer requests addressed to this host name (repeatable). Without it, only
    /// `localhost` and IP addresses are answered, so that no web page can read the index through
    /// a name of its own (DNS rebinding).
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
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

/// `--chain`: which analysis chain `nota analyze` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChainArg {
    /// The stemmed chain documents are indexed with.
    Index,
    /// The stemmed chain queries are read with.
    Query,
    /// The exact (unstemmed) chain.
    Exact,
}

impl From<ChainArg> for Chain {
    fn from(arg: ChainArg) -> Chain {
        match arg {
            ChainArg::Index => Chain::Index,
            ChainArg::Query => Chain::Query,
            ChainArg::Exact => Chain::Exact,
        }
    }
}

/// `--sort`: the order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (BM25).
    Relevance,
    /// Newest year first, best match first within a year.
    Date,
}

impl From<SortArg> for Sort {
    fn from(arg: SortArg) -> Sort {
        match arg {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definitions_are_consistent() {
        use clap::CommandFactory;
        Opts::command().debug_assert();
    }

    #[test]
    fn a_memory_budget_below_the_minimum_is_refused() {
        let parsed = Opts::try_parse_from(["nota", "index", "--memory", "10"]);
        let err = parsed.expect_err("10 MB is below the minimum");
        assert!(err.to_string().contains("100"), "{err}");
        let parsed = Opts::try_parse_from(["nota", "index", "--memory", "800"]).unwrap();
        let Command::Index(args) = parsed.command else {
            panic!("index");
        };
        assert_eq!(args.ingest.memory().total(), 800 << 20);
    }
}
