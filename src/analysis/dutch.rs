//! The named analyzers, defined in one place. When indexing and querying disagree, check here.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, StopWordFilter, TextAnalyzer,
    TokenStream, Tokenizer, TokenizerManager,
};

use super::filters::apostrophe::ApostropheFilter;
use super::filters::decompound::Decompounder;
use super::filters::ellipsis::{expansions, EllipsisFilter};
use super::filters::memo::{self, Tail, WordMemo};
use super::filters::plural_diaeresis::PluralDiaeresis;
use super::filters::rule::Rule;
use super::filters::stemmer::DutchPorterStemmer;
use super::packed::Tokens;
use super::tokenizer::UaxTokenizer;

/// Name of the stemmed Dutch analyzer (recall field).
pub const DUTCH: &str = "nota_nl";
/// Name of the unstemmed analyzer (phrases and exact words).
pub const EXACT: &str = "nota_exact";

/// Tantivy's Dutch stop words (the Snowball list).
pub fn stop_words() -> StopWordFilter {
    StopWordFilter::new(Language::Dutch)
        .expect("tantivy is built with the stopwords feature, which has a Dutch list")
}

/// The stemmed chain for documents:
/// words → hyphen ellipsis (`zorg- en welzijnstaken` adds `zorgtaken`) → apostrophes (`thema's`
/// → `thema`) → lowercase → compound parts (`welzijnstaken` adds `welzijn`, `taken`) → stop words
/// → diaeresis plurals (`ideeën` → `idee`) → accent folding → stem overrides and `dutch_porter`
/// stemming.
/// Accents are folded after stop words, so that `één` is not taken for `een`.
/// Everything after the hyphen rules works word by word and runs through [`WordMemo`]: once per
/// distinct word (as written) and thread; the hyphen rules come first and keep the text's case.
pub fn dutch_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(UaxTokenizer::default())
        .filter(EllipsisFilter)
        .filter(WordMemo(Tail::Dutch))
        .build()
}

/// What [`dutch_analyzer`] does to one word as written (given as the whole text): apostrophes,
/// lowercase, the word and its compound parts, without stop words, plurals singular, accents
/// folded, stemmed.
pub fn word_tail() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Rule(ApostropheFilter))
        .filter(LowerCaser)
        .filter(Decompounder)
        .filter(stop_words())
        .filter(Rule(PluralDiaeresis))
        .filter(AsciiFoldingFilter)
        .filter(Rule(DutchPorterStemmer))
        .build()
}

/// The stemmed chain for queries: as [`dutch_analyzer`] without the compound and ellipsis
/// filters, so that a query word stays one term (compound parts at one position would make
/// tantivy read a query word as a phrase); the query builder adds the parts as a clause of its
/// own.
pub fn dutch_query_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(UaxTokenizer::default())
        .filter(Rule(ApostropheFilter))
        .filter(LowerCaser)
        .filter(stop_words())
        .filter(Rule(PluralDiaeresis))
        .filter(AsciiFoldingFilter)
        .filter(Rule(DutchPorterStemmer))
        .build()
}

/// The exact chain: words with apostrophes normalised, lowercased and accent-folded; nothing
/// removed or stemmed. The work on each word ([`exact_word_tail`]) is remembered ([`WordMemo`]).
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(UaxTokenizer::default())
        .filter(WordMemo(Tail::Exact))
        .build()
}

/// What [`exact_analyzer`] does to one word as written (given as the whole text).
pub fn exact_word_tail() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Rule(ApostropheFilter))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Both document chains' tokens of `text` in one pass: `(stemmed, exact)`, the same as
/// [`dutch_analyzer`] and [`exact_analyzer`] make, with the words found once and each looked up
/// once in the word memory ([`super::filters::memo`]) for both chains. Indexing uses this; the
/// analyzers stay for everything else (titles, queries, snippets, explanations).
pub fn document_tokens(text: &str) -> (Tokens, Tokens) {
    let mut tokenizer = UaxTokenizer::default();
    let words = Tokens::from_stream(&mut tokenizer.token_stream(text), text.len());
    let extra = expansions(text, &words);
    let mut extra = extra.iter().peekable();
    let mut stemmed = Tokens::with_capacity(text.len());
    let mut exact = Tokens::with_capacity(text.len());
    for i in 0..words.len() {
        let (offsets, position) = (words.offsets(i), words.position(i));
        memo::with_terms(words.term(i), |both| {
            both.dutch
                .for_each(|term| stemmed.push(term, offsets, position));
            both.exact
                .for_each(|term| exact.push(term, offsets, position));
        });
        // Words the hyphens add come right after the token they extend, at its place.
        while let Some((_, word)) = extra.next_if(|(at, _)| *at == i) {
            memo::with_terms(word, |both| {
                both.dutch
                    .for_each(|term| stemmed.push(term, offsets, position));
            });
        }
    }
    (stemmed, exact)
}

