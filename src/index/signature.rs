//! MinHash signatures of documents, for near-duplicate detection (`nota duplicates`,
//! `nota search --collapse`): the set of 5-term shingles of a document's analysed terms, sketched
//! by one-permutation hashing — each shingle's hash picks one of 128 bins and the bin keeps its
//! minimum — so a shingle costs one hash, not 128. Two signatures agree in about the share of
//! (non-empty) bins that equals the Jaccard similarity of the two shingle sets. Stored per
//! document in a bytes fast field.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

/// Minimum hashes per signature.
pub const HASHES: usize = 128;
/// Terms per shingle.
pub const SHINGLE: usize = 5;

/// A document's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

/// splitmix64: a cheap, well-mixed 64-bit hash step.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn term_hash(term: &str) -> u64 {
    let mut hasher = FxHasher::default();
    term.hash(&mut hasher);
    hasher.finish()
}

/// The hash of a shingle from its terms' hashes (each term is hashed once, not once per shingle).
fn shingle_hash(window: &[u64]) -> u64 {
    window.iter().fold(0u64, |acc, h| {
        (acc.rotate_left(5) ^ h).wrapping_mul(0x517C_C1B7_2722_0A95)
    })
}

impl Signature {
    /// The signature of a document's analysed `terms` (shingles of [`SHINGLE`] terms; a shorter
    /// document is one shingle).
    pub fn of_terms<S: AsRef<str>>(terms: &[S]) -> Signature {
        let mut mins = [u32::MAX; HASHES];
        let size = SHINGLE.min(terms.len()).max(1);
        if terms.is_empty() {
            return Signature(mins.to_vec());
        }
        let hashes: Vec<u64> = terms.iter().map(|t| term_hash(t.as_ref())).collect();
        for window in hashes.windows(size) {
            let hash = mix(shingle_hash(window));
            let bin = (hash % HASHES as u64) as usize;
            // u32::MAX marks an empty bin, so values stop one short of it.
            let value = ((hash >> 32) as u32).min(u32::MAX - 1);
            if value < mins[bin] {
                mins[bin] = value;
            }
        }
        Signature(mins.to_vec())
    }

    /// The estimated Jaccard similarity of the two documents' shingle sets: the share of bins,
    /// among those filled in either, that hold the same minimum.
    pub fn similarity(&self, other: &Signature) -> f32 {
        let (mut same, mut filled) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if *a != u32::MAX || *b != u32::MAX {
                filled += 1;
                same += usize::from(a == b);
            }
        }
        same as f32 / filled.max(1) as f32
    }

    /// Whether the rows of band `band` are all empty (as in a short text): such a band says
    /// nothing about likeness.
    pub fn band_is_empty(&self, band: usize, rows: usize) -> bool {
        self.0[band * rows..(band + 1) * rows]
            .iter()
            .all(|v| *v == u32::MAX)
    }

    /// Little-endian bytes, for the fast field.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`] back; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        Some(Signature(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }

    /// The hash of band `band` of `rows` values, for locality-sensitive bucketing.
    pub fn band(&self, band: usize, rows: usize) -> u64 {
        let mut hasher = FxHasher::default();
        self.0[band * rows..(band + 1) * rows].hash(&mut hasher);
        hasher.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn near_copies_are_close_and_other_texts_far() {
        let body =
            "de provincie ondersteunt gemeenten bij de aanpak van eenzaamheid onder ouderen \
                    met subsidie voor vrijwilligers en mantelzorgers in alle regio's van het land \
                    en zij evalueert de resultaten jaarlijks met de betrokken organisaties";
        let a = Signature::of_terms(&words(&format!("aan provincie utrecht {body}")));
        let b = Signature::of_terms(&words(&format!("aan provincie zeeland {body}")));
        let c = Signature::of_terms(&words(
            "het waterschap legt dijken aan en beheert de waterkwaliteit van sloten en rivieren \
             in het rivierengebied met steun van het rijk en de europese unie",
        ));
        assert!(a.similarity(&b) > 0.6, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
        assert_eq!(a.similarity(&a), 1.0);
    }

    #[test]
    fn bytes_round_trip() {
        let sig = Signature::of_terms(&["een", "twee"]);
        assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig));
        assert_eq!(Signature::from_bytes(b"kort"), None);
    }
}
