//! Is this name or value a credential? The three tests of R007: a
//! secret-named member (by the words of its name), a published credential
//! format ([`super::formats`]) anywhere in a string, and the secret parts
//! of a URL; and, under a key-like name, a long high-entropy string.

use super::formats;
use super::gate;
use super::names::is_secret_param_name;

/// Why something is a secret, for the finding that says so.
#[derive(Debug, Clone, Copy)]
pub enum Why {
    /// A member named like a credential holds a literal.
    Name,
    /// A published credential format.
    Format(&'static formats::Format),
    /// A secret part of a URL (what part).
    Url(&'static str),
    /// A long high-entropy string under a key-like name.
    Entropy,
    /// A vendor's distinctive token prefix followed by a token, where the
    /// token is shorter than the published format (a test or truncated
    /// token is still one): the kind of token.
    Prefix(&'static str),
}

impl Why {
    /// The test and, for a format, the vendor's kind of credential.
    pub fn describe(&self) -> String {
        match self {
            Why::Name => "a literal value under a secret-named member".into(),
            Why::Format(f) => f.description.clone(),
            Why::Url(part) => format!("a URL with {part}"),
            Why::Entropy => "a high-entropy string under a key-like name".into(),
            Why::Prefix(what) => format!("{what} (by its prefix)"),
        }
    }
}

/// A secret in a string: why, and its byte range in the string.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub why: Why,
    pub start: usize,
    pub end: usize,
}

/// Is `s` a `{{placeholder}}` (the whole value), or nothing at all?
pub fn is_placeholder_or_empty(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || (t.starts_with("{{") && t.ends_with("}}") && !t[2..t.len() - 2].contains("}}"))
}

/// Shannon entropy of `s`, in bits per character.
fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
        n += 1;
    }
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

/// A dotted lower-case key (`rfi.detail`, `commitments.work_order_contracts.detail`).
fn is_view_key_like(t: &str) -> bool {
    t.contains('.') && t.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
}

/// Is `s`, held by a member named `key` (directly, as an item of its list,
/// or as a literal value its declaration gives), a secret by the entropy
/// test: a key-like name over a long high-entropy string that no credential
/// format already names?
pub fn is_entropy_secret(key: &str, s: &str) -> bool {
    s.len() >= 20 && super::names::is_key_like(key) && is_high_entropy(s) && hits(s).is_empty()
}

/// A long high-entropy string (at least 20 characters, 4.0 bits each, no
/// white space), never a canonical UUID, a dotted view key or a URL.
pub fn is_high_entropy(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() >= 20
        && !t.chars().any(char::is_whitespace)
        && !crate::text::is_uuid(t)
        && !t.contains("://")
        && !t.contains("{{")
        && !is_view_key_like(t)
        && entropy(t) >= 4.0
}

/// Query and fragment parameters that carry a credential besides the
/// secret-named ones.
const URL_PARAMS: &[&str] = &[
    "key",
    "token",
    "access_token",
    "id_token",
    "refresh_token",
    "sig",
    "signature",
    "auth",
    "apikey",
    "api_key",
    "code",
    "client_secret",
    "password",
];

/// Secret parts of every URL in `s`: a userinfo password, a token alone
/// as userinfo, and secret query or fragment parameters.
fn url_hits(s: &str, out: &mut Vec<Hit>) {
    let b = s.as_bytes();
    // Without userinfo, query or fragment, no URL here has a secret part
    // (most manifest URLs: one vectorised search).
    if memchr::memchr3(b'@', b'?', b'#', b).is_none() {
        return;
    }
    // A value that is a scheme-relative URL (`//user:pw@host/…`) too.
    let lead = s.len() - s.trim_start().len();
    if s[lead..].starts_with("//") {
        url_parts(s, lead + 2, out);
    }
    let mut from = 0;
    while let Some(k) = SCHEME_SEPARATOR.find(&b[from..]) {
        let sep = from + k;
        from = sep + 3;
        if sep == 0 || !b[sep - 1].is_ascii_alphabetic() {
            continue;
        }
        from = url_parts(s, from, out).max(from);
    }
}

/// The secret parts of the URL whose authority starts at `from`: its end.
fn url_parts(s: &str, from: usize, out: &mut Vec<Hit>) -> usize {
    let end = url_end(s, from);
    let url = &s[from..end];
    let authority_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    if let Some(at) = url[..authority_end].rfind('@') {
        let userinfo = &url[..at];
        match userinfo.split_once(':') {
            Some((_, pw)) if !is_placeholder_or_empty(pw) && !pw.contains("{{") => out.push(Hit {
                why: Why::Url("a password in its userinfo"),
                start: from + userinfo.len() - pw.len(),
                end: from + at,
            }),
            None if looks_like_token(userinfo) => out.push(Hit {
                why: Why::Url("a token as its userinfo"),
                start: from,
                end: from + at,
            }),
            _ => {}
        }
    }
    let params_start = url.find(['?', '#']);
    if let Some(q) = params_start {
        let mut offset = from + q + 1;
        for pair in url[q + 1..].split(['&', ';', '#', '?']) {
            let here = offset;
            offset += pair.len() + 1;
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            // The value first: most manifest URLs pass placeholders.
            if is_placeholder_or_empty(value) || value.contains("{{") {
                continue;
            }
            // A name written with %-escapes (`%74oken`) is the name
            // it decodes to.
            let decoded = name
                .contains('%')
                .then(|| {
                    url::form_urlencoded::parse(name.as_bytes())
                        .next()
                        .map(|(n, _)| n.into_owned())
                })
                .flatten();
            let name = decoded.as_deref().unwrap_or(name);
            if URL_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(name)) || is_secret_param_name(name) {
                let signature = name.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"sig"));
                out.push(Hit {
                    why: Why::Url(if signature {
                        "a signature in its parameters"
                    } else {
                        "a credential in its parameters"
                    }),
                    start: here + name.len() + 1,
                    end: here + pair.len(),
                });
            }
        }
    }
    end
}