/// The first (v1) stemmed chain, kept as the baseline that measurements compare against:
/// words → lowercase → stop words → accent folding → plain `dutch_porter` stemming.
pub fn dutch_v1_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(UaxTokenizer::default())
        .filter(LowerCaser)
        .filter(stop_words())
        .filter(AsciiFoldingFilter)
        .filter(Rule(super::filters::stemmer::PlainPorterStemmer))
        .build()
}

/// Registers the document analyzers under their names. Both take the tokens metadata
/// derivation left for a text ([`super::handoff`]) instead of analysing it again.
pub fn register(manager: &TokenizerManager) {
    use super::handoff::HandoffAnalyzer;
    manager.register(DUTCH, HandoffAnalyzer::new(dutch_analyzer(), Tail::Dutch));
    manager.register(EXACT, HandoffAnalyzer::new(exact_analyzer(), Tail::Exact));
}

/// The analyzers queries are read with, under the same names as the document ones.
pub fn query_analyzers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(DUTCH, dutch_query_analyzer());
    manager.register(EXACT, exact_analyzer());
    manager
}

/// The tokens `analyzer` makes of `text`, with positions and offsets.
pub fn analyze_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<tantivy::tokenizer::Token> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    tokens
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

    fn described(tokens: Vec<tantivy::tokenizer::Token>) -> Vec<(String, usize, usize, usize)> {
        tokens
            .into_iter()
            .map(|t| (t.text, t.position, t.offset_from, t.offset_to))
            .collect()
    }

    fn packed(tokens: &Tokens) -> Vec<(String, usize, usize, usize)> {
        (0..tokens.len())
            .map(|i| {
                let (from, to) = tokens.offsets(i);
                (tokens.term(i).to_string(), tokens.position(i), from, to)
            })
            .collect()
    }

    #[test]
    fn remembered_words_give_the_tokens_of_the_whole_chain() {
        use crate::analysis::explain::{every_step, Chain};
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = vec![
            "Zorg- en welzijnstaken, (arbeids-)participatie, ideeën en ideeen, één of een"
                .to_string(),
            "Beleidsvoorbereiding EN -uitvoering, Sociaal-economische thema's en AOW'ers"
                .to_string(),
        ];
        for entry in std::fs::read_dir(corpus).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        // The chains as data, every step applied to every word (analysis::explain).
        let mut dutch_whole = every_step(Chain::Index);
        let mut exact_whole = every_step(Chain::Exact);
        // Twice, so that the second pass comes from memory.
        for text in texts.iter().chain(texts.iter()) {
            let remembered = described(analyze_tokens(&mut dutch_analyzer(), text));
            let whole = described(analyze_tokens(&mut dutch_whole, text));
            assert!(!whole.is_empty());
            assert_eq!(remembered, whole);
            let remembered = described(analyze_tokens(&mut exact_analyzer(), text));
            let whole_exact = described(analyze_tokens(&mut exact_whole, text));
            assert_eq!(remembered, whole_exact);
            // Indexing's single pass over both chains gives the same tokens.
            let (stemmed, exact) = document_tokens(text);
            assert_eq!(packed(&stemmed), whole);
            assert_eq!(packed(&exact), whole_exact);
        }
    }

    #[test]
    fn exact_keeps_every_word_unstemmed() {
        let got = analyze_terms(&mut exact_analyzer(), "De Gemeenten en ideeën");
        assert_eq!(got, ["de", "gemeenten", "en", "ideeen"]);
    }
}
