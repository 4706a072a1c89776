//! UTF-16 files, which some Windows editors write: recognised without a
//! byte order mark, and decoded to show and scan.

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
/// byte NUL), unpaired surrogates as U+FFFD; `None` for any other bytes.
pub fn utf16_text(bytes: &[u8]) -> Option<String> {
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
