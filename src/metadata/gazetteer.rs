//! The place and date reference data nota ships (`data/gazetteer/`), parsed once on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const PROVINCES_CSV: &str = include_str!("../../data/gazetteer/provinces.csv");
const MUNICIPALITIES_CSV: &str = include_str!("../../data/gazetteer/municipalities.csv");
const ELECTIONS_CSV: &str = include_str!("../../data/gazetteer/elections.csv");
const AMBIGUOUS_TXT: &str = include_str!("../../data/gazetteer/ambiguous_names.txt");

/// One of the twelve provinces, with the other ways texts name it.
#[derive(Debug, Clone)]
pub struct Province {
    /// Canonical name, e.g. `Fryslân`.
    pub name: String,
    /// Other names (`Friesland`, `Fryslan`); "Provincie X" forms are left out, the context rule
    /// in the province detector sees those.
    pub variants: Vec<String>,
    /// Demonyms and adjectives (`Flevolandse`, `Overijssels`).
    pub demonyms: Vec<String>,
}

/// A municipality, current or former, and the province it was in while it existed.
#[derive(Debug, Clone)]
pub struct Municipality {
    /// Name as CBS writes it, e.g. `Twenterand`.
    pub name: String,
    /// Other names without CBS's qualifier (`Hengelo` for `Hengelo (O.)`).
    pub aliases: Vec<String>,
    /// Canonical province name.
    pub province: String,
    /// Whether it still exists.
    pub current: bool,
}

/// A regular election day.
#[derive(Debug, Clone)]
pub struct Election {
    /// Year, month and day.
    pub date: (i32, u32, u32),
    /// `provinciale_staten`, `gemeenteraad`, `tweede_kamer`, …
    pub kind: String,
}

/// All reference data.
#[derive(Debug)]
pub struct Gazetteer {
    /// The twelve provinces.
    pub provinces: Vec<Province>,
    /// Municipalities, current and former.
    pub municipalities: Vec<Municipality>,
    /// Election days.
    pub elections: Vec<Election>,
    /// Names counted only after "gemeente", "in" or "te".
    pub ambiguous: Vec<String>,
    /// Index in `municipalities` by folded name ([`fold_name`]), a current one before a former.
    by_folded_name: HashMap<String, usize>,
}

#[derive(Deserialize)]
struct ProvinceRow {
    name: String,
    variants: String,
    demonyms: String,
}

#[derive(Deserialize)]
struct MunicipalityRow {
    name: String,
    province: String,
    valid_to: String,
    aliases: String,
}

#[derive(Deserialize)]
struct ElectionRow {
    date: String,
    kind: String,
}

fn split_bar(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn rows<T: for<'de> Deserialize<'de>>(csv_text: &str) -> Vec<T> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .deserialize()
        .map(|row| row.expect("the shipped gazetteer CSV files are well-formed"))
        .collect()
}

fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((year, month, day))
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let provinces = rows::<ProvinceRow>(PROVINCES_CSV)
            .into_iter()
            .map(|row| Province {
                variants: split_bar(&row.variants)
                    .into_iter()
                    .filter(|v| !v.to_lowercase().starts_with("provin"))
                    .collect(),
                demonyms: split_bar(&row.demonyms),
                name: row.name,
            })
            .collect();
        let municipalities: Vec<Municipality> = rows::<MunicipalityRow>(MUNICIPALITIES_CSV)
            .into_iter()
            .map(|row| Municipality {
                aliases: split_bar(&row.aliases),
                current: row.valid_to.trim().is_empty(),
                province: row.province,
                name: row.name,
            })
            .collect();
        let elections = rows::<ElectionRow>(ELECTIONS_CSV)
            .into_iter()
            .filter_map(|row| {
                Some(Election {
                    date: parse_date(&row.date)?,
                    kind: row.kind,
                })
            })
            .collect();
        let ambiguous = AMBIGUOUS_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let mut by_folded_name = HashMap::new();
        for current in [true, false] {
            for (i, m) in municipalities.iter().enumerate() {
                if m.current == current {
                    by_folded_name.entry(fold_name(&m.name)).or_insert(i);
                }
            }
        }
        Gazetteer {
            provinces,
            municipalities,
            elections,
            ambiguous,
            by_folded_name,
        }
    }

    /// The shared, lazily parsed gazetteer.
    pub fn get() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(Gazetteer::load)
    }

    /// The municipality a spelling names, however cased, accented or hyphenated
    /// (`middendrenthe`, `Midden Drenthe`), a current one before a former one of that name.
    pub fn municipality_named(&self, value: &str) -> Option<&Municipality> {
        self.by_folded_name
            .get(&fold_name(value))
            .map(|&i| &self.municipalities[i])
    }

    /// The canonical province name for a user's spelling: `friesland`, `Fryslan`, `noord-holland`,
    /// `Noord Holland` all resolve.
    pub fn resolve_province(&self, value: &str) -> Option<&str> {
        let wanted = fold_name(value);
        self.provinces
            .iter()
            .find(|p| {
                fold_name(&p.name) == wanted || p.variants.iter().any(|v| fold_name(v) == wanted)
            })
            .map(|p| p.name.as_str())
    }
}

impl Gazetteer {
    /// [`Gazetteer::resolve_province`], or a message that lists the valid provinces.
    pub fn province_named(&self, value: &str) -> Result<String, String> {
        if let Some(name) = self.resolve_province(value) {
            return Ok(name.to_string());
        }
        let valid: Vec<&str> = self.provinces.iter().map(|p| p.name.as_str()).collect();
        Err(format!(
            "unknown province '{value}'; valid provinces: {} (case, hyphens and variants such as \
             Friesland or Brabant are accepted)",
            valid.join(", ")
        ))
    }
}

/// Lowercase, accents and separators removed: the form user input is compared in.
pub fn fold_name(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'â' | 'á' | 'à' | 'ä' => 'a',
            'ê' | 'é' | 'è' | 'ë' => 'e',
            'î' | 'í' | 'ï' => 'i',
            'ô' | 'ó' | 'ö' => 'o',
            'û' | 'ú' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_all_rows() {
        let g = Gazetteer::get();
        assert_eq!(g.provinces.len(), 12);
        assert_eq!(g.municipalities.len(), 609);
        assert!(g.elections.iter().any(|e| e.date == (2015, 3, 18)));
    }

    #[test]
    fn resolves_user_spellings() {
        let g = Gazetteer::get();
        assert_eq!(g.resolve_province("friesland"), Some("Fryslân"));
        assert_eq!(g.resolve_province("FRYSLAN"), Some("Fryslân"));
        assert_eq!(g.resolve_province("noord-holland"), Some("Noord-Holland"));
        assert_eq!(g.resolve_province("Noord Holland"), Some("Noord-Holland"));
        assert_eq!(g.resolve_province("brabant"), Some("Noord-Brabant"));
        assert_eq!(g.resolve_province("Vlaanderen"), None);
    }

    #[test]
    fn former_municipality_keeps_its_old_province() {
        let g = Gazetteer::get();
        let leerdam = g.municipalities.iter().find(|m| m.name == "Leerdam");
        assert_eq!(leerdam.map(|m| m.province.as_str()), Some("Zuid-Holland"));
        assert_eq!(leerdam.map(|m| m.current), Some(false));
    }
}
