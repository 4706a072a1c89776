//! What the component rules share about a URL and a configuration schema
//! (not rules themselves).

use crate::rules::interpolation::Placeholder;
use crate::syntax::Node;

/// A URL as the rules see it: its text, and the result of parsing it with
/// each placeholder replaced by a sample value (with where its query
/// starts in the original text).
pub struct UrlFacts<'a> {
    pub text: &'a str,
    pub parsed: Result<(url::Url, usize), url::ParseError>,
}

impl<'a> UrlFacts<'a> {
    /// `None` when the value is not a string.
    pub fn of(url: &'a Node<'a>, placeholders: &[Placeholder]) -> Option<UrlFacts<'a>> {
        let s = url.as_str()?;
        let mut sample = String::with_capacity(s.len());
        let mut last = 0;
        for p in placeholders {
            sample.push_str(&s[last..p.range.start]);
            sample.push_str(if p.name.ends_with(".name") { "Acme" } else { "sample1" });
            last = p.range.end;
        }
        sample.push_str(&s[last..]);
        let query_start = s.find('?').unwrap_or(s.len());
        Some(UrlFacts {
            text: s,
            parsed: url::Url::parse(sample.trim()).map(|u| (u, query_start)),
        })
    }
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
