//! Property tests: no input makes the parser, the structural check or the
//! reports panic, and positions stay inside the file; big texts (the
//! parser's counted path and its blanked copy for errors, 64 KB on) parse
//! as the jsonc-parser path does.

mod common;

use procore_manifest::{lint_bytes, Settings};
use proptest::prelude::*;

fn check_all(bytes: &[u8]) {
    let r = lint_bytes("fuzz.json", bytes, &Settings::default());
    for d in &r.diagnostics {
        assert!(
            d.span.end as usize <= r.text.len().max(bytes.len()),
            "span past the end"
        );
        assert!(d.span.start <= d.span.end);
    }
    let _ = common::human(std::slice::from_ref(&r));
    let _ = common::json(std::slice::from_ref(&r));
}

fn fixtures() -> Vec<Vec<u8>> {
    common::json_files(&common::root().join("fixtures"))
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_all(&bytes);
    }

    #[test]
    fn json_like_text_never_panics(s in "[\\[\\]{}\":,0-9a-z \\\\.eE+\\-\n\u{e9}\u{1F600}]{0,200}") {
        check_all(s.as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(which in 0usize..64, at in 0usize..4096, len in 0usize..16, insert in proptest::collection::vec(any::<u8>(), 0..8)) {
        let all = fixtures();
        let mut bytes = all[which % all.len()].clone();
        let at = at.min(bytes.len());
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, insert);
        check_all(&bytes);
    }

    #[test]
    fn big_mutated_texts_parse_as_the_reference_does(
        which in 0usize..64,
        at in 0usize..4096,
        len in 0usize..16,
        // Any bytes, or JSON's own punctuation (trailing commas, missing
        // values, extra brackets: errors whose words need what came before).
        insert in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..8),
            proptest::collection::vec(proptest::sample::select(b",:[]{}\" 1".to_vec()), 1..4),
        ],
        after in 0usize..4,
    ) {
        use procore_manifest::syntax::{parse, parse_reference, Arena};
        let all = fixtures();
        let fixture = &all[which % all.len()];
        let mut mutated = fixture.clone();
        let at = at.min(mutated.len());
        let end = (at + len).min(mutated.len());
        mutated.splice(at..end, insert);
        // Enough whole copies before the mutated one to pass 64 KB, a few
        // after it: the error (if any) is deep in a big array.
        let copies_before = 65 * 1024 / fixture.len().max(1) + 1;
        let mut big = b"[".to_vec();
        for _ in 0..copies_before {
            big.extend_from_slice(fixture);
            big.push(b',');
        }
        big.extend_from_slice(&mutated);
        for _ in 0..after {
            big.push(b',');
            big.extend_from_slice(fixture);
        }
        big.push(b']');
        if let Ok(text) = std::str::from_utf8(&big) {
            let (a, b) = (Arena::default(), Arena::default());
            prop_assert_eq!(parse(text, &a), parse_reference(text, &b));
        }
    }
}
