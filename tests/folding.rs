//! Big texts fold their small and dense containers (`syntax::Items`): the
//! tree keeps where each begins and reads it again from the text when asked.
//! Folding must change nothing anyone sees: every fixture, padded past the
//! 64 KB from which texts are folded, gives the findings it gives unpadded,
//! and a folded container read one entry at a time is the tree the
//! jsonc-parser path builds.

mod common;

use procore_manifest::syntax::{parse, parse_reference, Arena, Node, NodeKind};
use procore_manifest::{lint_bytes, Settings};
use proptest::prelude::*;

/// Whitespace after the root: the text passes 64 KB, every offset in it
/// stays where it was.
fn padded(bytes: &[u8]) -> Vec<u8> {
    let mut big = bytes.to_vec();
    big.resize(bytes.len() + 70 * 1024, b' ');
    big
}

/// What a finding says and where, fix and related places included.
fn findings(bytes: &[u8]) -> Vec<String> {
    let report = lint_bytes("manifest.json", bytes, &Settings::default());
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {:?} {} {} {:?} {:?} {:?}",
                d.code(),
                d.span,
                d.pointer,
                d.message,
                d.help,
                d.related.iter().map(|r| (&r.message, r.span)).collect::<Vec<_>>(),
                d.fix.as_ref().map(|f| format!("{f:?}")),
            )
        })
        .collect()
}

fn fixtures() -> Vec<(std::path::PathBuf, Vec<u8>)> {
    common::json_files(&common::root().join("fixtures"))
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read(&p).ok()?)))
        .collect()
}

/// Fixture `which` with `len` bytes at `at` replaced by `insert`.
fn mutated(which: usize, at: usize, len: usize, insert: Vec<u8>) -> Vec<u8> {
    let all = fixtures();
    let mut bytes = all[which % all.len()].1.clone();
    let at = at.min(bytes.len());
    let end = (at + len).min(bytes.len());
    bytes.splice(at..end, insert);
    bytes
}

#[test]
fn every_fixture_lints_the_same_past_64_kb() {
    let all = fixtures();
    assert!(all.len() > 40, "fixtures found: {}", all.len());
    let mut folded = 0;
    for (path, bytes) in &all {
        let small = findings(bytes);
        // Not JSON: the error at the end of a padded file is further on.
        if small.iter().any(|f| f.starts_with("S001")) {
            continue;
        }
        assert_eq!(small, findings(&padded(bytes)), "{}", path.display());
        let text = String::from_utf8(padded(bytes)).unwrap_or_default();
        let arena = Arena::default();
        if let Ok(root) = parse(&text, &arena) {
            folded += count_folded(&root);
        }
    }
    // The padded fixtures did fold (else this test proves nothing).
    assert!(folded > 100, "folded containers: {folded}");
}

fn count_folded(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Array(items) => {
            usize::from(items.is_folded()) + items.each().map(|n| count_folded(&n)).sum::<usize>()
        }
        NodeKind::Object(members) => {
            usize::from(members.is_folded()) + members.each().map(|m| count_folded(&m.value)).sum::<usize>()
        }
        _ => 0,
    }
}

/// The tree as read one entry at a time (`each`, folded containers read
/// from the text) or as slices (`as_array`, unfolded), spans included.
fn shown(node: &Node, streamed: bool, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "{:?}", node.span);
    match &node.kind {
        NodeKind::Array(items) => {
            out.push('[');
            let all: Vec<Node> = if streamed {
                items.each().collect()
            } else {
                items.to_vec()
            };
            for n in &all {
                shown(n, streamed, out);
                out.push(',');
            }
            out.push(']');
        }
        NodeKind::Object(members) => {
            out.push('{');
            let all = if streamed {
                members.each().collect()
            } else {
                members.to_vec()
            };
            for m in &all {
                let _ = write!(out, "{:?}{:?}:", m.key, m.key_span);
                shown(&m.value, streamed, out);
                out.push(',');
            }
            out.push('}');
        }
        other => {
            let _ = write!(out, "{other:?}");
        }
    }
}

#[test]
fn folded_containers_read_as_the_reference_tree() {
    let text = format!(
        "{{\"small\": {{\"k\\u0041\": \"v\\n\", \"n\": [1, -2.5e3, true, null, {{}}, []]}},\n\
         \"dense\": [{}],\n\"sparse\": [{}],\n\"empty\": {{}}}}{}",
        (0..200).map(|i| i.to_string()).collect::<Vec<_>>().join(","),
        (0..3)
            .map(|i| format!("\"{}\"", "x".repeat(300 + i)))
            .collect::<Vec<_>>()
            .join(","),
        " ".repeat(70 * 1024)
    );
    let (a, b) = (Arena::default(), Arena::default());
    let (fast, reference) = (parse(&text, &a).unwrap(), parse_reference(&text, &b).unwrap());
    let folded = |key: &str| match fast.get(key).map(|n| n.kind) {
        Some(NodeKind::Array(items)) => items.is_folded(),
        Some(NodeKind::Object(members)) => members.is_folded(),
        _ => panic!("{key}"),
    };
    // Small and dense containers fold; the root, an empty one and one of
    // big entries do not.
    assert!(folded("small") && folded("dense"));
    assert!(!folded("sparse") && !folded("empty"));
    assert!(!matches!(fast.kind, NodeKind::Object(m) if m.is_folded()));
    let (mut streamed, mut sliced) = (String::new(), String::new());
    shown(&fast, true, &mut streamed);
    shown(&reference, false, &mut sliced);
    assert_eq!(streamed, sliced);
    // Escapes are decoded when read from the text too.
    let small = fast.get("small").unwrap();
    let NodeKind::Object(members) = small.kind else {
        panic!()
    };
    let first = members.each().next().unwrap();
    assert_eq!((first.key, first.value.as_str()), ("kA", Some("v\n")));
    // Unfolded once: the same slice every time after, and after `each`.
    let once = small.as_object().unwrap().as_ptr();
    assert_eq!(members.read().len(), 2);
    assert_eq!(small.as_object().unwrap().as_ptr(), once);
    assert_eq!(fast, reference);
}

