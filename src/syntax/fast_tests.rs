//! The fast path (`fast/`) against the jsonc-parser path, and what a
//! tree costs.

use crate::syntax::{parse, parse_reference, Arena};

/// What a big manifest costs per value beyond its text: a node and a
/// member stay this small (the memory figures in the README depend on
/// it), and strings without escapes borrow the text on both paths (those
/// with escapes are decoded into the arena).
#[test]
fn nodes_stay_small_and_strings_borrow_the_text() {
    use crate::syntax::{Arena, Node, NodeKind};
    assert_eq!(std::mem::size_of::<Node>(), 24);
    assert_eq!(std::mem::size_of::<crate::syntax::Member>(), 48);
    let text = r#"{"plain": "value", "esc\u0061ped": "a\nb"}"#;
    let in_text = |s: &str| text.as_bytes().as_ptr_range().contains(&s.as_ptr());
    let arena = Arena::default();
    for root in [parse(text, &arena).unwrap(), parse_reference(text, &arena).unwrap()] {
        let members = root.as_object().unwrap();
        assert!(members[0].key == "plain" && in_text(members[0].key));
        assert!(matches!(members[0].value.kind, NodeKind::String(s) if s == "value" && in_text(&s)));
        assert!(members[1].key == "escaped" && !in_text(members[1].key));
        assert!(matches!(members[1].value.kind, NodeKind::String(s) if s == "a\nb" && !in_text(&s)));
    }
}

/// The fast path and the jsonc-parser path agree (tree or error).
fn same(text: &str) {
    let (fast, reference) = (Arena::default(), Arena::default());
    assert_eq!(parse(text, &fast), parse_reference(text, &reference), "{text:?}");
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

/// Huge containers (each placed in the arena at its counted size when it
/// opens), at the top, nested in an array and in an object, build the same
/// tree as the jsonc-parser path.
#[test]
fn huge_containers_build_the_same_tree() {
    let items: Vec<String> = (0..40000).map(|i| format!("{{\"k{i}\": [{i}, \"v\"]}}")).collect();
    let array = format!("[{}]", items.join(","));
    let members: Vec<String> = (0..40000).map(|i| format!("\"m{i}\": {i}")).collect();
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

/// The first pass counts entries without parsing: brackets, commas and
/// quotes inside strings (escaped or not), empty containers and whitespace
/// must not miscount, and text it miscounts (not JSON) is refused. Small
/// texts are not counted (scratch stacks): both ways build the tree of the
/// jsonc-parser path.
#[test]
fn entry_counts_survive_strings_and_empties() {
    for text in [
        r#"["[", "]", "{", "}", ",", ",,"]"#,
        r#"{"a,b": "c]d", "e\"": "\\", "f": "\\\""}"#,
        r#"[[], {}, [[]], [{}], {"a": []}, {"b": {}}]"#,
        " [ 1 , [ 2 , 3 ] , { \"x\" : [ ] } ] ",
        r#"[1, "\u005d", "\u002c", 2]"#,
        r#"{"a long key with no escape": "a long value with no escape", "k": ["xxxxxxxxxxxxxxxxxxx\"x"]}"#,
    ] {
        let reference = Arena::default();
        let expected = parse_reference(text, &reference).ok();
        for counted in [true, false] {
            let arena = Arena::default();
            assert_eq!(
                super::fast::parse_with(text, 0, &arena, counted).ok(),
                expected,
                "{text}"
            );
        }
    }
    for text in ["[1 2]", "[,1]", "[1,]", "{\"a\" 1}", "[\"a]", "[1]]", "[[1]"] {
        for counted in [true, false] {
            let arena = Arena::default();
            assert!(super::fast::parse_with(text, 0, &arena, counted).is_err(), "{text}");
        }
    }
}

/// A big text the fast path does not take: its error is looked for in a
/// copy with the entries that cannot matter blanked, and is the error the
/// jsonc-parser path finds in the whole text (kind, message and offset),
/// wherever it is and however deep.
#[test]
fn errors_in_big_texts_are_those_of_the_whole_text() {
    let many = |item: &str| vec![item; 20000].join(", ");
    let numbers = many("12345");
    let objects = many(r#"{"k": [1, "v"]}"#);
    let wide = many(r#"{"ключ": "värde 🙂"}"#);
    for text in [
        format!("[{numbers}, ]"),
        format!("[{numbers} 7]"),
        format!("[{numbers}, 7"),
        format!("{{\"a\": [{numbers}, {{\"b\": [{objects}, x]}}]}}"),
        format!("{{\"a\": [{objects}], \"b\": [{numbers}, NaN]}}"),
        format!("{{\"a\": [{objects}, {{\"k\" 1}}]}}"),
        format!("{{\"a\": [{objects}, \"bad \\q escape\"]}}"),
        format!("{{\"a\": [{objects}, \"raw \u{1} control\"]}}"),
        format!("{{\"a\": [{objects}, 01]}}"),
        format!("[{numbers}, \"unterminated"),
        format!("[{objects}]]"),
        format!("[{objects}, {}{}]", "[".repeat(200), "]".repeat(200)),
        // Cuts in three containers, multi-byte text before and between
        // them: the error's offset is counted back over every cut.
        format!("{{\"é\": [{wide}], \"a\": [{wide}, {{\"b\": [{numbers}, {{\"c\": [{wide}, \"ü\" \"x\"]}}]}}]}}"),
    ] {
        same(&text);
        let arena = Arena::default();
        assert!(parse(&text, &arena).is_err(), "{}", &text[text.len() - 40..]);
    }
}
