//! Tests of the lexical scan (`lexical.rs`).

use super::read::decode;
use super::*;

fn found(t: &str) -> Vec<String> {
    scan(t).into_iter().flat_map(|l| l.texts).collect()
}

#[test]
fn string_tokens_with_and_without_escapes() {
    let pieces = [
        "", "abc", "é", "\\\"", "\\n", "\\u0041", "\\u00", "\\x", "\\\\", "'", "\"", "\n", "\\\n", "ghp_",
    ];
    let mut texts = Vec::new();
    for a in pieces {
        for b in pieces {
            for c in pieces {
                for q in ['"', '\''] {
                    texts.push(format!("{q}{a}{b}{c}"));
                    texts.push(format!("{q}{a}{b}{c}{q}, rest"));
                    texts.push(format!("{q}{a}{b}{c}\\"));
                }
            }
        }
    }
    for t in &texts {
        let (end, s) = string_at(t.as_bytes(), 0);
        // Against the byte-by-byte decoding from the quote on.
        assert_eq!((end, s.into_owned()), decode(t.as_bytes(), 1, 1), "{t:?}");
    }
    // Borrowed when there is nothing to decode.
    assert!(matches!(string_at(b"\"plain\" x", 0).1, Cow::Borrowed("plain")));
}

/// The scan with its second search between the strings it tested
/// finds what it finds over the whole text, on every text of the labelled secret
/// corpus and broken variants of each (cut off, a comma gone, a raw
/// line break inside a string, a comment with an apostrophe).
#[test]
fn searching_between_tested_strings_changes_no_finding() {
    let key = |v: Vec<Lexical>| -> Vec<(Span, Vec<String>, String)> {
        v.into_iter().map(|l| (l.span, l.texts, l.why.describe())).collect()
    };
    let mut texts = Vec::new();
    for name in ["planted.jsonl", "lookalikes.jsonl"] {
        let path = format!("{}/tests/data/secrets-corpus/{name}", env!("CARGO_MANIFEST_DIR"));
        let corpus = std::fs::read_to_string(&path).expect("the labelled corpus");
        for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a corpus line is JSON");
            let t = v["text"].as_str().unwrap_or_default().to_string();
            let cut = |k: usize| {
                let mut at = t.len() * k / 3;
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                t[..at].to_string()
            };
            texts.extend([
                cut(1),
                cut(2),
                t.replacen("\",", "\"", 1),
                t.replacen(": \"", ": \"ab\ncd", 1),
            ]);
            texts.push(format!("// don't paste: {t}\n'{t}'"));
            texts.push(t);
        }
    }
    assert!(texts.len() > 2000);
    for t in &texts {
        let whole = with_text_hits(t, scan_tokens(t).out, hits(t));
        assert_eq!(key(scan(t)), key(whole), "{t}");
    }
}

#[test]
fn survives_what_broke_the_parse() {
    // An unterminated string on an earlier line.
    assert_eq!(found("{\"a\": \"open\n\"password\": \"hunter2xx\"}"), ["hunter2xx"]);
    // Escaped key names and values.
    assert_eq!(
        found(r#"{"pass\u0077ord": "s3cr3tvalue", "x": "\u0042earer tok3n0123456789"}"#),
        ["s3cr3tvalue", "Bearer tok3n0123456789"]
    );
    // Single-quoted pseudo-JSON and bare keys.
    assert_eq!(found("{'client_secret': 'abcdef123'}"), ["abcdef123"]);
    assert_eq!(found("{api_key: 'abcdef123',}"), ["abcdef123"]);
    // Non-string values, whole.
    assert_eq!(
        found("{\"password\": 12345678, \"secret\": [\"in1\", 42], "),
        ["12345678", "in1", "42"]
    );
    assert_eq!(found("{\"secret\": {\"k\": \"deep\""), ["deep"]);
    // Keys and values in typographic quotes or backticks (pasted from
    // a document or a chat).
    for t in [
        "{“client_secret”: “abcdef123”}",
        "{‘client_secret’: ‘abcdef123’,",
        "{`client_secret`: `abcdef123`}",
        "{«client_secret» : «abcdef123»}",
        "{＂client_secret＂: ＂abcdef123＂}",
    ] {
        let f = found(t);
        assert!(f.len() == 1 && f[0].contains("abcdef123"), "{t}: {f:?}");
    }
    assert_eq!(found("{“client_secret”: “abcdef123”}"), ["abcdef123"]);
    // A colon left out, a no-break space or a full-width colon, primes and
    // heavy quotes, mixed quotes.
    for t in [
        "{\n  \"client_secret\" \"missingcolon1\"\n}",
        "{\"clientSecret\"\u{a0}: \"abcdef123\"}",
        "{\"client_secret\"： \"abcdef123\"}",
        "{\"client_secret\" => \"abcdef123\"}",
        "{″client_secret″: ″abcdef123″}",
        "{❝client_secret❞: ❝abcdef123❞}",
        "{“client_secret\": “abcdef123\"}",
        "{\"client_secret”: \"abcdef123”, \"x\": 1}",
    ] {
        let f = found(t);
        assert!(
            f.len() == 1 && (f[0].contains("abcdef123") || f[0].contains("missingcolon1")),
            "{t}: {f:?}"
        );
    }
    // A secret name and a quote on the next line is no member.
    assert!(found("{\"token\"\n\"abcdef123\"").is_empty());
    // A PEM key in a string left open at its first line: one finding.
    let pem = "{\"schema_version\": \"4.1\",,\n\"key\": \"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END RSA PRIVATE KEY-----\"\n}";
    let one = scan(pem);
    assert_eq!(one.len(), 1, "{one:?}");
    assert!(one[0].texts.iter().any(|t| t.contains("MIIEow")), "{one:?}");
    // Nothing in an empty value; uid is no secret.
    assert!(found("{\"password\": \"\", \"uid\": \"x\"").is_empty());
}

/// A `uid`/`uuid` member's own value is an identifier in a file that does
/// not parse too (the tree scan's rule), whatever it looks like; members
/// below an object under it, and what follows, are scanned.
#[test]
fn uid_values_are_identifiers_in_the_lexical_scan_too() {
    let text = r#"{"uuid": "AKIAIOSFODNN7EXAMPLE", 'uid': 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', "x": "ghp_bbcdefghijklmnopqrstuvwxyz0123456789",}"#;
    let found = super::scan(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].texts[0].starts_with("ghp_bbc"), "{found:?}");
    // A uid string left open is not skipped: it may run over the rest.
    let open = "{\"uid\": \"x\n\"token\": \"ghp_abcdefghijklmnopqrstuvwxyz0123456789\"}";
    assert!(!super::scan(open).is_empty());
}

/// The entropy test holds in a file that does not parse: a long
/// high-entropy string under a key-like name (the tree scan's test).
#[test]
fn entropy_under_a_key_like_name_in_the_lexical_scan() {
    let text =
        "{\"app_manifest\": {\"license_key\": \"Qm7vT2xLp9sKw3ZrAbCdEf12\", \"name\": \"Qm7vT2xLp9sKw3ZrAbCdEf99\"},}";
    let found = super::scan(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].texts, ["Qm7vT2xLp9sKw3ZrAbCdEf12"]);
    // ... and among the strings of its list.
    let text = "{\"license_keys\": [\"short\", \"Zq8vN3xK0pLr7TbW2yHc5FgJ\"],}";
    let found = super::scan(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].texts, ["Zq8vN3xK0pLr7TbW2yHc5FgJ"]);
}