/// A byte order mark shifts every offset by three: folded containers read
/// from the text keep the spans the tree has.
#[test]
fn folded_containers_after_a_byte_order_mark() {
    let item = r#"{"k": ["a\u00e9", 1.5e3, {"x": null}]}"#;
    let text = format!("\u{feff}{{\"items\": [{}]}}", vec![item; 3000].join(",\n"));
    let (a, b) = (Arena::default(), Arena::default());
    let (fast, reference) = (parse(&text, &a).unwrap(), parse_reference(&text, &b).unwrap());
    let (mut streamed, mut sliced) = (String::new(), String::new());
    shown(&fast, true, &mut streamed);
    shown(&reference, false, &mut sliced);
    assert_eq!(streamed, sliced);
    assert!(count_folded(&fast) >= 3000);
}

/// Two big texts parsed into one arena, each with a folded container at
/// the same offset (an array in one, an object in the other): each unfolds
/// to its own entries.
#[test]
fn texts_sharing_an_arena_unfold_their_own_containers() {
    let pad = " ".repeat(70 * 1024);
    let (one, two) = (
        format!("{{\"a\": [1,2,3]}}{pad}"),
        format!("{{\"a\": {{\"x\":1}}}}{pad}"),
    );
    let arena = Arena::default();
    let (first, second) = (parse(&one, &arena).unwrap(), parse(&two, &arena).unwrap());
    for root in [first, second] {
        let folded = match root.get("a").map(|n| n.kind) {
            Some(NodeKind::Array(items)) => items.is_folded(),
            Some(NodeKind::Object(members)) => members.is_folded(),
            _ => false,
        };
        assert!(folded);
    }
    let items = first.get("a").and_then(Node::as_array).unwrap();
    assert_eq!(
        items
            .iter()
            .filter_map(|n| match n.kind {
                NodeKind::Number(s) => Some(s.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    let members = second.get("a").and_then(Node::as_object).unwrap();
    assert_eq!((members.len(), members[0].key), (1, "x"));
    let reference = Arena::default();
    assert_eq!(first, parse_reference(&one, &reference).unwrap());
    assert_eq!(second, parse_reference(&two, &reference).unwrap());
}

/// Two threads unfold the same containers at once: both see the tree.
#[test]
fn containers_unfold_from_two_threads() {
    let item = r#"{"a": [1, 2, {"b": "c\u00e9"}]}"#;
    let text = format!("[{}]", vec![item; 4000].join(",\n"));
    let (a, b) = (Arena::default(), Arena::default());
    let (fast, reference) = (parse(&text, &a).unwrap(), parse_reference(&text, &b).unwrap());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| assert_eq!(fast, reference));
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A mutated fixture, padded, lints as it does unpadded (when it is
    /// JSON: an error at the end of a padded file is further on).
    #[test]
    fn mutated_fixtures_lint_the_same_past_64_kb(
        which in 0usize..64,
        at in 0usize..4096,
        len in 0usize..16,
        insert in proptest::collection::vec(proptest::sample::select(b",:[]{}\" 1a\\".to_vec()), 0..4),
    ) {
        let bytes = mutated(which, at, len, insert);
        let small = findings(&bytes);
        if !small.iter().any(|f| f.starts_with("S001")) {
            prop_assert_eq!(small, findings(&padded(&bytes)));
        }
    }

    /// Big texts of mutated fixtures read one entry at a time are the
    /// jsonc-parser path's tree.
    #[test]
    fn big_texts_read_as_the_reference_tree(
        which in 0usize..64,
        at in 0usize..4096,
        insert in proptest::collection::vec(proptest::sample::select(b",:[]{}\" 1".to_vec()), 0..3),
    ) {
        let mutated = mutated(which, at, 0, insert);
        let mut big = mutated.clone();
        big.resize(mutated.len() + 70 * 1024, b'\n');
        if let Ok(text) = std::str::from_utf8(&big) {
            let (a, b) = (Arena::default(), Arena::default());
            if let (Ok(fast), Ok(reference)) = (parse(text, &a), parse_reference(text, &b)) {
                let (mut streamed, mut sliced) = (String::new(), String::new());
                shown(&fast, true, &mut streamed);
                shown(&reference, false, &mut sliced);
                prop_assert_eq!(streamed, sliced);
            }
        }
    }
}
