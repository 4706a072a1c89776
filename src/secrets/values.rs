//! Is this name or value a credential (R007's tests)?

/// Member names that hold credentials (any case; `-` and `_` alike).
const SECRET_NAMES: &[&str] = &[
    "clientsecret",
    "secret",
    "accesstoken",
    "refreshtoken",
    "password",
    "apikey",
];

/// Query parameter names that hold credentials: the member names and these.
const QUERY_NAMES: &[&str] = &["token", "apikey", "auth"];

/// Well-known credential prefixes (R007).
const PREFIXES: &[&str] = &[
    "sk_live_",
    "rk_live_",
    "ghp_",
    "gho_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
];

/// `name` folded: lower case, without `-` and `_`.
fn folded(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.bytes()
        .filter(|b| !matches!(b, b'-' | b'_'))
        .map(|b| b.to_ascii_lowercase())
}

/// Is a member named like a credential? `uid` and `uuid` never are.
pub fn is_secret_name(key: &str) -> bool {
    // Compare without allocating: this runs on every key of every file.
    key.len() <= 32 && SECRET_NAMES.iter().any(|name| folded(key).eq(name.bytes()))
}

fn is_query_secret_name(key: &str) -> bool {
    is_secret_name(key) || (key.len() <= 32 && QUERY_NAMES.iter().any(|name| folded(key).eq(name.bytes())))
}

fn is_base64url_segment(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_jwt(t: &str) -> bool {
    let mut parts = t.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c), None) => {
            a.starts_with("eyJ") && is_base64url_segment(a) && is_base64url_segment(b) && is_base64url_segment(c)
        }
        _ => false,
    }
}

/// `AKIA` and 16 upper-case letters or digits (an AWS access key id).
fn is_aws_key(t: &str) -> bool {
    t.strip_prefix("AKIA").is_some_and(|rest| {
        rest.len() >= 16
            && rest
                .bytes()
                .take(16)
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && rest.as_bytes().get(16).is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// A URL whose userinfo holds a password, or whose query has a parameter
/// named like a secret with a literal value (a `{{placeholder}}` is not one).
fn is_secret_url(t: &str) -> bool {
    let Some(scheme_end) = t.find("://") else {
        return false;
    };
    let rest = &t[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if let Some((userinfo, _)) = authority.rsplit_once('@') {
        if userinfo.split_once(':').is_some_and(|(_, pw)| !pw.is_empty()) {
            return true;
        }
    }
    let Some(query_start) = rest.find('?') else {
        return false;
    };
    let query = &rest[query_start + 1..];
    let query = query.split('#').next().unwrap_or("");
    query.split(['&', ';']).any(|pair| match pair.split_once('=') {
        Some((name, value)) => {
            let value = value.trim();
            is_query_secret_name(name) && !value.is_empty() && !value.starts_with("{{")
        }
        None => false,
    })
}

/// Is a string value a credential: a JWT (three base64url segments, the
/// first starting `eyJ`), a `Bearer ` token, a well-known token prefix, or a
/// URL carrying a password or a secret query parameter?
pub fn is_secret_value(s: &str) -> bool {
    // Most strings neither start nor end with white space: no trim.
    let b = s.as_bytes();
    let t = if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
        s
    } else {
        s.trim()
    };
    // This runs on every string of every file: most strings fail the first
    // byte tests.
    match t.as_bytes().first() {
        None => false,
        Some(b'B' | b'b') if t.len() > 7 && t.as_bytes()[..7].eq_ignore_ascii_case(b"bearer ") => true,
        Some(b'e') if t.starts_with("eyJ") => is_jwt(t),
        Some(b'A') if is_aws_key(t) => true,
        Some(b's' | b'r' | b'g' | b'x') if PREFIXES.iter().any(|p| t.starts_with(p) && t.len() > p.len()) => true,
        _ => has_scheme_separator(t) && is_secret_url(t),
    }
}

/// Does `t` hold `://`? (`str::contains` sets up a substring searcher per
/// call; this one is built once.)
fn has_scheme_separator(t: &str) -> bool {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("://"));
    FINDER.find(t.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "client_secret",
            "Client-Secret",
            "API_KEY",
            "apiKey",
            "password",
            "refresh_token",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in ["uid", "uuid", "secretariat", "token_url"] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn values() {
        for v in [
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_-x",
            "Bearer abc",
            "bearer abc",
            "ghp_0123456789abcdef",
            "github_pat_11ABC",
            "glpat-xyz",
            "xoxb-1-2",
            "sk_live_abc",
            "AKIAABCDEFGHIJKLMNOP",
            "https://user:hunter2@example.io/x",
            "https://api.acme.io/x?token=abc123",
            "https://api.acme.io/x?a=1&api_key=abc",
            "https://api.acme.io/x?Auth=abc#frag",
            "  Bearer abc ",
            "x: https://api.acme.io/x?token=abc",
        ] {
            assert!(is_secret_value(v), "{v}");
        }
        for v in [
            "eyJ.only-two",
            "https://example.com/a.b.c",
            "https://user@example.io/",
            "https://api.acme.io/x?token={{procore.company.id}}",
            "https://api.acme.io/x?token=",
            "https://api.acme.io/x?tokens=1",
            "AKIA-short",
            "ghp_",
            "readonly",
            "a:b:/c",
            "https:/x?token=abc",
        ] {
            assert!(!is_secret_value(v), "{v}");
        }
    }
}
