//! Tests of `text.rs`.

use super::*;

/// [`plain_string_end`] is the first byte the byte-by-byte test stops at.
#[test]
fn plain_string_end_is_the_first_stop() {
    for stop in [0u8, b'\n', 0x1f, b'"', b'\\'] {
        for at in 0..16 {
            for later in at..16 {
                let mut chunk = [b'a'; 16];
                chunk[15 - (later - at)] = 0xc3;
                chunk[later] = stop;
                chunk[at] = stop;
                assert_eq!(plain_string_end(&chunk), Some(at), "{stop} at {at}");
                assert!(chunk_ends_plain_string(&chunk));
            }
        }
    }
    let plain: Vec<u8> = (0x20..=0xffu8).filter(|&c| c != b'"' && c != b'\\').collect();
    for w in plain.windows(16) {
        let chunk: &[u8; 16] = w.try_into().expect("16 bytes");
        assert_eq!(plain_string_end(chunk), None);
        assert!(!chunk_ends_plain_string(chunk));
    }
}

/// Code spans by their definition: the fence one longer than the
/// longest run of backticks, a space inside it when the text starts or
/// ends with a backtick or is spaced at both ends.
#[test]
fn code_spans_fence_every_run_of_backticks() {
    for (text, span) in [
        ("key", "`key`"),
        ("", "``"),
        ("a`b", "``a`b``"),
        ("a``b`c", "```a``b`c```"),
        ("`a", "`` `a ``"),
        ("a`", "`` a` ``"),
        (" a ", "`  a  `"),
        ("   ", "`   `"),
        ("```", "```` ``` ````"),
    ] {
        assert_eq!(code_span(text), span, "{text:?}");
    }
}

#[test]
fn the_printable_ascii_fast_path_changes_nothing() {
    assert_eq!(quote_plain("rfi.details"), "\"rfi.details\"");
    assert_eq!(quote_plain(&"x".repeat(60)), format!("\"{}\"", "x".repeat(60)));
    assert_eq!(quote_plain(&"x".repeat(61)), format!("\"{}…\"", "x".repeat(60)));
    assert_eq!(quote_plain("a\u{1b}[31mb"), "\"a\\u{1b}[31mb\"");
    assert_eq!(echo("é\u{202e}"), "é\\u{202e}");
    // Every ASCII character, alone and inside printable text: escaped
    // exactly when it is unsafe.
    for b in 0u8..0x80 {
        let c = char::from(b);
        for text in [c.to_string(), format!("ab{c}cd")] {
            let escaped = format!("\\u{{{b:x}}}");
            assert_eq!(quote_plain(&text).contains(&escaped), is_unsafe_char(c), "{b:#x}");
            assert_eq!(sanitize_inline(&text).contains(&escaped), is_unsafe_char(c), "{b:#x}");
        }
    }
}

#[test]
fn paths_never_start_a_workflow_command() {
    assert_eq!(
        line_start_path("::error title=x::pwned.manifest.json"),
        "./::error title=x::pwned.manifest.json"
    );
    assert_eq!(line_start_path("a/::b.json"), "a/::b.json");
    assert_eq!(sanitize_inline("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
}

/// The chunk test says yes exactly when a byte of the chunk ends a
/// plain string, for every byte in every place.
#[test]
fn the_string_chunk_test_is_the_byte_test() {
    let ends = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    for b in 0..=255u8 {
        for at in [0, 7, 15] {
            let mut chunk = *b"abcdefghijklmnop";
            chunk[at] = b;
            assert_eq!(chunk_ends_plain_string(&chunk), ends(b), "{b:#x} at {at}");
        }
    }
}

#[test]
fn did_you_mean() {
    assert_eq!(closest("permisions", ["permissions", "sidepanel"]), Some("permissions"));
    assert_eq!(closest("daily_logs", ["daily_log", "documents"]), Some("daily_log"));
    assert_eq!(closest("zzzz", ["permissions", "sidepanel"]), None);
}
#[test]
fn inline_escapes_controls() {
    assert_eq!(sanitize_inline("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
    assert_eq!(sanitize_inline("plain é"), "plain é");
}

#[test]
fn source_keeps_offsets() {
    let s = "a\u{1b}b\u{85}c\u{202e}d\u{e0041}e\n";
    let out = sanitize_source(s);
    assert_eq!(out.len(), s.len());
    assert_eq!(out.chars().count(), s.chars().count());
    assert_eq!(out, "a?b¿c\u{fffd}d🚫e\n");
}
