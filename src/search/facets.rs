//! Facet counts over all matches, per facet field: a collector that counts facet ordinals per
//! segment and turns the ordinals that occurred into names through the segment's list of names,
//! read from its dictionary once and kept while the segment lives. (tantivy's `FacetCollector`
//! looks each ordinal up on its own, which unpacks a dictionary block per lookup; on the
//! 15,251-text corpus that was a third of a search's time, and reading the names at every search
//! still a tenth.) The names are kept by the opened index ([`FacetNames`], a field of
//! [`crate::index::NotaIndex`]), never by the process.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts per value of one single-level facet field.
pub struct FacetCounts<'n> {
    field: &'static str,
    names: &'n FacetNames,
}

impl<'n> FacetCounts<'n> {
    /// Counts the values of the facet field named `field`, with the names kept in `names`.
    pub fn of(field: &'static str, names: &'n FacetNames) -> FacetCounts<'n> {
        FacetCounts { field, names }
    }
}

/// One segment's counts, per ordinal.
pub struct SegmentFacetCounts {
    reader: FacetReader,
    names: Arc<Vec<String>>,
    counts: Vec<u64>,
}

/// Segments whose names are kept; past this the list starts over (segments come and go as the
/// index is updated and merged).
const KEPT_SEGMENTS: usize = 1024;

type Names = FxHashMap<(SegmentId, &'static str), Arc<Vec<String>>>;

/// The names of facet values per segment and field, read once per segment: kept by the index
/// that owns the segments.
#[derive(Default)]
pub struct FacetNames {
    kept: Mutex<Names>,
}

impl FacetNames {
    /// The name of every value of facet `field` in a segment, by ordinal.
    fn of(
        &self,
        segment: SegmentId,
        field: &'static str,
        reader: &FacetReader,
    ) -> Arc<Vec<String>> {
        let kept = || self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(names) = kept().get(&(segment, field)) {
            return names.clone();
        }
        let ords: Vec<u64> = (0..reader.num_facets() as u64).collect();
        let mut names = Vec::with_capacity(ords.len());
        let _ = reader.facet_dict().sorted_ords_to_term_cb(&ords, |bytes| {
            let name = Facet::from_encoded(bytes.to_vec())
                .ok()
                .and_then(|facet| facet.to_path().last().map(|v| v.to_string()))
                .unwrap_or_default();
            names.push(name);
        });
        let names = Arc::new(names);
        let mut kept = kept();
        if kept.len() >= KEPT_SEGMENTS {
            kept.clear();
        }
        kept.insert((segment, field), names.clone());
        names
    }
}

impl Collector for FacetCounts<'_> {
    type Fruit = BTreeMap<String, u64>;
    type Child = SegmentFacetCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounts> {
        let segment = reader.segment_id();
        let reader = reader.facet_reader(self.field)?;
        let counts = vec![0; reader.num_facets()];
        let names = self.names.of(segment, self.field, &reader);
        Ok(SegmentFacetCounts {
            reader,
            names,
            counts,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut merged = BTreeMap::new();
        for fruit in fruits {
            for (name, count) in fruit {
                *merged.entry(name).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounts {
    type Fruit = BTreeMap<String, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for ord in self.reader.facet_ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .filter_map(|(ord, count)| Some((self.names.get(ord)?.clone(), *count)))
            .collect()
    }
}
