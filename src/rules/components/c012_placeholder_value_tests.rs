//! Unit tests of C012 (`c012_placeholder_value.rs`).

use super::*;

#[test]
fn hosts() {
    assert!(sample_host("api.example.com").is_some());
    assert!(sample_host("example.org").is_some());
    assert!(sample_host("myexample.com").is_none());
    assert!(sample_host("acme.domain.com").is_some());
    assert!(sample_host("127.0.0.5").is_some());
    assert!(sample_host("10.1.2.3").is_some());
    assert!(sample_host("172.20.0.1").is_some());
    assert!(sample_host("172.32.0.1").is_none());
    assert!(sample_host("localhost").is_some());
    assert!(sample_host("app.acme.io").is_none());
    // IPv6: loopback, IPv4-mapped local and private addresses (as
    // written and as the URL parser writes them), unique and link local.
    for h in [
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[::ffff:10.0.0.1]",
        "[::FFFF:192.168.1.20]",
        "[::ffff:169.254.0.1]",
        "[::ffff:0.0.0.0]",
        "[fd12:3456::1]",
        "[fe80::1]",
    ] {
        assert!(sample_host(h).is_some(), "{h}");
    }
    assert_eq!(
        sample_host("[::ffff:7f00:1]").as_deref(),
        Some("`::ffff:7f00:1` (IPv4 127.0.0.1) is a local or private address")
    );
    assert_eq!(
        sample_host("[::ffff:10.0.0.1]").as_deref(),
        Some("`::ffff:10.0.0.1` is a local or private address")
    );
    for h in [
        "[::ffff:8.8.8.8]",
        "[::ffff:172.32.0.1]",
        "[2001:db8::1]",
        "[2606:4700::1111]",
    ] {
        assert!(sample_host(h).is_none(), "{h}");
    }
}

#[test]
fn the_portal_default_notes() {
    assert!(is_portal_default_notes(
        " For Data Connection Apps, you may need to take additional steps to finish the setup."
    ));
    assert!(!is_portal_default_notes("For Data Connection Apps we sync every hour."));
}

#[test]
fn candidates_are_every_start_of_a_sample_word() {
    let starts = |s: &str| {
        let mut v = Vec::new();
        each_candidate(s.as_bytes(), |i| v.push(i));
        v
    };
    assert_eq!(starts("TODO"), [0]);
    assert_eq!(starts("xtbd"), [1]);
    assert_eq!(starts("a Lorem, these"), [2, 9]);
    // Across a chunk's end, and at the very end.
    assert_eq!(
        starts(&format!("{}tbdTODO{}tbd", "x".repeat(14), "y".repeat(20))),
        [14, 17, 41]
    );
    for s in ["the synchronization", "tb", "lor", "", "to do"] {
        assert!(starts(s).is_empty(), "{s}");
    }
    // Against a byte-by-byte search, across chunk ends and at the end.
    for n in 0..60 {
        let t: String = (0..n)
            .map(|i| ["t", "b", "d", "o", "T", "h", "e", "s", "l", "r", "x"][(i * 7 + n) % 11])
            .collect();
        let naive: Vec<usize> = (0..t.len())
            .filter(|&i| {
                let w = t[i..].to_ascii_lowercase();
                ["thes", "lore", "todo", "tbd"].iter().any(|c| w.starts_with(c))
            })
            .collect();
        assert_eq!(starts(&t), naive, "{t}");
    }
}

#[test]
fn words() {
    assert!(sample_words("TODO: write notes").is_some());
    assert!(sample_words("Tbd").is_some());
    assert!(sample_words("todos are fine").is_none());
    assert!(sample_words("Lorem ipsum dolor").is_some());
    // Sample text wins over a word wherever it stands; the earliest of
    // each kind is named.
    let lorem = Some("sample text \"lorem ipsum\"".to_string());
    assert_eq!(sample_words("TODO: then LOREM IPSUM"), lorem);
    for joined in [
        "lorem  ipsum",
        "Lorem\nipsum dolor",
        "lorem\tipsum",
        "Lorem\u{a0}ipsum",
        "lorem\u{2003}ipsum",
        "lorem\u{200b}ipsum",
        "lorem \r\n ipsum",
        "lorem-ipsum",
        "loremipsum",
    ] {
        assert_eq!(sample_words(joined), lorem, "{joined:?}");
    }
    assert_eq!(sample_words("lorem, ipsum"), None);
    assert_eq!(
        sample_words("lorem ipsum, these-are-post-installation-setup-notes"),
        lorem
    );
    assert_eq!(
        sample_words("THESE-are-post-installation-setup-notes, lorem ipsum"),
        Some("the Developer Portal's sample notes text `these-are-post-installation-setup-notes`".into())
    );
    assert_eq!(
        sample_words("tbd, then TODO"),
        Some("the word TBD marks unfinished content".into())
    );
    assert_eq!(
        sample_words("Later: todo"),
        Some("the word TODO marks unfinished content".into())
    );
    assert_eq!(sample_words("to"), None);
    // A letter of a script that writes words apart joins the word (no TODO
    // in "método", composed or not); one of a script that does not (Han,
    // kana, Thai) is a boundary.
    for text in [
        "Configure el método",
        "Configure el me\u{301}todo",
        "ÉTODO",
        "tbdé",
        "ñtbd",
        "Жtodo",
        "todo٣",
    ] {
        assert_eq!(sample_words(text), None, "{text}");
    }
    for text in [
        "«TODO»",
        "—tbd—",
        "TODO…",
        "é TODO",
        "自todo",
        "配置说明TODO填写",
        "インストール後にTODO",
        "ขั้นตอนTBDครับ",
    ] {
        assert!(sample_words(text).is_some(), "{text}");
    }
}

/// The vectorised window test is the one-window-at-a-time test, for every
/// candidate in every place, in every case, and for every byte pair that
/// lower-cases onto a letter of one.
#[test]
fn window_hits_are_the_byte_test() {
    let mut windows: Vec<[u8; 19]> = Vec::new();
    for word in [
        &b"tbd"[..],
        b"TBD",
        b"thes",
        b"THES",
        b"todo",
        b"ToDo",
        b"lore",
        b"LORE",
        b"tbx",
        b"tho",
        b"lor",
    ] {
        for at in 0..16 {
            let mut w = [b'x'; 19];
            w[at..at + word.len()].copy_from_slice(word);
            windows.push(w);
        }
    }
    for a in 0..=255u8 {
        for b in [b'b', b'B', b'o', b'O', 0x0f, 0x2f, 0x4f, 0x8f, 0xcf, 0xef] {
            let mut w = [b'x'; 19];
            w[..4].copy_from_slice(&[a, b, b'd', b'o']);
            windows.push(w);
            w[..4].copy_from_slice(&[a, b, b'r', b'e']);
            windows.push(w);
        }
    }
    for w in &windows {
        assert_eq!(super::window_hits(w), super::window_hits_portable(w), "{w:?}");
    }
    assert_eq!(super::window_hits(&windows[0]), 1);
}
