//! Apostrophe plurals and genitives: `thema's` → `thema`, `Wmo's` → `Wmo`, `AOW'er` → `AOWer`;
//! the curly apostrophe (’) counts as the straight one.

use super::rule::WordRule;

/// The rule: strips a trailing `'s` and joins `'er(s)`, `'tje(s)` to the word.
pub fn normalize(word: &str) -> Option<String> {
    if !word.contains(['\'', '’']) {
        return None;
    }
    let straight = word.replace('’', "'");
    if let Some(base) = straight
        .strip_suffix("'s")
        .or_else(|| straight.strip_suffix("'S"))
    {
        if !base.is_empty() && !base.contains('\'') {
            return Some(base.to_string());
        }
    }
    for ending in ["'ers", "'er", "'tjes", "'tje"] {
        if straight.len() > ending.len() && straight.to_lowercase().ends_with(ending) {
            return Some(straight.replacen('\'', "", 1));
        }
    }
    (straight != word).then_some(straight)
}

/// Applies [`normalize`] to every token (use as `Rule(ApostropheFilter)`).
#[derive(Clone, Copy)]
pub struct ApostropheFilter;

impl WordRule for ApostropheFilter {
    fn rewrite(&self, word: &mut String) {
        if let Some(normal) = normalize(word) {
            *word = normal;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn plurals_and_genitives() {
        assert_eq!(normalize("thema's").as_deref(), Some("thema"));
        assert_eq!(normalize("thema’s").as_deref(), Some("thema"));
        assert_eq!(normalize("Wmo's").as_deref(), Some("Wmo"));
        assert_eq!(normalize("AOW'er").as_deref(), Some("AOWer"));
        assert_eq!(normalize("AOW’ers").as_deref(), Some("AOWers"));
        assert_eq!(normalize("thema"), None);
        assert_eq!(normalize("O’Neill").as_deref(), Some("O'Neill"));
    }
}
