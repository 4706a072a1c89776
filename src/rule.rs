//! Rule identity: what a finding says about the rule that made it (code,
//! name, default severity, fix availability, group, documentation), below
//! the finding type so that a finding can name its rule without knowing the
//! registry. The rules themselves and the registry live in `rules/`.

use serde::Serialize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Whether a rule can offer a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Safe,
    Unsafe,
    /// Safe in some cases, unsafe in others (the docs say when).
    Sometimes,
    /// Offered for some findings only, and safe when offered.
    SometimesSafe,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::Sometimes | FixAvailability::SometimesSafe => "sometimes",
        }
    }

    /// The applicability of the fixes the rule offers, for `rules --format
    /// json`: `safe`, `unsafe` or `none`. A rule whose fix is offered for
    /// some findings only reports the fix it offers; one whose fix is safe
    /// for some findings and unsafe for others reports `unsafe`, what it
    /// takes (`--unsafe-fixes`) to get every fix it offers.
    pub fn applicability(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe | FixAvailability::SometimesSafe => "safe",
            FixAvailability::Unsafe | FixAvailability::Sometimes => "unsafe",
        }
    }
}

/// A group of rules: the letter its codes start with, its name, and its
/// SARIF tags (GitHub reads `security-severity` only on rules tagged
/// `security`).
#[derive(Debug)]
pub struct Group {
    pub id: GroupId,
    pub letter: char,
    pub name: &'static str,
    pub tags: &'static [&'static str],
}

/// Which group, for code that treats a group apart (never by its letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupId {
    Structure,
    Authentication,
    Permissions,
    Risk,
    Components,
    Installation,
    Usage,
    Configuration,
}

/// Every group, in the order the registry lists rules.
pub static GROUPS: &[Group] = &[
    Group {
        id: GroupId::Structure,
        letter: 'S',
        name: "structure",
        tags: &["structure"],
    },
    Group {
        id: GroupId::Authentication,
        letter: 'A',
        name: "authentication",
        tags: &["authentication"],
    },
    Group {
        id: GroupId::Permissions,
        letter: 'P',
        name: "permissions",
        tags: &["permissions"],
    },
    Group {
        id: GroupId::Risk,
        letter: 'R',
        name: "risk",
        tags: &["security", "risk"],
    },
    Group {
        id: GroupId::Components,
        letter: 'C',
        name: "components",
        tags: &["components"],
    },
    Group {
        id: GroupId::Installation,
        letter: 'I',
        name: "installation",
        tags: &["installation"],
    },
    Group {
        id: GroupId::Usage,
        letter: 'U',
        name: "usage",
        tags: &["security", "usage"],
    },
    Group {
        id: GroupId::Configuration,
        letter: 'X',
        name: "configuration",
        tags: &["configuration"],
    },
];

/// Where the rules' documentation lives: `docs/rules.md` in the repository,
/// one anchor per rule.
pub fn docs_url(code: &str) -> String {
    format!("{}#{}", docs_page(), code.to_ascii_lowercase())
}

/// The page every rule's documentation is a section of.
pub fn docs_page() -> String {
    format!("{}/blob/main/docs/rules.md", env!("CARGO_PKG_REPOSITORY"))
}

/// Everything known about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub fix: FixAvailability,
    /// GitHub code scanning's `security-severity` (0.0 to 10.0), on the
    /// rules about what an app could do or leak; GitLab calls 9.0 and over
    /// critical.
    pub security_severity: Option<&'static str>,
    /// Markdown: what it checks, why, an example that fires, the fixed version.
    docs: &'static str,
}

