//! Facet counts over all matches, per facet field: a collector that counts facet ordinals per
//! segment and turns the ordinals that occurred into names through the segment's list of names,
//! read from its dictionary once and kept while the segment lives. (tantivy's `FacetCollector`
//! looks each ordinal up on its own, which unpacks a dictionary block per lookup; on the
//! 15,251-text corpus that was a third of a search's time, and reading the names at every search
//! still a tenth.) The names are kept by the opened index ([`FacetNames`], a field of
//! [`crate::index::NotaIndex`]), never by the process.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::FacetNames;

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

/// The name of every value of a facet in a segment, by ordinal, read from its dictionary.
fn read_names(reader: &FacetReader) -> Vec<String> {
    let ords: Vec<u64> = (0..reader.num_facets() as u64).collect();
    let mut names = Vec::with_capacity(ords.len());
    let _ = reader.facet_dict().sorted_ords_to_term_cb(&ords, |bytes| {
        let name = Facet::from_encoded(bytes.to_vec())
            .ok()
            .and_then(|facet| facet.to_path().last().map(|v| v.to_string()))
            .unwrap_or_default();
        names.push(name);
    });
    names
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
        let names = self
            .names
            .get_or_read(segment, self.field, || read_names(&reader));
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
