//! The Dutch chains as data: every step a chain can take is a [`Step`], and each [`Chain`] is one
//! list of them ([`Chain::steps`]). The index's analyzers ([`super::dutch`]), indexing's single
//! pass over a body ([`super::document`]), the query analyzer and `nota analyze`
//! ([`super::explain`]) are all built from these lists, so what `analyze` shows, step by step, is
//! what the index does.
//!
//! A step is either text-level (it reads the text around a word, so it runs on the whole token
//! stream: the hyphen ellipsis) or word-level (it looks at one word only). The word-level tail of
//! a chain is what the word memory ([`super::filters::memo`]) runs once per distinct word.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, StopWordFilter, TextAnalyzer,
    TextAnalyzerBuilder,
};

use super::filters::apostrophe::ApostropheFilter;
use super::filters::decompound::Decompounder;
use super::filters::ellipsis::EllipsisFilter;
use super::filters::plural_diaeresis::PluralDiaeresis;
use super::filters::rule::Rule;
use super::filters::stemmer::DutchPorterStemmer;
use super::tokenizer::UaxTokenizer;

/// One rule of a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `zorg- en welzijnstaken` adds `zorgtaken` ([`super::filters::ellipsis`]); text-level.
    Ellipsis,
    /// `thema's` → `thema`, `AOW'ers` → `AOW-ers` ([`super::filters::apostrophe`]).
    Apostrophe,
    /// Lowercase.
    Lowercase,
    /// `welzijnstaken` adds `welzijn`, `taken` ([`super::filters::decompound`]).
    Decompound,
    /// Dutch stop words (the Snowball list). Before folding, so that `één` is not `een`.
    StopWords,
    /// `ideeën` → `idee` ([`super::filters::plural_diaeresis`]).
    PluralDiaeresis,
    /// Accents folded: `ideeën` = `ideeen`.
    Folding,
    /// Stem overrides, then Snowball `dutch_porter` ([`super::filters::stemmer`]).
    Stemmer,
}

impl Step {
    /// The step's name, as `nota analyze` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Step::Ellipsis => "hyphen ellipsis",
            Step::Apostrophe => "apostrophe",
            Step::Lowercase => "lowercase",
            Step::Decompound => "decompounder",
            Step::StopWords => "stop words",
            Step::PluralDiaeresis => "diaeresis plural",
            Step::Folding => "ascii folding",
            Step::Stemmer => "stemmer",
        }
    }

    /// Whether the step reads the text around a word (and so cannot be remembered per word).
    pub fn is_text_level(self) -> bool {
        matches!(self, Step::Ellipsis)
    }

    /// `builder` with this step added at its end.
    pub fn append_to(self, builder: TextAnalyzerBuilder) -> TextAnalyzerBuilder {
        match self {
            Step::Ellipsis => builder.filter_dynamic(EllipsisFilter),
            Step::Apostrophe => builder.filter_dynamic(Rule(ApostropheFilter)),
            Step::Lowercase => builder.filter_dynamic(LowerCaser),
            Step::Decompound => builder.filter_dynamic(Decompounder),
            Step::StopWords => builder.filter_dynamic(stop_words()),
            Step::PluralDiaeresis => builder.filter_dynamic(Rule(PluralDiaeresis)),
            Step::Folding => builder.filter_dynamic(AsciiFoldingFilter),
            Step::Stemmer => builder.filter_dynamic(Rule(DutchPorterStemmer)),
        }
    }
}

/// Which chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    /// The stemmed chain documents are indexed with (the `body` and `title` fields).
    Index,
    /// The stemmed chain queries are read with: the index chain without the compound and
    /// ellipsis rules, so that a query word stays one term (compound parts at one position would
    /// make tantivy read it as a phrase); the query builder adds the parts as a clause of its own.
    Query,
    /// The exact chain (`body_exact`, `title_exact`), for documents and queries alike: nothing
    /// removed or stemmed.
    Exact,
}

impl Chain {
    /// The steps after the word tokenizer, in the order they run. The only place a chain's order
    /// is written.
    pub fn steps(self) -> &'static [Step] {
        use Step::*;
        match self {
            Chain::Index => &[
                Ellipsis,
                Apostrophe,
                Lowercase,
                Decompound,
                StopWords,
                PluralDiaeresis,
                Folding,
                Stemmer,
            ],
            Chain::Query => &[
                Apostrophe,
                Lowercase,
                StopWords,
                PluralDiaeresis,
                Folding,
                Stemmer,
            ],
            Chain::Exact => &[Apostrophe, Lowercase, Folding],
        }
    }

    /// The text-level steps, which run on the whole token stream before the word-level ones.
    pub fn text_steps(self) -> impl Iterator<Item = Step> {
        self.steps().iter().copied().filter(|s| s.is_text_level())
    }

    /// The word-level steps, in order.
    pub fn word_steps(self) -> impl Iterator<Item = Step> {
        self.steps().iter().copied().filter(|s| !s.is_text_level())
    }

    /// Every step of the chain applied to every word, nothing remembered: the reference the
    /// remembered analyzers are tested against, and what queries are read with.
    pub fn every_step(self) -> TextAnalyzer {
        self.prefix(self.steps().len())
    }

    /// The tokenizer and the first `n` steps.
    pub fn prefix(self, n: usize) -> TextAnalyzer {
        self.steps()[..n]
            .iter()
            .fold(
                TextAnalyzer::builder(UaxTokenizer::default()).dynamic(),
                |b, step| step.append_to(b),
            )
            .build()
    }

    /// The word-level steps on one word given as the whole text: what the word memory runs once
    /// per distinct word.
    pub fn word_tail(self) -> TextAnalyzer {
        self.word_steps()
            .fold(
                TextAnalyzer::builder(RawTokenizer::default()).dynamic(),
                |b, step| step.append_to(b),
            )
            .build()
    }
}

/// Tantivy's Dutch stop words (the Snowball list).
pub fn stop_words() -> StopWordFilter {
    StopWordFilter::new(Language::Dutch)
        .expect("tantivy is built with the stopwords feature, which has a Dutch list")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_level_steps_come_first() {
        // The remembered analyzers run the text-level steps on the stream, then the word tail;
        // that is only the chain's order when no text-level step follows a word-level one.
        for chain in [Chain::Index, Chain::Query, Chain::Exact] {
            let steps = chain.steps();
            let first_word = steps.iter().position(|s| !s.is_text_level());
            let last_text = steps.iter().rposition(|s| s.is_text_level());
            if let (Some(first_word), Some(last_text)) = (first_word, last_text) {
                assert!(last_text < first_word, "{chain:?}");
            }
        }
    }

    #[test]
    fn query_chain_is_the_index_chain_without_compounds_and_hyphens() {
        let index: Vec<Step> = Chain::Index
            .steps()
            .iter()
            .copied()
            .filter(|s| !matches!(s, Step::Ellipsis | Step::Decompound))
            .collect();
        assert_eq!(index, Chain::Query.steps());
    }
}
