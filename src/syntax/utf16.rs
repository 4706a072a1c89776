//! UTF-16 files, which some Windows editors write (and UTF-32 ones, said
//! as such): recognised without a
//! byte order mark, and decoded to show and scan.

/// Is the text UTF-32: by its byte order mark (`FF FE 00 00`, `00 00 FE
/// FF`), or three of every four bytes NUL? Its byte order.
pub fn utf32(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some("little-endian");
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some("big-endian");
    }
    let (mut n, mut le, mut be) = (0, 0, 0);
    for q in bytes.chunks_exact(4).take(16) {
        n += 1;
        le += usize::from(q[0] != 0 && q[1..] == [0, 0, 0]);
        be += usize::from(q[..3] == [0, 0, 0] && q[3] != 0);
    }
    let most = n * 3 / 4;
    match () {
        _ if n < 2 => None,
        _ if le >= most => Some("little-endian"),
        _ if be >= most => Some("big-endian"),
        _ => None,
    }
}

/// UTF-16 text without a byte order mark: JSON starts with ASCII, which
/// UTF-16 writes with a NUL high byte, so most of the first pairs have one
/// NUL and one non-NUL byte on the same side. `Some("little-endian")` or
/// `Some("big-endian")`.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let pairs = bytes.chunks_exact(2).take(32);
    let (mut n, mut le, mut be) = (0, 0, 0);
    for p in pairs {
        n += 1;
        le += usize::from(p[0] != 0 && p[1] == 0);
        be += usize::from(p[0] == 0 && p[1] != 0);
    }
    if n < 2 {
        return None;
    }
    let most = n * 3 / 4;
    if le >= most {
        Some("little-endian")
    } else if be >= most {
        Some("big-endian")
    } else {
        None
    }
}

/// The text of a UTF-16 file (by its byte order mark, or every other
/// byte NUL), unpaired surrogates as U+FFFD, or of a UTF-32 file ([`utf32`]);
/// `None` for any other bytes.
pub fn utf16_text(bytes: &[u8]) -> Option<String> {
    if let Some(order) = utf32(bytes) {
        let marked = bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]);
        let body = if marked { &bytes[4..] } else { bytes };
        return Some(
            body.chunks_exact(4)
                .map(|q| {
                    let q = [q[0], q[1], q[2], q[3]];
                    let v = if order == "little-endian" {
                        u32::from_le_bytes(q)
                    } else {
                        u32::from_be_bytes(q)
                    };
                    char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER)
                })
                .collect(),
        );
    }
    let (le, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => (utf16_without_bom(bytes)? == "little-endian", bytes),
    };
    let units = body.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

#[cfg(test)]
mod utf32_tests {
    /// UTF-32 with and without its mark is said as UTF-32 (it was "the
    /// file is UTF-16", or an invalid byte); UTF-16 and UTF-8 are not.
    #[test]
    fn utf32_is_named() {
        let text = "{\"schema_version\": \"4.1\"}";
        let le: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let be: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        for (bytes, order) in [
            ([&[0xFF, 0xFE, 0, 0][..], &le].concat(), "little-endian"),
            ([&[0, 0, 0xFE, 0xFF][..], &be].concat(), "big-endian"),
            (le.clone(), "little-endian"),
            (be.clone(), "big-endian"),
        ] {
            let e = super::super::not_utf16(&bytes).expect_err("refused");
            assert_eq!(e.message, format!("the file is UTF-32 ({order}); save it as UTF-8"));
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(super::super::not_utf16(&utf16).is_err_and(|e| e.message.contains("UTF-16")));
        assert!(super::super::not_utf16(text.as_bytes()).is_ok());
    }
}
