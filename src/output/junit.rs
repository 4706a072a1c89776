//! `--format junit`: JUnit XML for CI test report viewers.
//!
//! One `testsuite` per checked file (named by its path, with a `risk`
//! property), one `testcase` per active finding (`CODE line:col`) with a
//! `failure` for errors and warnings and none for infos, and one passing
//! testcase named `procore-manifest` for a file without findings.
//! Suppressed and baselined findings are left out.
//!
//! The root element carries the run's totals, so the file suites are kept
//! as text until `end` (a few hundred bytes per file, never the reports).

use super::{sanitize_inline, EmitContext, Emitter, Summary};
use crate::diagnostics::Severity;
use crate::FileReport;
use std::io::{self, Write};

/// The JUnit report.
#[derive(Default)]
pub struct Junit {
    suites: String,
    tests: usize,
    failures: usize,
}

impl Junit {
    pub fn new() -> Self {
        Junit::default()
    }
}

/// Is `c` allowed in an XML 1.0 document?
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Text for XML content or a quoted attribute: markup characters escaped,
/// characters XML 1.0 does not allow removed.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Manifest text for an attribute or a line of a failure body: made inline
/// (no control or ANSI characters), then escaped.
fn text(s: &str) -> String {
    xml_escape(&sanitize_inline(s))
}

impl Emitter for Junit {
    fn begin(&mut self, _w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        *self = Junit::default();
        Ok(())
    }

    fn file(&mut self, _w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        let path = text(&r.path);
        let active: Vec<_> = r.diagnostics.iter().filter(|d| d.is_active()).collect();
        let failures = active.iter().filter(|d| d.severity >= Severity::Warning).count();
        let tests = active.len().max(1);
        self.tests += tests;
        self.failures += failures;
        let risk = r.risk.map_or("unknown", |k| k.as_str());
        let s = &mut self.suites;
        s.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
        ));
        s.push_str(&format!(
            "    <properties>\n      <property name=\"risk\" value=\"{risk}\"/>\n    </properties>\n"
        ));
        if active.is_empty() {
            s.push_str(&format!(
                "    <testcase name=\"procore-manifest\" classname=\"{path}\"/>\n"
            ));
        }
        for d in active {
            let pos = r.lines().position(&r.text, d.span.start as usize);
            let name = format!("{} {}:{}", d.rule.code, pos.line, pos.column);
            if d.severity == Severity::Info {
                s.push_str(&format!("    <testcase name=\"{name}\" classname=\"{path}\"/>\n"));
                continue;
            }
            let message = text(&d.message);
            let mut body = format!("{path}:{}:{}\n{message}", pos.line, pos.column);
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(&text(help));
            }
            s.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"{path}\">\n      <failure message=\"{message}\" type=\"{}\">{body}</failure>\n    </testcase>\n",
                d.rule.code
            ));
        }
        s.push_str("  </testsuite>\n");
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, _summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        write!(
            w,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"procore-manifest\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}</testsuites>\n",
            self.tests, self.failures, self.suites
        )?;
        self.suites = String::new();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml_escape("<a&\"'>"), "&lt;a&amp;&quot;&apos;&gt;");
        assert_eq!(xml_escape("a\u{1}b\u{fffe}c\td"), "abc\td");
        assert_eq!(text("x\u{1b}[31m"), "x\\u{1b}[31m");
    }
}
