//! Facet counts over all matches, per facet field: a collector that counts facet ordinals per
//! segment and turns only the ordinals that occurred into names, in one sorted pass over the
//! segment's dictionary. (tantivy's `FacetCollector` looks each ordinal up on its own, which
//! unpacks a dictionary block per lookup; on the 15,251-text corpus that was a third of a
//! search's time.)

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts per value of one single-level facet field.
pub struct FacetCounts {
    field: &'static str,
}

impl FacetCounts {
    /// Counts the values of the facet field named `field`.
    pub fn of(field: &'static str) -> FacetCounts {
        FacetCounts { field }
    }
}

/// One segment's counts, per ordinal.
pub struct SegmentFacetCounts {
    reader: FacetReader,
    counts: Vec<u64>,
}

impl Collector for FacetCounts {
    type Fruit = BTreeMap<String, u64>;
    type Child = SegmentFacetCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounts> {
        let reader = reader.facet_reader(self.field)?;
        let counts = vec![0; reader.num_facets()];
        Ok(SegmentFacetCounts { reader, counts })
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
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|ord| self.counts[*ord as usize] > 0)
            .collect();
        let mut names = Vec::with_capacity(ords.len());
        let _ = self
            .reader
            .facet_dict()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                let name = Facet::from_encoded(bytes.to_vec())
                    .ok()
                    .and_then(|facet| facet.to_path().last().map(|v| v.to_string()))
                    .unwrap_or_default();
                names.push(name);
            });
        ords.iter()
            .zip(names)
            .map(|(ord, name)| (name, self.counts[*ord as usize]))
            .collect()
    }
}
