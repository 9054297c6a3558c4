//! Token filters, one Dutch rule per file. Each file holds the rule as a plain function on
//! strings, the tantivy stream around it, and its tests.

pub mod apostrophe;
pub mod decompound;
pub mod ellipsis;
pub mod memo;
pub mod plural_diaeresis;
pub mod rule;
pub mod stem_override;
pub mod stemmer;
