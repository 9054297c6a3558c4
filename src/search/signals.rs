//! The ranking signals a query is built from, each of which can be left out to measure what it
//! adds (`benches/relevance.sh`, `nota search --without SIGNAL`).

use std::fmt;
use std::str::FromStr;

/// One signal of the text query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The title as a field of its own, boosted.
    Title,
    /// A query compound's parts near each other (`jeugdzorg` → "zorg voor de jeugd").
    Parts,
    /// Adjacent query words also searched joined (`leer plicht` → leerplicht).
    Joined,
    /// A word's derivations and inflections (`dakloze` → dakloosheid).
    Families,
    /// The synonym list (`Wmo` = "Wet maatschappelijke ondersteuning").
    Synonyms,
    /// The query words close together rank above the words scattered.
    Proximity,
}

impl Signal {
    /// Every signal, in the order reports list them.
    pub const ALL: [Signal; 6] = [
        Signal::Title,
        Signal::Parts,
        Signal::Joined,
        Signal::Families,
        Signal::Synonyms,
        Signal::Proximity,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Title => "title",
            Signal::Parts => "parts",
            Signal::Joined => "joined",
            Signal::Families => "families",
            Signal::Synonyms => "synonyms",
            Signal::Proximity => "proximity",
        }
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Signal {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Signal::ALL
            .into_iter()
            .find(|signal| signal.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Signal::ALL.iter().map(|s| s.name()).collect();
                format!("unknown signal '{s}'; valid: {}", names.join(", "))
            })
    }
}

/// Which signals a search uses: all, unless some are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Signals {
    off: u8,
}

impl Signals {
    /// Every signal but `signal`.
    pub fn without(mut self, signal: Signal) -> Self {
        self.off |= 1 << signal as u8;
        self
    }

    /// Whether `signal` is used.
    pub fn on(self, signal: Signal) -> bool {
        self.off & (1 << signal as u8) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_left_out_one_by_one() {
        let signals = Signals::default().without(Signal::Title);
        assert!(!signals.on(Signal::Title));
        assert!(Signal::ALL[1..].iter().all(|s| signals.on(*s)));
        assert_eq!("proximity".parse::<Signal>(), Ok(Signal::Proximity));
        assert!("nearness"
            .parse::<Signal>()
            .unwrap_err()
            .contains("valid: title"));
    }
}
