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

/// Every message quotes manifest text cut at 200 characters: each fixture
/// with every string value (and, in a second pass, every key) 1,000
/// characters longer, placeholders too, gives no message, help or fix
/// title past 700 characters (C003, C004, C017 and R006 quoted whole).
#[test]
fn messages_quote_long_manifest_text_cut() {
    fn inflate(v: serde_json::Value, keys: bool) -> serde_json::Value {
        let pad = "x".repeat(1000);
        match v {
            serde_json::Value::Object(m) => serde_json::Value::Object(
                m.into_iter()
                    .map(|(k, x)| {
                        let k = if keys && !k.starts_with("schema") {
                            format!("{k}{pad}")
                        } else {
                            k
                        };
                        (k, inflate(x, keys))
                    })
                    .collect(),
            ),
            serde_json::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(|x| inflate(x, keys)).collect()),
            serde_json::Value::String(s) => {
                let s = s.replace("}}", &format!("{pad}}}}}"));
                let level = ["readonly", "standard", "admin", "none"].contains(&s.as_str());
                serde_json::Value::String(if s.contains("://") || level {
                    s
                } else {
                    format!("{s}{pad}")
                })
            }
            other => other,
        }
    }
    let mut checked = 0;
    for path in common::json_files(&common::root().join("fixtures")) {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&std::fs::read(&path).expect("read")) else {
            continue;
        };
        for keys in [false, true] {
            let text = serde_json::to_string(&inflate(value.clone(), keys)).expect("json");
            let report =
                procore_manifest::lint_bytes("m.json", text.as_bytes(), &procore_manifest::Settings::default());
            for d in &report.diagnostics {
                checked += 1;
                for t in [
                    Some(d.message.as_str()),
                    d.help.as_deref(),
                    d.fix.as_ref().map(|f| f.title.as_str()),
                ]
                .into_iter()
                .flatten()
                {
                    assert!(t.chars().count() <= 700, "{} in {}: {t}", d.rule.code, path.display());
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
}
