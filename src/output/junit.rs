//! `--format junit`: JUnit XML for CI test report viewers.
//!
//! One `testsuite` per checked file (named by its path, with a `risk`
//! property), one `testcase` per active finding (`CODE line:col`) with a
//! `failure` for errors and warnings and none for infos, and one passing
//! testcase named `procore-manifest` for a file without findings.
//! Suppressed and baselined findings are left out.
//!
//! Each suite is written as soon as its file is reported: the report holds
//! nothing between files, so a run over a flood of findings costs no more
//! memory than the other formats. The root element therefore carries no
//! totals (they are optional in the JUnit schema; GitLab, Jenkins and
//! junitparser count the suites' own `tests` and `failures`).

use super::{sanitize_inline, EmitContext, Emitter, Summary};
use crate::diagnostics::Severity;
use crate::FileReport;
use std::io::{self, Write};

/// The JUnit report.
#[derive(Default)]
pub struct Junit;

impl Junit {
    pub fn new() -> Self {
        Junit
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
    fn begin(&mut self, w: &mut dyn Write, _cx: &EmitContext) -> io::Result<()> {
        w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"procore-manifest\">\n")
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport, _cx: &EmitContext) -> io::Result<()> {
        let path = text(&r.path);
        let active: Vec<_> = r.diagnostics.iter().filter(|d| d.is_active()).collect();
        let failures = active.iter().filter(|d| d.severity >= Severity::Warning).count();
        let tests = active.len().max(1);
        let risk = r.risk.map_or("unknown", |k| k.as_str());
        // One suite at a time, buffered so `w` sees a few large writes.
        let mut s = io::BufWriter::with_capacity(16 * 1024, w);
        writeln!(
            s,
            "  <testsuite name=\"{path}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">"
        )?;
        write!(
            s,
            "    <properties>\n      <property name=\"risk\" value=\"{risk}\"/>\n    </properties>\n"
        )?;
        if active.is_empty() {
            writeln!(s, "    <testcase name=\"procore-manifest\" classname=\"{path}\"/>")?;
        }
        for d in active {
            let pos = r.lines().position(&r.text, d.span.start as usize);
            let name = format!("{} {}:{}", d.rule.code, pos.line, pos.column);
            if d.severity == Severity::Info {
                writeln!(s, "    <testcase name=\"{name}\" classname=\"{path}\"/>")?;
                continue;
            }
            let message = text(&d.message);
            let mut body = format!("{path}:{}:{}\n{message}", pos.line, pos.column);
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(&text(help));
            }
            write!(
                s,
                "    <testcase name=\"{name}\" classname=\"{path}\">\n      <failure message=\"{message}\" type=\"{}\">{body}</failure>\n    </testcase>\n",
                d.rule.code
            )?;
        }
        s.write_all(b"  </testsuite>\n")?;
        // Hand the bytes on without flushing `w` itself.
        s.into_inner().map(drop).map_err(io::IntoInnerError::into_error)
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        // What could not be checked: a suite each, its one test in error.
        for f in &summary.failed {
            let path = text(f.path.as_deref().unwrap_or("procore-manifest"));
            let message = text(&f.message());
            write!(
                w,
                "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase name=\"read\" classname=\"{path}\">\n      <error message=\"{message}\" type=\"unreadable\">{message}</error>\n    </testcase>\n  </testsuite>\n"
            )?;
        }
        w.write_all(b"</testsuites>\n")
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
