//! Proximity as a rescoring of the best hits: each pair of adjacent query words standing near
//! each other in a document ([`Near`]) adds to its score, for the first [`WINDOW`] hits of the
//! query only. The bonus is what a sloppy phrase clause (`"a b"~3`) would add, BM25 over the
//! number of times the pair stands within the slop, computed from the two words' positions in
//! each hit instead of a clause that every matching document is scored on: tantivy's phrase
//! scorer, asked about one document, reads on to the next one that has the phrase. A document
//! below the window that the bonus would have lifted into it is not seen.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term};

use crate::error::NotaError;

/// Hits rescored: the first page of any search of up to 100 hits ranks the same whatever its
/// `--limit`.
pub const WINDOW: usize = 100;

/// The proximity bonus of a query: its pairs of adjacent words, per field.
#[derive(Debug, Clone)]
pub struct Near {
    pairs: Vec<Pair>,
    /// How far from where a phrase would put it the second word may stand, in positions.
    slop: u32,
}

/// Two adjacent query words as terms of one field, and what their standing near each other
/// weighs.
#[derive(Debug, Clone)]
struct Pair {
    first: Term,
    second: Term,
    boost: Score,
}

impl Near {
    /// No pairs yet; positions further apart than `slop` do not count.
    pub fn new(slop: u32) -> Near {
        Near {
            pairs: Vec::new(),
            slop,
        }
    }

    /// Adds the pair `first`, `second` (terms of `field`) with weight `boost`.
    pub fn pair(&mut self, field: Field, first: &str, second: &str, boost: Score) {
        self.pairs.push(Pair {
            first: Term::from_field_text(field, first),
            second: Term::from_field_text(field, second),
            boost,
        });
    }

    /// Whether there is no pair to look for.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// `hits` (best first) with the proximity bonus of `near` added to each, best first again.
pub fn rescored(
    searcher: &Searcher,
    near: &Near,
    mut hits: Vec<(Score, DocAddress)>,
) -> Result<Vec<(Score, DocAddress)>, NotaError> {
    if hits.is_empty() {
        return Ok(hits);
    }
    // The same weight a phrase query of the pair has: idf of both words, this field's lengths.
    let weights = near
        .pairs
        .iter()
        .map(|p| {
            Bm25Weight::for_terms(searcher, &[p.first.clone(), p.second.clone()])
                .map(|w| w.boost_by(p.boost))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Postings move forward only: the hits segment by segment, in document order.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| hits[i].1);
    let mut at = 0;
    while at < order.len() {
        let segment = hits[order[at]].1.segment_ord;
        let end = at
            + order[at..]
                .iter()
                .take_while(|&&i| hits[i].1.segment_ord == segment)
                .count();
        let reader = searcher.segment_reader(segment);
        for (pair, weight) in near.pairs.iter().zip(&weights) {
            let Some(mut pair) = PairPostings::open(reader, pair)? else {
                continue;
            };
            for &i in &order[at..end] {
                let doc = hits[i].1.doc_id;
                if let Some((count, fieldnorm_id)) = pair.count_near(doc, near.slop) {
                    hits[i].0 += weight.score(fieldnorm_id, count);
                }
            }
        }
        at = end;
    }
    // Stable: hits that tie keep the order the search gave them.
    hits.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(hits)
}

/// The postings (with positions) of a pair's two terms in one segment.
struct PairPostings {
    first: SegmentPostings,
    second: SegmentPostings,
    fieldnorms: tantivy::fieldnorm::FieldNormReader,
    positions: (Vec<u32>, Vec<u32>),
}

impl PairPostings {
    /// `None` when the segment lacks either term.
    fn open(reader: &SegmentReader, pair: &Pair) -> Result<Option<PairPostings>, NotaError> {
        let field = pair.first.field();
        let index = reader.inverted_index(field)?;
        let with_positions = IndexRecordOption::WithFreqsAndPositions;
        let read = |term| {
            index
                .read_postings(term, with_positions)
                .map_err(tantivy::TantivyError::from)
        };
        let (first, second) = (read(&pair.first)?, read(&pair.second)?);
        let (Some(first), Some(second)) = (first, second) else {
            return Ok(None);
        };
        Ok(Some(PairPostings {
            first,
            second,
            fieldnorms: reader.get_fieldnorms_reader(field)?,
            positions: Default::default(),
        }))
    }

    /// How often the pair stands within `slop` in `doc` (called with rising `doc`s), and the
    /// document's field length id; `None` when not at all.
    fn count_near(&mut self, doc: DocId, slop: u32) -> Option<(u32, u8)> {
        if seek(&mut self.first, doc) != doc || seek(&mut self.second, doc) != doc {
            return None;
        }
        let (first, second) = &mut self.positions;
        self.first.positions(first);
        self.second.positions(second);
        let count = count_within(first, second, slop);
        (count > 0).then(|| (count, self.fieldnorms.fieldnorm_id(doc)))
    }
}

/// Moves `postings` to `doc` or past it.
fn seek(postings: &mut SegmentPostings, doc: DocId) -> DocId {
    if postings.doc() < doc {
        postings.seek(doc)
    } else {
        postings.doc()
    }
}

/// How many times the second word follows the first within `slop` positions of where a phrase
/// would put it (`first` and `second` ascending), each position used once: the count tantivy's
/// sloppy phrase scorer gives a two-word phrase.
fn count_within(first: &[u32], second: &[u32], slop: u32) -> u32 {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < first.len() && j < second.len() {
        // Where the phrase would want the first word, given the second's position.
        let left = i64::from(first[i]);
        let right = i64::from(second[j]) - 1;
        if left.abs_diff(right) <= u64::from(slop) {
            // A later first word closer to this second one is the better match.
            while i + 1 < first.len() && i64::from(first[i + 1]) <= right {
                i += 1;
            }
            count += 1;
            i += 1;
            j += 1;
        } else if left < right {
            i += 1;
        } else {
            j += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::count_within;

    #[test]
    fn words_count_as_near_within_the_slop_in_the_order_typed() {
        // Side by side, then with three words between: both within slop 3.
        assert_eq!(count_within(&[0, 10], &[1, 14], 3), 2);
        // Four words between: too far.
        assert_eq!(count_within(&[0], &[5], 3), 0);
        // Each position counts once: one second word after two first ones.
        assert_eq!(count_within(&[0, 1], &[2], 3), 1);
        // A little out of order too, as in tantivy's sloppy phrases: "b a" is 2 from "a b".
        assert_eq!(count_within(&[5], &[4], 3), 1);
        assert_eq!(count_within(&[], &[2], 3), 0);
    }
}
