//! Every integration test in one binary (ripgrep's `tests/tests.rs` habit): one link instead of
//! one per topic, which on a 2-core machine is minutes of CI. Each module is a topic; `common`
//! holds the helpers (a temporary folder with documents, the real `nota` binary run in it).
//!
//! Run one topic with `cargo test --release --test it search::`.

#[allow(dead_code)]
mod common;

mod analysis_golden;
mod browser;
mod compounds;
mod errors;
mod faults;
mod formats;
mod indexing;
mod ingest;
mod metadata;
mod metadata_labels;
mod morphology;
mod opensearch;
mod pipeline;
mod ranking;
mod search;
mod seed_labels;
mod serve;
mod similar;
mod watch;
