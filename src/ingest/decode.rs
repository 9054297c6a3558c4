//! Bytes to text: UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or without one when the
//! zero bytes say so), otherwise Windows-1252; UTF-8 with a few broken bytes is read as UTF-8 with
//! a note. The result is NFC-normalised so that a combining diaeresis equals the composed letter.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes that don't follow the UTF-16 pattern: a binary file.
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "not a text file (it contains NUL bytes)"),
        }
    }
}

/// Text and, when the bytes were not clean, a note saying how they were read.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// NFC text.
    pub text: String,
    /// What was odd about the bytes, for the report.
    pub note: Option<String>,
}

/// The encoding of `bytes`, and a note when it was a guess worth reporting.
pub fn detect_encoding(
    bytes: &[u8],
) -> Result<(&'static Encoding, Option<&'static str>), DecodeError> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok((encoding, None));
    }
    if bytes.contains(&0) {
        return match utf16_without_bom(bytes) {
            Some(encoding) => Ok((encoding, Some("UTF-16 without a byte order mark"))),
            None => Err(DecodeError::Binary),
        };
    }
    if std::str::from_utf8(bytes).is_ok() {
        Ok((UTF_8, None))
    } else if mostly_utf8(bytes) {
        Ok((UTF_8, Some("invalid UTF-8 bytes replaced by \u{FFFD}")))
    } else {
        Ok((WINDOWS_1252, None))
    }
}

/// UTF-16 text without a BOM has a zero byte in most code units (Dutch text is mostly ASCII): in
/// the odd bytes for little-endian, in the even bytes for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= units * 7 && even * 10 < units {
        Some(UTF_16LE)
    } else if even * 10 >= units * 7 && odd * 10 < units {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether `bytes` is UTF-8 with a few broken sequences rather than a single-byte encoding: it has
/// valid multi-byte sequences, and at most one broken byte in a hundred.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid_multibyte > 0 && invalid * 100 <= bytes.len()
}

/// Decodes `bytes` to NFC text.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_noted(bytes).map(|d| d.text)
}

/// Decodes `bytes` to NFC text, with a note when they were not clean.
pub fn decode_noted(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (encoding, note) = detect_encoding(bytes)?;
    // `decode` sniffs and strips the BOM itself; without one it uses `encoding`.
    let (text, _, _) = encoding.decode(bytes);
    Ok(Decoded {
        text: to_nfc(&text),
        note: note.map(str::to_string),
    })
}

/// Decodes `bytes` in the encoding named by `label` (an HTML or MIME charset), falling back to
/// [`decode`]'s detection when the label is unknown.
pub fn decode_labelled(bytes: &[u8], label: Option<&str>) -> Result<String, DecodeError> {
    match label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        Some(encoding) => Ok(to_nfc(&encoding.decode(bytes).0)),
        None => decode(bytes),
    }
}

/// NFC form of `text`.
pub fn to_nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("ideeën".as_bytes()).unwrap(), "ideeën");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("cliënt".as_bytes());
        assert_eq!(decode(&with_bom).unwrap(), "cliënt");
    }

    #[test]
    fn utf16_both_byte_orders() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("één".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap(), "één");
        let mut be = vec![0xFE, 0xFF];
        be.extend("één".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap(), "één");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // "privé – € 5" in Windows-1252.
        let bytes = [
            b'p', b'r', b'i', b'v', 0xE9, b' ', 0x96, b' ', 0x80, b' ', b'5',
        ];
        assert_eq!(decode(&bytes).unwrap(), "privé – € 5");
    }

    #[test]
    fn combining_diaeresis_is_composed() {
        assert_eq!(decode("ide\u{0065}\u{0308}n".as_bytes()).unwrap(), "ideën");
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let le: Vec<u8> = "Fryslân en één"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = "Fryslân en één"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let decoded = decode_noted(&le).unwrap();
        assert_eq!(decoded.text, "Fryslân en één");
        assert!(decoded.note.unwrap().contains("UTF-16"));
        assert_eq!(decode(&be).unwrap(), "Fryslân en één");
    }

    #[test]
    fn utf8_with_a_broken_byte_stays_utf8_with_a_note() {
        let mut bytes = "Gedeputeerde Staten van Fryslân besluiten: "
            .repeat(3)
            .into_bytes();
        bytes.push(0xFF);
        bytes.extend_from_slice(" ideeën".as_bytes());
        let decoded = decode_noted(&bytes).unwrap();
        assert!(decoded.text.contains("Fryslân") && decoded.text.ends_with("\u{FFFD} ideeën"));
        assert!(decoded.note.is_some());
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary));
    }
}
