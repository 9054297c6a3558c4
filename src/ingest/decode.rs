//! Bytes to text: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, otherwise Windows-1252;
//! the result is NFC-normalised so that a combining diaeresis equals the composed letter.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes without a UTF-16 byte order mark: a binary file.
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => {
                write!(
                    f,
                    "not a text file (it contains NUL bytes and no UTF-16 byte order mark)"
                )
            }
        }
    }
}

/// Which encoding was used, for reports.
pub fn detect_encoding(bytes: &[u8]) -> Result<&'static Encoding, DecodeError> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok(encoding);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if std::str::from_utf8(bytes).is_ok() {
        Ok(UTF_8)
    } else {
        Ok(WINDOWS_1252)
    }
}

/// Decodes `bytes` to NFC text.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let encoding = detect_encoding(bytes)?;
    // `decode` sniffs and strips the BOM itself; without one it uses `encoding`.
    let (text, _, _) = encoding.decode(bytes);
    Ok(to_nfc(&text))
}

fn to_nfc(text: &str) -> String {
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
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary));
    }
}
