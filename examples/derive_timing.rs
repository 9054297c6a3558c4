use std::time::Instant;
fn main() {
    let files = nota::ingest::walk::walk(&[std::path::PathBuf::from("/tmp/big")]).files;
    let texts: Vec<String> = files
        .iter()
        .map(|f| nota::ingest::decode::decode(&std::fs::read(f).unwrap()).unwrap())
        .collect();
    let tax = nota::metadata::Taxonomy::builtin();
    let mut an = nota::analysis::dutch::dutch_analyzer();
    let t = Instant::now();
    let toks: Vec<Vec<String>> = texts
        .iter()
        .map(|t| nota::analysis::analyze_terms(&mut an, t))
        .collect();
    println!("analyze {:?}", t.elapsed());
    let t = Instant::now();
    for (x, terms) in texts.iter().zip(&toks) {
        nota::metadata::derive_with_terms(x, terms, "f", &tax);
    }
    println!("derive_with_terms {:?}", t.elapsed());
    let t = Instant::now();
    for x in &texts {
        nota::metadata::province::detect(x);
    }
    println!("province {:?}", t.elapsed());
    let t = Instant::now();
    for x in &texts {
        nota::metadata::year::detect(x);
    }
    println!("year {:?}", t.elapsed());
    let t = Instant::now();
    for x in &texts {
        nota::metadata::title::detect(x);
        nota::metadata::doc_type::detect(x, &tax);
        nota::metadata::author::detect(x, &[]);
    }
    println!("title+type+author {:?}", t.elapsed());
    let t = Instant::now();
    for terms in &toks {
        nota::metadata::taxonomy::match_labels(&tax.themes, terms, &[]);
        nota::metadata::taxonomy::match_labels(&tax.roles, terms, &[]);
    }
    println!("labels {:?}", t.elapsed());
}
