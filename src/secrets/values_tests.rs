//! Tests of `values.rs` (kept apart: the module stays under the
//! 400-line limit of `tests/layering.rs`).

use super::*;

/// `url_end` by bytes stops where the search by characters stopped, for
/// every ASCII byte and every Unicode space, before and after
/// multi-byte characters.
#[test]
fn url_end_by_bytes_as_by_characters() {
    let by_chars = |s: &str, from: usize| {
        s[from..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .map_or(s.len(), |e| from + e)
    };
    let mut stops: Vec<char> = (0u8..0x80).map(char::from).collect();
    stops.extend([
        '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{200a}', '\u{2028}', '\u{2029}',
    ]);
    stops.extend([
        '\u{202f}', '\u{205f}', '\u{3000}', '\u{feff}', '\u{200b}', 'é', '😀', '\u{ff3c}',
    ]);
    for c in stops {
        for text in [
            format!("https://a.io/x{c}y"),
            format!("https://é.io/😀{c}"),
            format!("{c}https://a.io/p?q=1"),
            format!("https://a.io/{c}{c}é"),
        ] {
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(url_end(&text, from), by_chars(&text, from), "{text:?} from {from}");
            }
        }
    }
}

#[test]
fn values() {
    for v in [
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ",
        "Authorization: Bearer 4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c",
        "ghp_0123456789abcdefghijABCDEFGHIJ012345",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "AKIAIOSFODNN7Q2XK4ZB",
        "https://user:hunter2@example.io/x",
        "https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/acme/app.git",
        "https://api.acme.io/x?token=abc123",
        "https://api.acme.io/x?a=1&api_key=abc",
        "https://app.acme.io/cb#access_token=abc123def",
        "https://acct.blob.core.windows.net/c?sv=2022&sig=abcdEFGH1234ijklMNOP5678",
        "  Bearer 4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c ",
        // Bodies without a digit or capital: the first tests must let
        // them through (the prefix's `_` or `-` is their mark).
        "ghp_abcdefghijklmnopqrstuvwxyzabcdefghij",
        "sk_live_abcdefghijklmnopqrstuvwx",
        "deploy with glpat-abcdefghijklmnopqrst today",
        "the key: xoxb-abcdefghijklmnopqrstuvwxyz",
        // A parameter name written with %-escapes, and a lower-case token
        // after a Bearer in any spelling the catalogue takes.
        "https://app.acme.io/panel?%74oken=abc123XYZsecretvalue",
        "https://app.acme.io/panel?a=1&client%5Fsecret=abc123XYZsecretvalue",
        "Authorization: Bearer supersecretlongtokenvalue",
        "BEARER supersecretlongtokenvalue",
    ] {
        assert!(is_secret_value(v), "{v}");
    }
    for v in [
        "eyJa.b.c",
        "https://example.com/a.b.c",
        "https://user@example.io/",
        "https://api.acme.io/x?token={{procore.company.id}}",
        "https://api.acme.io/x?token=",
        "https://api.acme.io/x?tokens=1",
        "https://api.acme.io/x?%74okens=1",
        "https://api.acme.io/x?%74oken={{procore.company.id}}",
        "AKIA-short",
        "ghp_",
        "readonly",
        "Bearer {{token}}",
        "Basic authentication is not supported",
        "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
    ] {
        assert!(!is_secret_value(v), "{v}");
    }
    assert!(is_high_entropy("q8Zr2Lx9Vb4Nt7Kc1Mw5Pd3Hs6Jf0Ga"));
    assert!(!is_high_entropy("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
    assert!(!is_high_entropy("aaaaaaaaaaaaaaaaaaaaaaaa"));
}

/// A value that is a scheme-relative URL has the same secret parts.
#[test]
fn scheme_relative_urls() {
    let s = "//deploy:Zq8vN3xK0pLr7TbW2yHc5FgJ@app.acme.io/?token=Hq3Lm9Xv2Pr8Kt4Wz7Nc1Bd6";
    let found: Vec<&str> = super::hits(s).iter().map(|h| &s[h.start..h.end]).collect();
    assert_eq!(found, ["Zq8vN3xK0pLr7TbW2yHc5FgJ", "Hq3Lm9Xv2Pr8Kt4Wz7Nc1Bd6"]);
    assert!(super::hits("//cdn.acme.io/app.js?v=12").is_empty());
}
