//! E-mail (`.eml`), with mail-parser: the sender, addressees, date and subject as a letterhead
//! (so the metadata module reads them as it reads a letter's), the text body (or the HTML body as
//! text), and the attached documents, which the registry reads ([`crate::ingest::extract`]).

use mail_parser::{Address, MessageParser, MimeHeaders};

use super::Extractor;
use crate::error::Failure;
use crate::ingest::{Attachment, Extracted, Properties};

/// E-mail messages.
pub struct Eml;

impl Extractor for Eml {
    fn extensions(&self) -> &'static [&'static str] {
        &["eml"]
    }

    fn extract(&self, bytes: &[u8]) -> Result<Extracted, Failure> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Failure::empty());
        }
        let message = MessageParser::default()
            .parse(bytes)
            .filter(|m| m.subject().is_some() || m.from().is_some() || m.text_body_count() > 0)
            .ok_or_else(|| Failure::corrupt("not an e-mail message (no headers found)"))?;
        let mut text = String::new();
        let mut head = |label: &str, value: Option<String>| {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                text.push_str(&format!("{label}: {value}\n"));
            }
        };
        head("van", message.from().map(people));
        head("aan", message.to().map(people));
        head(
            "datum",
            message
                .date()
                .map(|d| format!("{}-{:02}-{:02}", d.year, d.month, d.day)),
        );
        head("onderwerp", message.subject().map(str::to_string));
        text.push('\n');
        if let Some(body) = message.body_text(0) {
            text.push_str(body.trim());
        }
        let mut extracted = Extracted::default();
        for attachment in message.attachments() {
            if let Some(name) = attachment.attachment_name() {
                extracted.attachments.push(Attachment {
                    name: name.to_string(),
                    bytes: attachment.contents().to_vec(),
                });
            }
        }
        extracted.text = text;
        extracted.properties = Properties {
            title: message.subject().map(str::to_string),
            author: message
                .from()
                .and_then(|a| a.first())
                .and_then(|a| a.name().or(a.address()))
                .map(str::to_string),
            created_year: message.date().map(|d| i32::from(d.year)),
        };
        Ok(extracted)
    }
}

fn people(address: &Address) -> String {
    address
        .iter()
        .filter_map(|a| a.name().or(a.address()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_body_and_attachment() {
        let mail = "From: Jan de Vries <jan@provincie.example>\r\n\
To: gs@utrecht.example\r\n\
Subject: =?utf-8?q?Co=C3=B6rdinatie_jeugdzorg?=\r\n\
Date: Tue, 5 Mar 2019 10:00:00 +0100\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
De provincie co=F6rdineert de jeugdzorg.\r\n\
--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"bijlage.txt\"\r\n\r\n\
Bijgevoegde notitie over armoede.\r\n\
--b--\r\n";
        let extracted = crate::ingest::extract::with_attachments(&Eml, mail.as_bytes()).unwrap();
        assert!(extracted.text.starts_with("van: Jan de Vries\naan: gs@utrecht.example\ndatum: 2019-03-05\nonderwerp: Coördinatie jeugdzorg\n"), "{}", extracted.text);
        assert!(extracted
            .text
            .contains("De provincie coördineert de jeugdzorg."));
        assert!(extracted
            .text
            .contains("# Bijlage: bijlage.txt\n\nBijgevoegde notitie over armoede."));
        assert_eq!(extracted.properties.created_year, Some(2019));
        assert_eq!(extracted.properties.author.as_deref(), Some("Jan de Vries"));
    }
}
