//! Tests of the first tests (`gate.rs`): each fast path against its
//! definition, one byte or one word at a time.

use super::*;

/// [`marks`] by its definition, one byte at a time.
fn reference(b: &[u8]) -> Marks {
    let alnum = |c: u8| c.is_ascii_alphanumeric();
    let token = b.iter().enumerate().any(|(i, &c)| {
        c.is_ascii_digit() || ((c.is_ascii_uppercase() || c == b'_' || c == b'-') && i > 0 && alnum(b[i - 1]))
    });
    Marks {
        token,
        colon: b.contains(&b':'),
        space: b.contains(&b' ') || b.contains(&b'\t'),
        not_hex: b
            .iter()
            .any(|&c| !(c.is_ascii_digit() || matches!(c, b'a'..=b'f' | b'-'))),
    }
}

#[test]
fn marks_by_chunks_and_by_table_agree_with_the_definition() {
    // Every pair of bytes, at the start (the table's tail), inside a
    // whole chunk and across the chunk's end.
    for p in 0..=255u8 {
        for c in 0..=255u8 {
            for at in [0usize, 7, 15, 16] {
                let mut b = vec![b'a'; 20];
                b[at] = p;
                b[at + 1] = c;
                assert_eq!(marks(&b), reference(&b), "{p} {c} at {at}");
            }
            let b = [p, c];
            assert_eq!(marks(&b), reference(&b), "{p} {c}");
        }
    }
    for n in 0..70 {
        let b: Vec<u8> = (0..n).map(|i| b"xY9_-: a"[i % 8]).collect();
        assert_eq!(marks(&b), reference(&b), "{n}");
    }
}

/// [`has_token_body`] as it was: every space-separated word of 10
/// bytes or more read byte by byte.
fn has_token_body_by_words(s: &str) -> bool {
    s.as_bytes()
        .split(|&c| c == b' ')
        .any(|w| w.len() >= 10 && marks(w).token && has_marked_run(w))
}

#[test]
fn mark_bits_are_the_marks() {
    for p in 0..=255u8 {
        for c in 0..=255u8 {
            for at in [0usize, 7, 8, 15, 16, 63] {
                let mut w = [b' '; 64];
                w[at] = c;
                let mut prev = p;
                if at > 0 {
                    w[at - 1] = p;
                    prev = b' ';
                }
                let join = c.is_ascii_uppercase() || c == b'_' || c == b'-';
                let expected = u64::from(c.is_ascii_digit() || (join && p.is_ascii_alphanumeric()));
                let got = (mark_bits(prev, &w) >> at) & 1;
                assert_eq!(got, expected, "{p} {c} at {at}");
            }
        }
    }
}