/// A userinfo without a password that is a token: a catalogue format, or
/// 16 or more letters and digits with both.
fn looks_like_token(u: &str) -> bool {
    !formats::find_all(u).is_empty()
        || (u.len() >= 16
            && u.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
            && u.bytes().any(|c| c.is_ascii_digit())
            && u.bytes().any(|c| c.is_ascii_alphabetic()))
}

/// Distinctive token prefixes, each with the kind of token it starts: a
/// prefix followed by 8 or more token characters is a credential even when
/// shorter than the vendor's published format.
const PREFIXES: &[(&str, &str)] = &[
    ("ghp_", "a GitHub personal access token"),
    ("gho_", "a GitHub OAuth access token"),
    ("ghu_", "a GitHub user-to-server token"),
    ("ghs_", "a GitHub server-to-server token"),
    ("ghr_", "a GitHub refresh token"),
    ("github_pat_", "a GitHub fine-grained personal access token"),
    ("glpat-", "a GitLab personal access token"),
    ("xoxb-", "a Slack bot token"),
    ("xoxp-", "a Slack user token"),
    ("xoxa-", "a Slack app token"),
    ("xoxr-", "a Slack refresh token"),
    ("xoxs-", "a Slack session token"),
    ("xapp-", "a Slack app-level token"),
    ("sk_live_", "a Stripe live secret key"),
    ("sk_test_", "a Stripe test secret key"),
    ("rk_live_", "a Stripe live restricted key"),
    ("rk_test_", "a Stripe test restricted key"),
    ("whsec_", "a Stripe webhook signing secret"),
    ("npm_", "an npm access token"),
    ("shpat_", "a Shopify access token"),
    ("GOCSPX-", "a Google OAuth client secret"),
];

