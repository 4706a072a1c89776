//! `--format human`: a miette graphical report per finding (source snippet,
//! label at the span, code, help), then a summary line.

mod snippet;

use super::Summary;
use super::{counts, sanitize_inline, sanitize_source, EmitContext, Emitter, Tally};
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::LineIndex;
use crate::span::Span;
use crate::FileReport;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use snippet::{window, Source};
use std::fmt;
use std::io::{self, Write};

/// The human report; `quiet` leaves out the per-file and summary lines.
pub struct Human {
    quiet: bool,
    /// List each suppressed or baselined finding in one line.
    show_suppressed: bool,
    tally: Tally,
}

/// A finding as miette sees it.
struct Report<'a> {
    d: &'a Diagnostic,
    /// The finding's span and its related spans in `source` (a window).
    span: Span,
    related: Vec<Option<Span>>,
    message: String,
    help: Option<String>,
    source: &'a Source,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{}({})", self.d.rule.code, self.d.rule.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(self.d.rule.name.to_string()),
            self.span,
        )];
        for (r, span) in self.d.related.iter().zip(&self.related) {
            if let Some(span) = span {
                labels.push(LabeledSpan::new_with_span(Some(sanitize_inline(&r.message)), *span));
            }
        }
        Some(Box::new(labels.into_iter()))
    }
}

impl Human {
    pub fn new(quiet: bool) -> Self {
        Human {
            quiet,
            show_suppressed: false,
            tally: Tally::default(),
        }
    }

    /// `--show-suppressed`.
    pub fn show_suppressed(mut self, on: bool) -> Self {
        self.show_suppressed = on;
        self
    }

    /// One line per suppressed or baselined finding of `r`.
    fn suppressed_lines(&self, r: &FileReport) -> String {
        let mut out = String::new();
        if !self.show_suppressed {
            return out;
        }
        for d in r.diagnostics.iter() {
            let why = match d.suppressed.as_deref() {
                Some(crate::diagnostics::Suppression::Allow { reason }) => {
                    format!("accepted: {}", sanitize_inline(reason))
                }
                Some(crate::diagnostics::Suppression::Baseline) => "baselined".to_string(),
                None => continue,
            };
            let pos = r.lines().position(&r.text, d.span.start as usize);
            out.push_str(&format!(
                "  suppressed {}[{}] at {}:{}:{} ({why})\n",
                d.severity.as_str(),
                d.rule.code,
                crate::text::line_start_path(&r.path),
                pos.line,
                pos.column
            ));
        }
        out
    }
}

impl Emitter for Human {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport, cx: &EmitContext) -> io::Result<()> {
        self.tally.observe(r);
        let active: Vec<&Diagnostic> = r.diagnostics.iter().filter(|d| d.is_active()).collect();
        let suppressed = self.suppressed_lines(r);
        if active.is_empty() {
            return w.write_all(suppressed.as_bytes());
        }
        let theme = if cx.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(cx.width.max(60))
            .with_links(false)
            .with_urls(false);
        // The text as shown: borrowed (a big manifest is not copied) unless
        // a secret is masked or a control character replaced; its own line
        // index only then.
        let masked = crate::secrets::mask(&r.text, &r.secret_spans);
        let shown = sanitize_source(&masked);
        let own_lines;
        let shown_lines = if std::ptr::eq(shown.as_ref(), r.text.as_str()) {
            r.lines()
        } else {
            own_lines = LineIndex::new(&shown);
            &own_lines
        };
        let name = sanitize_inline(&r.path);
        for d in active {
            let related: Vec<Span> = d.related.iter().map(|x| x.span).collect();
            let (source, span, related) = window(&name, &shown, shown_lines, d.span, &related);
            let report = Report {
                d,
                span,
                related,
                message: sanitize_inline(&d.message),
                help: d.help.as_deref().map(sanitize_inline),
                source: &source,
            };
            let mut out = String::new();
            if handler.render_report(&mut out, &report).is_err() {
                let pos = r.lines().position(&r.text, d.span.start as usize);
                out = format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    crate::text::line_start_path(&r.path),
                    pos.line,
                    pos.column,
                    d.severity.as_str(),
                    d.rule.code,
                    report.message
                );
            }
            w.write_all(out.as_bytes())?;
            writeln!(w)?;
        }
        w.write_all(suppressed.as_bytes())?;
        if self.quiet {
            return Ok(());
        }
        let risk = match (r.is_config, r.risk) {
            (true, _) => String::new(),
            (false, Some(k)) => format!(" · risk: {}", k.as_str()),
            (false, None) => " · risk: unknown (not parseable)".into(),
        };
        writeln!(
            w,
            "{}: {}{risk}",
            crate::text::line_start_path(&r.path),
            counts(
                r.count(Severity::Error),
                r.count(Severity::Warning),
                r.count(Severity::Info)
            )
        )?;
        writeln!(w)
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary, _cx: &EmitContext) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        if !summary.stale_baseline.is_empty() {
            let n = summary.stale_baseline.len();
            let what = if n == 1 { "entry" } else { "entries" };
            writeln!(
                w,
                "{n} stale baseline {what}: no longer matched (remove, or rewrite the baseline with --write-baseline):"
            )?;
            for e in &summary.stale_baseline {
                writeln!(
                    w,
                    "  {}: {} at {}",
                    crate::text::line_start_path(&e.path),
                    sanitize_inline(&e.code),
                    sanitize_inline(if e.pointer.is_empty() { "(the root)" } else { &e.pointer })
                )?;
            }
            writeln!(w)?;
        }
        if !summary.failed.is_empty() {
            let n = summary.failed.len();
            writeln!(w, "{n} could not be checked (the run failed):")?;
            for f in &summary.failed {
                writeln!(w, "  {}", crate::text::line_start_path(&f.message()))?;
            }
            writeln!(w)?;
        }
        writeln!(w, "{}", self.tally.summary_line(summary))
    }
}