impl RuleMeta {
    #[doc(hidden)]
    pub const fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        fix: FixAvailability,
        summary: &'static str,
        security_severity: Option<&'static str>,
        docs: &'static str,
    ) -> Self {
        RuleMeta {
            code,
            name,
            severity,
            summary,
            fix,
            security_severity,
            docs,
        }
    }

    /// The rule's group (its code's first letter).
    pub fn group(&self) -> Option<&'static Group> {
        let first = self.code.chars().next()?;
        GROUPS.iter().find(|g| g.letter == first)
    }

    /// Is the rule of group `id`?
    pub fn is_in(&self, id: GroupId) -> bool {
        self.group().is_some_and(|g| g.id == id)
    }

    /// The rule's group tags (SARIF `properties.tags`).
    pub fn tags(&self) -> &'static [&'static str] {
        self.group().map_or(&[], |g| g.tags)
    }

    /// Where the rule's documentation lives.
    pub fn docs_url(&self) -> String {
        docs_url(self.code)
    }

    /// A finding of this rule is critical (GitLab Code Quality) when it is
    /// an error: full control of the company, or a leaked credential.
    pub fn is_critical(&self) -> bool {
        self.security_severity
            .and_then(|s| s.parse::<f32>().ok())
            .is_some_and(|s| s >= 9.0)
    }

    /// What a hover shows: the summary, the "Why" section and a short
    /// citation of Procore's words (the first quotation of the evidence);
    /// the evidence's commits and links stay in `explain` and the docs.
    pub fn hover_text(&self) -> String {
        let docs = self.docs();
        let section = |name: &str| -> String {
            let mut lines = docs.lines().skip_while(|l| l.trim() != name).skip(1);
            let body: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("## ")).collect();
            body.join("\n").trim().to_string()
        };
        let mut out = self.summary.to_string();
        // Links stay in `explain` and the docs: a hover cites in words.
        let why = without_links(&section("## Why"));
        if !why.is_empty() {
            out.push_str(&format!("\n\n{why}"));
        }
        let evidence = section("## Evidence");
        let quote = ['"', '“'].iter().find_map(|&open| {
            let start = evidence.find(open)? + open.len_utf8();
            let close = if open == '“' { '”' } else { '"' };
            let len = evidence[start..].find(close)?;
            Some(
                evidence[start..start + len]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        });
        if let Some(q) = quote.filter(|q| q.len() >= 12) {
            out.push_str(&format!("\n\nProcore: “{q}”"));
        }
        out.push_str(&format!(
            "\n\n`procore-manifest explain {}` for the evidence.",
            self.code
        ));
        out
    }

    /// The documentation as Markdown (doc-comment indentation removed).
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }
}

/// Rules are compared by identity: each is one `static`.
impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || self.code == other.code
    }
}

/// Declare a rule: doc comment, code, name, severity, fix availability and
/// summary in one place.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $ident:ident = ($code:literal, $name:literal, $sev:ident, $fix:ident, $summary:literal $(, security_severity = $ss:literal)?);
    ) => {
        $vis static $ident: $crate::rule::RuleMeta = $crate::rule::RuleMeta::new(
            $code,
            $name,
            $crate::rule::Severity::$sev,
            $crate::rule::FixAvailability::$fix,
            $summary,
            $crate::declare_rule!(@ss $($ss)?),
            concat!($($doc, "\n"),*),
        );
    };
    (@ss) => { None };
    (@ss $ss:literal) => { Some($ss) };
}

/// `text` without its web links: each `http(s)://…` and the comma or
/// spaces before it go (`(Developer Managed Service Accounts, https://…).`
/// becomes `(Developer Managed Service Accounts).`).
fn without_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min() {
        let head = rest[..at].trim_end();
        out.push_str(head.strip_suffix(',').unwrap_or(head));
        let tail = &rest[at..];
        let end = tail.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(tail.len());
        // A link that ends a sentence keeps the sentence's full stop.
        rest = match tail[..end].strip_suffix('.') {
            Some(_) => &tail[end - 1..],
            None => &tail[end..],
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::GROUPS;

    /// The sentence around a removed link still reads (every rule's hover
    /// is held to having none in tests/rule_regressions.rs).
    #[test]
    fn links_go_and_sentences_stay() {
        assert_eq!(
            super::without_links("best practices (Developer Managed Service Accounts,\nhttps://x.io/a.md).\nNext"),
            "best practices (Developer Managed Service Accounts).\nNext"
        );
        assert_eq!(super::without_links("see https://x.io/a."), "see.");
        assert_eq!(super::without_links("no link"), "no link");
    }

    #[test]
    fn group_letters_are_unique() {
        for (i, g) in GROUPS.iter().enumerate() {
            assert!(GROUPS[i + 1..].iter().all(|h| h.letter != g.letter), "{}", g.letter);
        }
    }
}