#[test]
fn token_bodies_by_windows_as_by_words() {
    // Words of every length around the window's 64 and 55, runs of
    // 9, 10 and 11, marks at their start, end and across a window's
    // end, prose between them.
    let pieces = [
        "a",
        "abcdefghi",
        "abcdefghij",
        "abcdefghijk",
        "Abcdefghij9",
        "abcdefgh9",
        "9abcdefghi",
        "ab-cdefghijkl",
        "x/Abcdefghijk",
        "é",
        " ",
        "  ",
        ":",
        "Full-screen",
        "ghp_abcdefghij",
        "sk_live_abc",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut checked = 0;
    for _ in 0..20_000 {
        let mut t = String::new();
        let filler = (next() % 70) as usize;
        t.push_str(&"word ".repeat(filler / 5));
        t.push_str(&"y".repeat(filler % 5));
        for _ in 0..(next() % 6) {
            t.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            if next() % 2 == 0 {
                t.push(' ');
            }
        }
        assert_eq!(has_token_body(&t), has_token_body_by_words(&t), "{t:?}");
        checked += usize::from(has_token_body(&t));
    }
    assert!(checked > 1_000, "the variants hold token bodies: {checked}");
    for n in 0..200usize {
        for at in [0, n / 2, n.saturating_sub(10)] {
            let mut b = vec![b'a'; n];
            if at < n {
                b[at] = b'7';
            }
            for cut in [9, 30, 55, 64, 100] {
                if cut < n {
                    b[cut] = b' ';
                }
            }
            let t = String::from_utf8(b).unwrap();
            assert_eq!(has_token_body(&t), has_token_body_by_words(&t), "{t:?}");
        }
    }
}

#[test]
fn marks_and_runs() {
    let m = |s: &str| marks(s.as_bytes());
    assert_eq!(
        m("Sentences Start With Capitals: here"),
        Marks {
            token: false,
            colon: true,
            space: true,
            not_hex: true
        }
    );
    assert!(!m("3f2504e0-4f89-41d3-9a0c-0305e82c3301").not_hex);
    assert!(!m("6e8afbd7687f5aa51213978c2846c9e935a9fa5c").not_hex);
    for s in ["3F2504E0", "abcdefg", "a b", "ab_cd", "ab:cd", "é"] {
        assert!(m(s).not_hex, "{s}");
    }
    assert!(m("a9").token && m("9").token && m("ghp_x").token && m("xoxb-").token && m("AKIA").token);
    for s in [
        "x -----BEGIN",
        "Bearer ab12cdefghij",
        "ghp_abcdefghijklmnopqrstuvwxyz",
        "key sk_live_abcdefghijkl",
    ] {
        assert!(has_token_body(s), "{s}");
    }
    for s in ["-----BEGIN", "glpat-abcdefgh", "x_api_key=abcdefgh", "sk_live_abcdefgh"] {
        assert!(has_token_body(s), "{s}");
    }
    for s in [
        "Synchronization and configuration of commitments",
        "https://app.example.com/procore/setup",
        "Full-screen dashboard",
        "the sign-on portal",
        "glpat-abcdefg",
    ] {
        assert!(!has_token_body(s), "{s}");
    }
    let memo: Memo<usize> = Memo::default();
    assert_eq!(memo.get("tool_name", str::len), 9);
    assert_eq!(memo.get("tool_name", |_| 0), 9, "remembered");
    assert_eq!(memo.get("other", |_| 1), 1);
}

/// Short strings are keyed by their bytes and length: one that differs
/// only by a trailing NUL, or by a byte past the 16th, is another key.
#[test]
fn memo_keys_are_whole_strings() {
    let memo: Memo<String> = Memo::default();
    let sixteen = "abcdefghijklmnop";
    let seventeen = "abcdefghijklmnopq";
    for s in ["", "\0", "a", "a\0", "a\0\0", sixteen, seventeen, "abcdefghijklmnoq"] {
        assert_eq!(memo.get(s, str::to_string), s);
    }
    for s in ["", "\0", "a", "a\0", "a\0\0", sixteen, seventeen, "abcdefghijklmnoq"] {
        assert_eq!(memo.get(s, |_| "recomputed".into()), s, "{s:?} remembered as itself");
    }
    // Past 4,096 strings of one kind the memo starts again: still right.
    for n in 0..5000 {
        let s = format!("k{n}");
        assert_eq!(memo.get(&s, str::to_string), s);
        let long = format!("{s}-{sixteen}");
        assert_eq!(memo.get(&long, str::to_string), long);
    }
    assert_eq!(memo.get("k4999", |_| "recomputed".into()), "k4999");
}

/// `Bearer` and `Basic` with a token of lower-case letters only: the
/// catalogue's formats take it, so the gate must let it through, after a
/// space or a tab, in every spelling the catalogue gives the scheme, and
/// not inside another word or before a short word.
#[test]
fn auth_schemes_pass_the_gate_whatever_their_token() {
    let gate = |s: &str| may_hold(s, marks(s.as_bytes()), |_| true);
    for s in [
        "Authorization: Bearer supersecretlongtokenvalue",
        "BEARER supersecretlongtokenvalue",
        "bearer\tsupersecretlongtokenvalue",
        "use Basic   dXNlcjpwYXNzd29yZA",
        "(basic abcdefghij)",
    ] {
        assert!(has_auth_scheme(s), "{s:?}");
        assert!(gate(s), "{s:?}");
    }
    for s in [
        "The Bearer of good news",
        "Bearer tokens are sent only over TLS",
        "forbearer supersecretlongtokenvalue",
        "Bearer",
        "Bearersupersecretlongtokenvalue",
        "basic auth",
    ] {
        assert!(!has_auth_scheme(s), "{s:?}");
    }
}

/// The SSE2 forms are the portable ones on generated texts of every length
/// up to three windows, over the bytes the tests tell apart.
#[test]
fn vectorised_forms_are_the_portable_ones() {
    const BYTES: &[u8] = b"aAzZ09_-:. \t\xc3\xa9fg@\x00\x7f\xff";
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for len in 0..200 {
        for _ in 0..20 {
            let b: Vec<u8> = (0..len).map(|_| BYTES[next(BYTES.len())]).collect();
            assert_eq!(marks(&b), marks_portable(&b), "{b:?}");
            if let Ok(w) = <[u8; 64]>::try_from(&b[..len.min(64)]) {
                let prev = BYTES[next(BYTES.len())];
                assert_eq!(mark_bits(prev, &w), mark_bits_portable(prev, &w), "{prev} {b:?}");
            }
        }
    }
}
