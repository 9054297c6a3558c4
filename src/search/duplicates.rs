//! Near-duplicates: groups of documents with (almost) the same text — the same memo saved as PDF
//! and DOCX, a letter sent to every province — found from the MinHash signatures stored at index
//! time ([`crate::index::signature`]): locality-sensitive bands propose pairs, the signatures'
//! agreement (an estimate of the Jaccard similarity of 5-term shingles) confirms them, and
//! confirmed pairs join into groups. Also the collapse of near-copies in a hit list.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::NotaError;
use crate::index::signature::{Signature, HASHES};
use crate::index::{document, schema, NotaIndex};

/// Signature agreement from which two documents count as near-duplicates.
pub const DEFAULT_THRESHOLD: f32 = 0.8;
/// Locality-sensitive hashing: bands of rows; two documents are compared when one band agrees.
const ROWS: usize = 4;
const BANDS: usize = HASHES / ROWS;
/// Buckets larger than this compare each member with the first only.
const FULL_COMPARE: usize = 64;

/// One member of a group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Member {
    /// Path as indexed.
    pub path: String,
    /// Title.
    pub title: String,
    /// Year written.
    pub year: Option<i32>,
}

/// Documents with (almost) the same text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    /// The lowest estimated similarity of a member to the group's first document.
    pub similarity: f32,
    /// The members, by path.
    pub documents: Vec<Member>,
}

/// `nota duplicates`'s answer.
#[derive(Debug, Clone, Serialize)]
pub struct Duplicates {
    /// The threshold used.
    pub threshold: f32,
    /// Documents looked at.
    pub documents: usize,
    /// The groups, largest first.
    pub groups: Vec<Group>,
}

/// The signature of the document at `address`, if it has one.
pub fn signature_at(searcher: &Searcher, address: DocAddress) -> Option<Signature> {
    let segment = searcher.segment_reader(address.segment_ord);
    let column = segment.fast_fields().bytes(schema::MINHASH).ok()??;
    let ord = column.term_ords(address.doc_id).next()?;
    let mut bytes = Vec::new();
    column.ord_to_bytes(ord, &mut bytes).ok()?;
    Signature::from_bytes(&bytes)
}

/// Every live document's address and signature (documents without text have none).
fn all_signatures(searcher: &Searcher) -> Vec<(DocAddress, Signature)> {
    let mut out = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Ok(Some(column)) = segment.fast_fields().bytes(schema::MINHASH) else {
            continue;
        };
        let mut bytes = Vec::new();
        for doc_id in segment.doc_ids_alive() {
            let Some(ord) = column.term_ords(doc_id).next() else {
                continue;
            };
            bytes.clear();
            if column.ord_to_bytes(ord, &mut bytes).unwrap_or(false) {
                if let Some(signature) = Signature::from_bytes(&bytes) {
                    if signature.0.iter().any(|v| *v != u32::MAX) {
                        out.push((DocAddress::new(segment_ord as u32, doc_id), signature));
                    }
                }
            }
        }
    }
    out
}

