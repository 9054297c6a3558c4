//! The `nota` binary: parse the flags, run, turn errors into a message and an exit code.

use std::process::ExitCode;

use clap::Parser;

/// Analysis makes a string per token; mimalloc serves those small allocations faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some(nota::ingest::isolate::WORKER_ARG) {
        // A child that reads one file for a run (see `ingest::isolate`).
        return nota::ingest::isolate::worker_main();
    }
    let opts = nota::cli::Opts::parse();
    match nota::cli::run(opts) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("nota: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
