//! What the component rules share about a URL and a configuration schema
//! (not rules themselves).

use crate::rules::interpolation::Placeholder;
use crate::syntax::Node;
use std::rc::Rc;

/// A URL as the rules see it: its text, and the result of parsing it with
/// each placeholder replaced by a sample value (with where its query
/// starts in the original text).
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
        for p in placeholders {
            sample.push_str(&s[last..p.range.start]);
            sample.push_str(if p.name.ends_with(".name") { "Acme" } else { "sample1" });
            last = p.range.end;
        }
        sample.push_str(&s[last..]);
        let query_start = s.find('?').unwrap_or(s.len());
        Some(UrlFacts {
            text: s,
            parsed: parse(sample.trim()).map(|u| (u, query_start)),
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