/// A distinctive prefix at a word start followed by at least 8 token
/// characters (not lower-case words joined by `_`: an identifier); and `Bearer` followed by a token of 12 or more characters
/// holding a digit, a token's punctuation or case that changes four times
/// (not a word of prose; the catalogue's Bearer format wants 20).
fn prefix_hits(s: &str, out: &mut Vec<Hit>) {
    let b = s.as_bytes();
    let token = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-');
    for (p, what) in PREFIXES {
        let mut from = 0;
        while let Some(k) = s[from..].find(p) {
            let start = from + k;
            from = start + p.len();
            if start > 0 && token(b[start - 1]) {
                continue;
            }
            let end = from + b[from..].iter().take_while(|&&c| token(c)).count();
            // Lower-case words joined by `_` (`npm_config_registry`,
            // `npm_package_version`) are an identifier, not a token.
            let body = &b[from..end];
            let identifier = body.contains(&b'_') && body.iter().all(|c| c.is_ascii_lowercase() || *c == b'_');
            if end - from >= 8 && !identifier && !super::formats::is_filler(&s[from..end]) {
                out.push(Hit {
                    why: Why::Prefix(what),
                    start,
                    end,
                });
            }
        }
    }
    for bearer in ["Bearer ", "bearer ", "BEARER "] {
        let mut from = 0;
        while let Some(k) = s[from..].find(bearer) {
            let start = from + k + bearer.len();
            from = start;
            let end = start
                + b[start..]
                    .iter()
                    .take_while(|&&c| c.is_ascii_alphanumeric() || b"._~+/-=".contains(&c))
                    .count();
            let t = &b[start..end];
            if t.len() >= 12 && !super::formats::is_prose_word(t) && t.iter().any(u8::is_ascii_alphabetic) {
                out.push(Hit {
                    why: Why::Prefix("a Bearer token"),
                    start,
                    end,
                });
            }
        }
    }
}

/// Every credential in a string (formats and URL parts), in order, none
/// overlapping.
pub fn hits(s: &str) -> Vec<Hit> {
    if s.len() < 8 {
        return Vec::new();
    }
    let seen = gate::marks(s.as_bytes());
    if !seen.not_hex {
        return Vec::new();
    }
    let urls = (seen.colon && has_scheme_separator(s)) || s.trim_start().starts_with("//");
    let formats = gate::may_hold(s, seen, formats::may_hold);
    if !urls && !formats {
        return Vec::new();
    }
    let mut out: Vec<Hit> = Vec::new();
    if formats {
        // Every loose prefix and `Bearer` is among the catalogue's.
        out.extend(formats::find_all(s).into_iter().map(|m| Hit {
            why: Why::Format(m.format),
            start: m.start,
            end: m.end,
        }));
        prefix_hits(s, &mut out);
    }
    if urls {
        url_hits(s, &mut out);
    }
    formats::non_overlapping(out, |h| (h.start, h.end))
}

/// Does a string hold a credential (a format or a URL's secret part)?
pub fn is_secret_value(s: &str) -> bool {
    !hits(s).is_empty()
}

/// Does `t` hold `://`? (`str::contains` sets up a substring searcher per
/// call; this one is built once.)
fn has_scheme_separator(t: &str) -> bool {
    SCHEME_SEPARATOR.find(t.as_bytes()).is_some()
}

/// A searcher for `://`, built once.
static SCHEME_SEPARATOR: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("://"));

/// Where a URL starting at `from` ends: at whitespace (`char::is_whitespace`,
/// Unicode's too) or a quote or angle bracket, else at the end of `s`. By
/// bytes: only a byte that starts a non-ASCII character is decoded.
fn url_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate().skip(from) {
        let stop = match c {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b'"' | b'\'' | b'<' | b'>' | b'`' => true,
            // Other ASCII bytes, and the continuation bytes of a character.
            0..=0xbf => false,
            _ => s[i..].chars().next().is_some_and(char::is_whitespace),
        };
        if stop {
            return i;
        }
    }
    s.len()
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
