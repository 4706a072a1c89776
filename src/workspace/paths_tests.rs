use super::*;

#[test]
fn uri_paths_are_encoded() {
    assert_eq!(
        encode_uri_path("apps/my app/manifest.json"),
        "apps/my%20app/manifest.json"
    );
    assert_eq!(encode_uri_path("a:b/ü#?%.json"), "a%3Ab/%C3%BC%23%3F%25.json");
}

#[test]
fn names_that_are_not_utf8() {
    let name = escaped(b"a\xFFb\xC3(.json");
    assert_eq!(name, "a\\xFFb\\xC3(.json");
    assert_eq!(encode_uri_path(&name), "a%FFb%C3(.json");
    // A literal `\x41` in a name stays as written.
    assert_eq!(encode_uri_path("x\\x41.json"), "x%5Cx41.json");
    // A name spelling `\xC3\xA9` is not the name holding é: its
    // backslashes are escaped, so the two never print (or encode) the
    // same.
    let spelled = escaped(b"x\\xC3\\xA9.json");
    assert_ne!(spelled, escaped("x\u{e9}.json".as_bytes()));
    assert_ne!(spelled, escaped(b"x\xC3\xA9.json"));
    assert_eq!(encode_uri_path(&spelled), "x%5CxC3%5CxA9.json");
    assert_eq!(encode_uri_path(&escaped(b"x\xC3\xA9.json")), "x%C3%A9.json");
    assert_eq!(escaped(b"a\\b\\xZ"), "a\\b\\xZ");
    // Controls are escaped: a name is one line wherever it is shown.
    assert_eq!(escaped(b"bad\nrow\t.json"), "bad\\x0Arow\\x09.json");
    assert_eq!(encode_uri_path(&escaped(b"a\nb\x1b.json")), "a%0Ab%1B.json");
    assert_ne!(escaped(b"a\nb"), escaped(b"a\\x0Ab"));
    // Other characters the sanitizer escapes: in its form, one-to-one.
    for name in ["a\u{85}b.json", "r\u{202e}l.json", "l\u{2028}s.json", "z\u{200b}w.json"] {
        let shown = escaped(name.as_bytes());
        assert!(shown.is_ascii() && shown.contains("\\u{"), "{shown}");
        assert_eq!(unescaped(&shown), name.as_bytes());
    }
    assert_ne!(escaped("a\u{85}b".as_bytes()), escaped(b"a\\u{85}b"));
    assert_eq!(escaped(b"a\\u{85}b"), "a\\x5Cu{85}b");
    // Every escape reverses; a text that only looks like one stays.
    for name in [&b"x\xFF\n\\x41\\u{85}\\u{zz}\\x+1"[..], "é\u{202e}\t".as_bytes()] {
        assert_eq!(unescaped(&escaped(name)), name, "{:?}", escaped(name));
    }
}

#[test]
fn relative_paths() {
    let root = Path::new("/repo");
    assert_eq!(
        relative_to(Path::new("/repo/a/b.json"), root).as_deref(),
        Some("a/b.json")
    );
    assert_eq!(
        relative_to(Path::new("/other/b.json"), root).as_deref(),
        Some("../other/b.json")
    );
    assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
}

#[test]
fn locate_relative_to_root() {
    let dir = std::env::temp_dir();
    let root = SourceRoot::new(&dir, &dir);
    let loc = root.locate("sub dir/m.json");
    assert_eq!(
        loc,
        Located {
            path: "sub dir/m.json".into(),
            relative: true
        }
    );
    assert!(!root.locate("-").relative);
    assert!(root.root_uri().unwrap().starts_with("file:///"));
}
