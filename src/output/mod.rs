//! Printing results for people ([`text`]), for scripts ([`json`]) and for spreadsheets and
//! reference lists ([`table`]). Every printer writes into a
//! `Write`, so tests can read what a user would see.

pub mod json;
pub mod table;
pub mod text;

use std::io::IsTerminal;

/// Whether to colour output: only on a terminal, and never when `NO_COLOR` is set.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}
