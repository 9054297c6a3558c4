fn main() {
    let heads = fst::Map::new(std::fs::read("data/lexicon/heads.fst").unwrap()).unwrap();
    let tails = fst::Set::new(std::fs::read("data/lexicon/tails.fst").unwrap()).unwrap();
    let freq = fst::Map::new(std::fs::read("data/lexicon/freq.fst").unwrap()).unwrap();
    for w in std::env::args().skip(1) {
        println!(
            "{w}: head={:?} tail={} freq={:?} split={:?}",
            heads.get(&w),
            tails.contains(&w),
            freq.get(&w),
            nota::analysis::filters::decompound::split(&w)
        );
    }
}
