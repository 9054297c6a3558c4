//! What the commands share about an index beyond one call of the library: indexing from the
//! command line's flags (taxonomy file, manifest, limits, memory, the report), the taxonomy kept
//! beside an index, and building the index from `corpus/` when a command finds none.

use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use super::args::IngestArgs;
use crate::error::NotaError;
use crate::index::{self, run as index_run};
use crate::metadata::overrides::Manifest;
use crate::metadata::Taxonomy;

/// The folder indexed when none is given, and when `search` finds no index.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Everything on standard input.
pub fn read_stdin() -> Result<Vec<u8>, NotaError> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| NotaError::Io {
            path: PathBuf::from("<stdin>"),
            source,
        })?;
    Ok(bytes)
}

/// The taxonomy of `--taxonomy FILE` (or the built-in one), with its source text.
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

pub use crate::index::taxonomy_of as index_taxonomy;

/// What to index: folders and files on disk, or one document from standard input.
pub enum Sources {
    /// `nota index [PATH…]`: folders and files; documents of files gone are removed.
    Paths {
        /// What to walk (`corpus/` when empty).
        roots: Vec<PathBuf>,
        /// Start over.
        rebuild: bool,
    },
    /// `nota add FILE…`: only these files.
    Files(Vec<PathBuf>),
    /// `nota add - --name NAME`.
    Stdin {
        /// The document's name.
        name: String,
    },
}

/// Indexes `sources` into `index_dir` as the flags in `args` say, keeps the taxonomy beside the
/// index, reports failures and warnings on stderr and writes `--report`.
pub fn index_sources(
    index_dir: &Path,
    sources: Sources,
    args: &IngestArgs,
) -> Result<index_run::Summary, NotaError> {
    index_into(index_dir, None, sources, args)
}

/// Indexes `sources` into the folder `index_dir`, or into `cluster` when given (where no
/// taxonomy copy is kept).
pub fn index_into(
    index_dir: &Path,
    cluster: Option<&crate::cluster::Cluster>,
    sources: Sources,
    args: &IngestArgs,
) -> Result<index_run::Summary, NotaError> {
    let manifest = load_manifest(args)?;
    let (taxonomy, source) = load_taxonomy(args.taxonomy.as_deref())?;
    let worker = std::env::current_exe().ok();
    let mut options = index_run::RunOptions {
        worker: worker.as_deref(),
        progress: io::stderr().is_terminal(),
        manifest: manifest.as_ref(),
        derive: !args.no_derive,
        limits: args.limits(),
        memory: args.memory(),
        cluster,
        ..index_run::RunOptions::new(index_dir, &[], &taxonomy)
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
            index_run::run(&options)?
        }
        Sources::Files(files) => {
            options.roots = &files;
            options.prune = false;
            index_run::run(&options)?
        }
        Sources::Stdin { name } => index_run::add_stdin(&options, &name, &read_stdin()?)?,
    };
    let mut summary = summary;
    if cluster.is_none() {
        index::keep_taxonomy(index_dir, &source)?;
        let nota = index::open(index_dir)?;
        let mut ledger = index::seen::Ledger::open(index_dir)?;
        summary.changed = ledger.record(&nota, &summary, &index::seen::now())?;
    }
    report(&summary, args.report.as_deref())?;
    Ok(summary)
}

/// The manifest of `--metadata`, its warnings told on stderr.
fn load_manifest(args: &IngestArgs) -> Result<Option<Manifest>, NotaError> {
    let manifest = args
        .metadata
        .as_deref()
        .map(Manifest::load)
        .transpose()
        .map_err(NotaError::Manifest)?;
    for warning in manifest.iter().flat_map(|m| &m.warnings) {
        eprintln!(
            "nota: warning metadata manifest {}: {warning}",
            manifest.as_ref().map_or("", |m| m.origin.as_str())
        );
    }
    Ok(manifest)
}

/// Tells each failure and warning on stderr, and writes the per-file account when asked.
fn report(summary: &index_run::Summary, file: Option<&Path>) -> Result<(), NotaError> {
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

/// Opens the index, building it from `corpus/` first when there is none and the corpus exists.
pub fn open_or_build(index_dir: &Path) -> Result<index::NotaIndex, NotaError> {
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
