//! The fast path (`fast.rs`) against the jsonc-parser path, and what a
//! tree costs.

use crate::syntax::{parse, parse_reference};

/// What a big manifest costs per value beyond its text: a node and a
/// member stay this small (the memory figures in the README depend on
/// it), and strings without escapes borrow the text on both paths.
#[test]
fn nodes_stay_small_and_strings_borrow_the_text() {
    use crate::syntax::{Node, NodeKind};
    use std::borrow::Cow;
    assert_eq!(std::mem::size_of::<Node>(), 32);
    assert_eq!(std::mem::size_of::<crate::syntax::Member>(), 64);
    let text = r#"{"plain": "value", "esc\u0061ped": "a\nb"}"#;
    for root in [parse(text).unwrap(), parse_reference(text).unwrap()] {
        let members = root.as_object().unwrap();
        assert!(matches!(members[0].key, Cow::Borrowed("plain")));
        assert!(matches!(
            &members[0].value.kind,
            NodeKind::String(Cow::Borrowed("value"))
        ));
        assert!(matches!(&members[1].key, Cow::Owned(k) if k == "escaped"));
        assert!(matches!(&members[1].value.kind, NodeKind::String(Cow::Owned(v)) if v == "a\nb"));
    }
}

/// The fast path and the jsonc-parser path agree (tree or error).
fn same(text: &str) {
    assert_eq!(parse(text), parse_reference(text), "{text:?}");
}

#[test]
fn agrees_with_the_jsonc_path_on_edge_cases() {
    let cases = [
        "{}",
        "[]",
        "\u{feff}{\"a\": 1}",
        "{\"a\":1,\"a\":2}",
        " \t\r\n{ \"k\" : [ 1 , -0 , 0.5 , -1.5e-3 , 1E+9 , 2e5 , 123456789012345678901234567890 , 1e999 ] }\r\n",
        "\"top\"",
        "12",
        "true",
        "null",
        "[true, false, null]",
        r#"{"esc": "\" \\ \/ \b \f \n \r \t \u00e9 \u0000 \ud83d\ude00 \uD83D\uDE00"}"#,
        "{\"raw\": \"é€😀\u{7f}\u{80}\u{2028}\"}",
        // Not strict JSON: the fast path gives up, the errors are the
        // jsonc path's.
        "[01]",
        "[-]",
        "[1.]",
        "[.5]",
        "[1e]",
        "[1e+]",
        "[+1]",
        "[0x10]",
        "[NaN]",
        "[truex]",
        "[tru]",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a: 1}",
        "{'a': 1}",
        "[\"\\ud800\"]",
        "[\"\\udc00\"]",
        "[\"\\ud800\\u0041\"]",
        "[\"\\x41\"]",
        "[\"\\u12\"]",
        "[\"\\u12g4\"]",
        "[\"tab\there\"]",
        "[\"unterminated",
        "[1 2]",
        "{} {}",
        "[1] x",
        "{\"a\": 1} // c",
        "[\u{a0}]",
        "[\u{b}1]",
        "\u{feff}",
        "",
        "   ",
        "[1]\u{feff}",
    ];
    for text in cases {
        same(text);
    }
}

#[test]
fn depth_limit_is_the_same() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    same(&deep(crate::syntax::MAX_DEPTH));
    same(&deep(crate::syntax::MAX_DEPTH + 1));
    same(&"{\"a\":".repeat(200));
    same(&"[".repeat(100_000));
}

#[test]
fn agrees_on_every_fixture() {
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    let mut n = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                same(&text);
                n += 1;
            }
        }
    }
    assert!(n > 50);
}

/// Containers past the size where the parser keeps its scratch vector
/// rather than copying it, at the top, nested in an array and in an
/// object, build the same tree as the jsonc-parser path.
#[test]
fn huge_containers_build_the_same_tree() {
    let items: Vec<String> = (0..5000).map(|i| format!("{{\"k{i}\": [{i}, \"v\"]}}")).collect();
    let array = format!("[{}]", items.join(","));
    let members: Vec<String> = (0..5000).map(|i| format!("\"m{i}\": {i}")).collect();
    let object = format!("{{{}}}", members.join(","));
    for text in [
        array.clone(),
        object.clone(),
        format!("[1, {array}, {object}, [2]]"),
        format!("{{\"a\": {array}, \"b\": {object}, \"c\": [3]}}"),
    ] {
        same(&text);
    }
}
