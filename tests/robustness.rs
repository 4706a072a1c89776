//! Property tests: no input makes the parser, the structural check or the
//! reports panic, and positions stay inside the file.

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
}
