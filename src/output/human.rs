//! `--format human`: a miette graphical report per finding (source snippet,
//! label at the span, code, help), then a summary line.

use super::Summary;
use super::{counts, sanitize_inline, sanitize_source, EmitContext, Emitter, Tally};
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::LineIndex;
use crate::span::Span;
use crate::FileReport;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use std::fmt;
use std::io::{self, Write};

/// The human report; `quiet` leaves out the per-file and summary lines.
pub struct Human {
    quiet: bool,
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

/// The snippet source: miette counts the header's column in bytes, we count
/// characters (and a BOM is no column), as every other format does. It may
/// be a window of the file (see [`window`]): `base_line` is the file line of
/// its first line, `col_shift` the characters cut from the start of the
/// finding's line.
struct Source {
    name: String,
    text: String,
    lines: LineIndex,
    base_line: usize,
    col_shift: usize,
    shift_line: usize,
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        let pos = self.lines.position(&self.text, inner.span().offset());
        let mut column = pos.column as usize - 1;
        if pos.line as usize - 1 == self.shift_line {
            column += self.col_shift;
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.base_line,
            column,
            inner.line_count(),
        )))
    }
}

/// Lines longer than this are cut around the finding in snippets.
const MAX_LINE: usize = 160;
/// Characters kept on each side of a finding on a long line.
const AROUND: usize = 60;

/// A snippet source for one finding: the finding's lines and one line of
/// context on each side, long lines cut around the finding, so a minified
/// or 5 MB single-line manifest shows a readable snippet and costs nothing
/// per finding. Returns the source and the spans re-based into it (related
/// spans outside the window are dropped).
fn window(
    name: &str,
    text: &str,
    lines: &LineIndex,
    span: Span,
    related: &[Span],
) -> (Source, Span, Vec<Option<Span>>) {
    let line_of = |off: u32| lines.position(text, off as usize).line as usize - 1;
    let (l1, l2) = (line_of(span.start), line_of(span.end.max(span.start)));
    let first = l1.saturating_sub(1);
    let last = (l2 + 1).min(lines.line_count() - 1);
    let start_of = |l: usize| lines.line_start(l).unwrap_or(text.len());
    let end_of = |l: usize| {
        let mut e = lines.line_start(l + 1).unwrap_or(text.len());
        while e > start_of(l) && matches!(text.as_bytes().get(e - 1), Some(b'\n' | b'\r')) {
            e -= 1;
        }
        e
    };
    let mut out = String::new();
    let mut new_span = span;
    let mut col_shift = 0;
    let mut related_out: Vec<Option<Span>> = vec![None; related.len()];
    for l in first..=last {
        let (ls, le) = (start_of(l), end_of(l));
        let line = text.get(ls..le).unwrap_or("");
        let base = out.len();
        // Without counting a 5 MB line's characters for every finding.
        let short = line.len() <= MAX_LINE || line.chars().nth(MAX_LINE).is_none();
        if short {
            out.push_str(line);
            let rebase = |off: u32| (off as usize).clamp(ls, le) - ls + base;
            if l == l1 {
                new_span.start = rebase(span.start) as u32;
            }
            if l == l2 {
                new_span.end = rebase(span.end).max(new_span.start as usize) as u32;
            }
            for (i, r) in related.iter().enumerate() {
                if (r.start as usize) >= ls && (r.end as usize) <= le {
                    related_out[i] = Some(Span::new(rebase(r.start), rebase(r.end)));
                }
            }
        } else if l == l1 {
            // Cut around the finding: `…` + up to AROUND characters before it,
            // the finding (at most MAX_LINE characters), AROUND after + `…`.
            let rel_start = span.start as usize - ls;
            let mut from = line[..rel_start.min(line.len())]
                .char_indices()
                .rev()
                .nth(AROUND.saturating_sub(1))
                .map_or(0, |(i, _)| i);
            if from > rel_start {
                from = rel_start;
            }
            let span_end_in_line = (span.end as usize).min(le) - ls;
            let shown_end = line[rel_start..span_end_in_line.max(rel_start)]
                .char_indices()
                .nth(MAX_LINE)
                .map_or(span_end_in_line, |(i, _)| rel_start + i);
            let to = line[shown_end..]
                .char_indices()
                .nth(AROUND)
                .map_or(line.len(), |(i, _)| shown_end + i);
            let prefix = if from > 0 { "…" } else { "" };
            out.push_str(prefix);
            let piece_base = out.len();
            out.push_str(&line[from..to]);
            if to < line.len() {
                out.push('…');
            }
            // The file column of the piece's start, from the line index (O(1)
            // on an ASCII line, where counting characters per finding made a
            // long line with many findings quadratic; and a BOM is no column).
            col_shift = (lines.position(text, ls + from).column as usize - 1).saturating_sub(prefix.chars().count());
            new_span = Span::new(piece_base + rel_start - from, piece_base + shown_end - from);
        } else if l == l2 {
            // The end of a multi-line finding on a long line: show its start.
            let cut = line.char_indices().nth(MAX_LINE).map_or(line.len(), |(i, _)| i);
            out.push_str(&line[..cut]);
            new_span.end = out.len() as u32;
            if cut < line.len() {
                out.push('…');
            }
        } else {
            // A context line: its start is enough.
            let cut = line.char_indices().nth(MAX_LINE).map_or(line.len(), |(i, _)| i);
            out.push_str(&line[..cut]);
            if cut < line.len() {
                out.push('…');
            }
        }
        if l < last {
            out.push('\n');
        }
    }
    new_span.end = new_span.end.clamp(new_span.start, out.len() as u32);
    let source = Source {
        name: name.to_string(),
        lines: LineIndex::new(&out),
        text: out,
        base_line: first,
        col_shift,
        shift_line: l1 - first,
    };
    (source, new_span, related_out)
}

impl Human {
    pub fn new(quiet: bool) -> Self {
        Human {
            quiet,
            tally: Tally::default(),
        }
    }
}

impl Emitter for Human {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport, cx: &EmitContext) -> io::Result<()> {
        self.tally.observe(r);
        let active: Vec<&Diagnostic> = r.diagnostics.iter().filter(|d| d.is_active()).collect();
        if active.is_empty() {
            return Ok(());
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
        let masked = crate::secrets::mask(&r.text, &r.secret_spans);
        let shown = sanitize_source(&masked).into_owned();
        let shown_lines = LineIndex::new(&shown);
        let name = sanitize_inline(&r.path);
        for d in active {
            let related: Vec<Span> = d.related.iter().map(|x| x.span).collect();
            let (source, span, related) = window(&name, &shown, &shown_lines, d.span, &related);
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
                    sanitize_inline(&r.path),
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
            sanitize_inline(&r.path),
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
                    sanitize_inline(&e.path),
                    sanitize_inline(&e.code),
                    sanitize_inline(if e.pointer.is_empty() { "(the root)" } else { &e.pointer })
                )?;
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
            self.e.span.map(|_| &self.source as &dyn miette::SourceCode)
        }
        fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
            let span = self.e.span?;
            Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(
                Some("here".into()),
                span,
            ))))
        }
    }
    let shown = sanitize_source(&e.text).into_owned();
    let report = ConfigReport {
        e,
        source: Source {
            name: sanitize_inline(&crate::workspace::paths::display_path(&e.path)),
            lines: LineIndex::new(&shown),
            text: shown,
            base_line: 0,
            col_shift: 0,
            shift_line: usize::MAX,
        },
    };
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