/// Union-find over document indexes.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut at = i;
        while self.0[at] != root {
            let next = self.0[at];
            self.0[at] = root;
            at = next;
        }
        root
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Pairs of indexes into `signatures` whose similarity reaches `threshold`.
fn similar_pairs<K>(signatures: &[(K, Signature)], threshold: f32) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, (_, signature)) in signatures.iter().enumerate() {
            // A band of empty bins (a short text) says nothing about likeness.
            if !signature.band_is_empty(band, ROWS) {
                buckets
                    .entry(signature.band(band, ROWS))
                    .or_default()
                    .push(i);
            }
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            let compare = |a: usize, b: usize, pairs: &mut Vec<(usize, usize)>| {
                if signatures[a].1.similarity(&signatures[b].1) >= threshold {
                    pairs.push((a.min(b), a.max(b)));
                }
            };
            if members.len() <= FULL_COMPARE {
                for (k, &a) in members.iter().enumerate() {
                    for &b in &members[k + 1..] {
                        compare(a, b, &mut pairs);
                    }
                }
            } else {
                for &b in &members[1..] {
                    compare(members[0], b, &mut pairs);
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn member(searcher: &Searcher, nota: &NotaIndex, address: DocAddress) -> Result<Member, NotaError> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let stored = document::read(&nota.fields, &doc);
    Ok(match stored {
        Some(stored) => Member {
            path: stored.path,
            title: stored.meta.title,
            year: stored.meta.year,
        },
        None => Member {
            path: format!("{address:?}"),
            title: String::new(),
            year: None,
        },
    })
}

/// The groups of near-duplicates in the index.
pub fn duplicates(nota: &NotaIndex, threshold: f32) -> Result<Duplicates, NotaError> {
    let searcher = nota.reader.searcher();
    let signatures = all_signatures(&searcher);
    let mut groups = Vec::new();
    for (similarity, members) in groups_of(&signatures, threshold) {
        let documents = members
            .iter()
            .map(|&i| member(&searcher, nota, signatures[i].0))
            .collect::<Result<Vec<_>, _>>()?;
        groups.push(group(similarity, documents));
    }
    Ok(answer(threshold, signatures.len(), groups))
}

/// The groups of near-duplicates among `signatures`: each group's lowest similarity to its
/// first member, and its members (indexes into `signatures`).
pub fn groups_of<K>(signatures: &[(K, Signature)], threshold: f32) -> Vec<(f32, Vec<usize>)> {
    let mut sets = Sets((0..signatures.len()).collect());
    for (a, b) in similar_pairs(signatures, threshold) {
        sets.join(a, b);
    }
    let mut grouped: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..signatures.len() {
        let root = sets.find(i);
        grouped.entry(root).or_default().push(i);
    }
    grouped
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|members| {
            let first = &signatures[members[0]].1;
            let similarity = members[1..]
                .iter()
                .map(|&i| first.similarity(&signatures[i].1))
                .fold(1.0f32, f32::min);
            (similarity, members)
        })
        .collect()
}

/// A group of `documents`, by path.
pub fn group(similarity: f32, mut documents: Vec<Member>) -> Group {
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    Group {
        similarity,
        documents,
    }
}

/// The answer: the groups, largest first, of `documents` looked at.
pub fn answer(threshold: f32, documents: usize, mut groups: Vec<Group>) -> Duplicates {
    groups.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(a.documents[0].path.cmp(&b.documents[0].path))
    });
    Duplicates {
        threshold,
        documents,
        groups,
    }
}

/// Which of `addresses` (best first) to keep when near-copies of a better one are folded away.
pub fn collapse(searcher: &Searcher, addresses: &[DocAddress], threshold: f32) -> Vec<bool> {
    let signatures: Vec<Option<Signature>> = addresses
        .iter()
        .map(|a| signature_at(searcher, *a))
        .collect();
    collapse_signatures(&signatures, threshold)
}

/// The first `limit` of `hits` that `keep` keeps, and how many it folded away.
pub fn kept<T>(hits: Vec<T>, keep: &[bool], limit: usize) -> (Vec<T>, usize) {
    let folded = keep.iter().filter(|k| !**k).count();
    let kept = hits
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(hit, _)| hit)
        .take(limit)
        .collect();
    (kept, folded)
}

/// Which of the hits with `signatures` (best first) to keep: each that is no near-copy of a
/// better one kept.
pub fn collapse_signatures(signatures: &[Option<Signature>], threshold: f32) -> Vec<bool> {
    let mut keep = vec![true; signatures.len()];
    for i in 0..signatures.len() {
        let Some(mine) = &signatures[i] else {
            continue;
        };
        keep[i] = !(0..i).any(|j| {
            keep[j]
                && signatures[j]
                    .as_ref()
                    .is_some_and(|theirs| theirs.similarity(mine) >= threshold)
        });
    }
    keep
}
