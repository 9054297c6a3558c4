//! The named analyzers, defined in one place. When indexing and querying disagree, check here.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, StopWordFilter, TextAnalyzer, TokenStream,
    TokenizerManager,
};

use super::stemmer::DutchPorterStemmer;
use super::tokenizer::UaxTokenizer;

/// Name of the stemmed Dutch analyzer (recall field).
pub const DUTCH: &str = "nota_nl";
/// Name of the unstemmed analyzer (phrases and exact words).
pub const EXACT: &str = "nota_exact";

/// The stemmed chain. Accents are folded after stop words, so that `één` is not taken for the stop
/// word `een`; the stemmer comes last and sees folded, lowercased words.
pub fn dutch_analyzer() -> TextAnalyzer {
    let stop_words = StopWordFilter::new(Language::Dutch)
        .expect("tantivy is built with the stopwords feature, which has a Dutch list");
    TextAnalyzer::builder(UaxTokenizer::default())
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(AsciiFoldingFilter)
        .filter(DutchPorterStemmer)
        .build()
}

/// The exact chain: words lowercased and accent-folded, nothing removed.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(UaxTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers both analyzers under their names.
pub fn register(manager: &TokenizerManager) {
    manager.register(DUTCH, dutch_analyzer());
    manager.register(EXACT, exact_analyzer());
}

/// The terms `analyzer` makes of `text`, in order.
pub fn analyze_terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dutch(text: &str) -> Vec<String> {
        analyze_terms(&mut dutch_analyzer(), text)
    }

    #[test]
    fn stop_words_go_and_words_are_stemmed() {
        let plural = dutch("De gemeenten en de vrijwilligers");
        assert_eq!(plural.len(), 2, "de, en are stop words: {plural:?}");
        assert_eq!(plural, dutch("gemeente vrijwilliger"));
    }

    #[test]
    fn accents_fold_so_both_spellings_meet() {
        assert_eq!(dutch("ideeën"), dutch("ideeen"));
        assert_eq!(dutch("cliënten"), dutch("clienten"));
    }

    #[test]
    fn een_with_accents_is_not_a_stop_word() {
        assert_eq!(dutch("één"), ["een"]);
        assert!(dutch("een").is_empty());
    }

    #[test]
    fn exact_keeps_every_word_unstemmed() {
        let got = analyze_terms(&mut exact_analyzer(), "De Gemeenten en ideeën");
        assert_eq!(got, ["de", "gemeenten", "en", "ideeen"]);
    }
}
