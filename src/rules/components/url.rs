//! What the component rules share about a URL and a configuration schema
//! (not rules themselves).

use crate::rules::interpolation::Placeholder;
use crate::syntax::Node;
use std::rc::Rc;

/// A URL as the rules see it: its text, and the result of parsing it with
/// each placeholder replaced by a sample value (with where its host and
/// path end, at the query or fragment, in the original text).
pub struct UrlFacts<'a> {
    pub text: &'a str,
    pub parsed: Result<(Rc<url::Url>, usize), url::ParseError>,
}

/// `url::Url::parse`, remembered per thread ([`crate::secrets::Memo`]):
/// a parse costs thousands of instructions, and the same URLs come back
/// across a repository's manifests (a vendor's help and setup pages) and
/// on every re-lint of a document in the editor. Keyed by the whole text
/// parsed, so a result is never another URL's.
fn parse(sample: &str) -> Result<Rc<url::Url>, url::ParseError> {
    thread_local! {
        static MEMO: crate::secrets::Memo<Result<Rc<url::Url>, url::ParseError>> = crate::secrets::Memo::default();
    }
    MEMO.with(|memo| memo.get(sample, |s| url::Url::parse(s).map(Rc::new)))
}

impl<'a> UrlFacts<'a> {
    /// `None` when the value is not a string.
    pub fn of(url: &'a Node<'a>, placeholders: &[Placeholder]) -> Option<UrlFacts<'a>> {
        let s = url.as_str()?;
        let mut sample = String::with_capacity(s.len());
        let mut last = 0;
        let authority = if placeholders.is_empty() { None } else { authority(s) };
        for p in placeholders {
            sample.push_str(&s[last..p.range.start]);
            sample.push_str(sample_value(s, authority, p));
            last = p.range.end;
        }
        sample.push_str(&s[last..]);
        // Where the host and path end: at the query or the fragment (a
        // single-page app's `#/panel?c=…` is no path), a `?` or `#` inside
        // a placeholder's braces (`{{a#b}}`, malformed) being none.
        let query_start = outside_braces(s, b'?', b'#').unwrap_or(s.len());
        Some(UrlFacts {
            text: s,
            parsed: parse(sample.trim()).map(|u| (u, query_start)),
        })
    }
}

/// The sample that stands for placeholder `p` of URL `s`, fit for where
/// it sits: a port (`host:{{port}}`) takes a number, an IPv6 host
/// (`[{{ipv6}}]`) an address or a group of one, anything else a word (a
/// name `Acme`).
fn sample_value(s: &str, authority: Option<(usize, usize)>, p: &Placeholder) -> &'static str {
    let word = if p.name.ends_with(".name") { "Acme" } else { "sample1" };
    let Some((auth_start, auth_end)) = authority.filter(|&(a, _)| a <= p.range.start) else {
        return word;
    };
    if p.range.start >= auth_end || s[p.range.end.min(auth_end)..auth_end].contains('@') {
        return word; // past the host, or in the userinfo
    }
    let before = &s[auth_start..p.range.start];
    let host = before.rsplit('@').next().unwrap_or(before);
    if let Some(open) = host.rfind('[').filter(|&o| !host[o..].contains(']')) {
        let whole = open + 1 == host.len() && s[p.range.end..].starts_with(']');
        // A public address: C012 would read a loopback sample as the
        // manifest's own local host.
        return if whole { "2606:4700::1111" } else { "1" };
    }
    // The port: after the host's last colon (past an IPv6 host's `]`).
    let tail = host.rfind(']').map_or(host, |i| &host[i + 1..]);
    // (An earlier placeholder of the port stands for digits too.)
    match tail.rfind(':').map(|c| &tail[c + 1..]) {
        Some(before) if without_placeholders(before).bytes().all(|b| b.is_ascii_digit()) => "1",
        _ => word,
    }
}

/// Where the authority of URL `s` (past `://`) starts and ends.
pub(super) fn authority(s: &str) -> Option<(usize, usize)> {
    let start = s.find("://")? + 3;
    let end = s[start..].find(['/', '?', '#']).map_or(s.len(), |i| start + i);
    Some((start, end))
}

/// The first `a` or `b` of `s` outside `{{…}}` (jumping from brace to
/// brace: this runs on every URL).
fn outside_braces(s: &str, a: u8, b: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memchr3(a, b, b'{', &bytes[i..]) {
        i += k;
        if bytes[i] != b'{' {
            return Some(i);
        }
        if bytes.get(i + 1) == Some(&b'{') {
            if let Some(close) = memchr::memmem::find(&bytes[i + 2..], b"}}") {
                i += close + 4;
                continue;
            }
        }
        i += 1;
    }
    None
}

/// `s` without its `{{…}}` placeholders.
fn without_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        match rest[open..].find("}}") {
            Some(close) => rest = &rest[open + close + 2..],
            None => return out + &rest[open..],
        }
    }
    out + rest
}

/// A component's declared configuration properties.
pub struct Properties<'a> {
    pub node: Option<&'a Node<'a>>,
    /// `configuration` (4.1) or `user_configuration` (3.x).
    pub config_key: &'a str,
}

impl Properties<'_> {
    pub fn declares(&self, name: &str) -> bool {
        self.node.is_some_and(|p| p.get(name).is_some())
    }

    pub fn names(&self) -> Vec<&str> {
        self.node
            .and_then(Node::as_object)
            .map(|m| m.iter().map(|m| m.key).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    /// A placeholder's sample fits where it sits: the URL parses whatever
    /// part of it the placeholder stands for.
    #[test]
    fn placeholders_parse_wherever_they_sit() {
        for url in [
            "https://app.acme.io:{{port}}/?p={{procore.project.id}}",
            "https://[{{ipv6}}]/",
            "https://acme.io:{{a}}{{b}}/",
            "https://[fe80::{{group}}]:{{port}}/x",
            "https://{{sub}}.acme.io:80{{digit}}/",
            "https://{{user}}:{{pass}}@acme.io/",
            "https://acme.io/{{path}}?q={{procore.company.name}}#{{frag}}",
        ] {
            let text = crate::text::json_string(url);
            let arena = crate::syntax::Arena::default();
            let root = crate::syntax::parse(&text, &arena).expect("json");
            let (placeholders, malformed) = crate::rules::interpolation::parse(&root, &text);
            assert!(malformed.is_empty(), "{url}");
            let facts = super::UrlFacts::of(&root, &placeholders).expect("a string");
            assert!(facts.parsed.is_ok(), "{url}: {:?}", facts.parsed.err());
        }
    }
}