/// A config file problem as a miette report with the config snippet.
pub fn render_config_error(e: &crate::workspace::config::ConfigError, color: bool) -> String {
    struct ConfigReport<'a> {
        e: &'a crate::workspace::config::ConfigError,
        source: Source,
        /// The error's span in `source` (a window of the file).
        span: Option<Span>,
    }
    impl fmt::Debug for ConfigReport<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.e.message)
        }
    }
    impl fmt::Display for ConfigReport<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "invalid config {}: {}",
                self.source.name,
                sanitize_inline(&self.e.message)
            )
        }
    }
    impl std::error::Error for ConfigReport<'_> {}
    impl miette::Diagnostic for ConfigReport<'_> {
        fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
            Some(Box::new("config"))
        }
        fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
            self.e
                .help
                .as_ref()
                .map(|h| Box::new(sanitize_inline(h)) as Box<dyn fmt::Display>)
        }
        fn source_code(&self) -> Option<&dyn miette::SourceCode> {
            self.span.map(|_| &self.source as &dyn miette::SourceCode)
        }
        fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
            let span = self.span?;
            Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(
                Some("here".into()),
                span,
            ))))
        }
    }
    // A credential in the config (a pasted token) is masked in the snippet
    // and left out of the message, as a manifest's is.
    let found = crate::secrets::scan_lexical(&e.text);
    let spans: Vec<Span> = found.iter().map(|l| l.span).collect();
    let redactor = crate::secrets::Redactor::new(found.into_iter().flat_map(|l| l.texts));
    let shown = sanitize_source(&crate::secrets::mask(&e.text, &spans)).into_owned();
    let e = &crate::workspace::config::ConfigError {
        message: crate::secrets::without_secrets(&redactor.text(&e.message)).into_owned(),
        help: e
            .help
            .as_ref()
            .map(|h| crate::secrets::without_secrets(&redactor.text(h)).into_owned()),
        ..e.clone()
    };
    let name = sanitize_inline(&crate::workspace::paths::display_path(&e.path));
    let lines = LineIndex::new(&shown);
    // A window around the error, long lines cut, as for manifests.
    let (source, span) = match e.span {
        Some(span) if span.end as usize <= shown.len() => {
            let (source, span, _) = window(&name, &shown, &lines, span, &[]);
            (source, Some(span))
        }
        _ => {
            let source = Source {
                name,
                lines,
                text: String::new(),
                base_line: 0,
                col_shift: 0,
                shift_line: usize::MAX,
            };
            (source, None)
        }
    };
    let report = ConfigReport { e, source, span };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    if GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .render_report(&mut out, &report)
        .is_err()
    {
        out = format!("procore-manifest: error: {}\n", e.one_line());
    }
    out
}
