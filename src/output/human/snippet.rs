//! Snippet sources for miette: a window of the file around each finding,
//! long lines cut, columns counted in characters.

use crate::source::LineIndex;
use crate::span::Span;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// The snippet source: miette counts the header's column in bytes, we count
/// characters (and a BOM is no column), as every other format does. It may
/// be a window of the file (see [`window`]): `base_line` is the file line of
/// its first line, `col_shift` the characters cut from the start of the
/// finding's line.
pub(super) struct Source {
    pub(super) name: String,
    pub(super) text: String,
    pub(super) lines: LineIndex,
    pub(super) base_line: usize,
    pub(super) col_shift: usize,
    pub(super) shift_line: usize,
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
/// Lines of a finding shown beyond its first.
const MAX_SPAN_LINES: usize = 8;

/// A snippet source for one finding: the finding's lines and one line of
/// context on each side, long lines cut around the finding, so a minified
/// or 5 MB single-line manifest shows a readable snippet and costs nothing
/// per finding. Returns the source and the spans re-based into it (related
/// spans outside the window are dropped).
pub(super) fn window(
    name: &str,
    text: &str,
    lines: &LineIndex,
    span: Span,
    related: &[Span],
) -> (Source, Span, Vec<Option<Span>>) {
    let line_of = |off: u32| lines.position(text, off as usize).line as usize - 1;
    let (l1, l2) = (line_of(span.start), line_of(span.end.max(span.start)));
    // A finding over many lines (a whole 400,000-line member) shows its
    // first lines, the label ending where the window does.
    let cut = l2 > l1 + MAX_SPAN_LINES;
    let l2 = if cut { l1 + MAX_SPAN_LINES } else { l2 };
    let first = l1.saturating_sub(1);
    let last = if cut { l2 } else { (l2 + 1).min(lines.line_count() - 1) };
    // A BOM is no column and no character of the snippet.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let start_of = |l: usize| {
        let s = lines.line_start(l).unwrap_or(text.len());
        if l == 0 {
            s + bom
        } else {
            s
        }
    };
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
