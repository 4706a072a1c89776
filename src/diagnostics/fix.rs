//! Fixes: text edits on the original source, never a re-serialisation.

use crate::span::Span;

/// How sure a fix is to keep the manifest's meaning. `Unsafe < Safe`, so
/// "apply if at least X" is a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    Unsafe,
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `span` with `content` (empty content deletes).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Edit {
            span,
            content: content.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }
}

/// A set of edits that together fix one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// Why edits could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// Two edits touch the same bytes.
    Overlap,
    /// An edit lies outside the text or splits a character.
    OutOfBounds,
}

/// Apply edits (byte offsets into `text`) and return the new text. Edits are
/// sorted first; overlapping edits (or two insertions at one offset) are an
/// error, as is an edit outside the text.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    let mut last_insert_at = None;
    for e in sorted {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        if start < pos || (start == pos && e.span.is_empty() && last_insert_at == Some(start)) {
            return Err(EditError::Overlap);
        }
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(EditError::OutOfBounds);
        }
        out.push_str(&text[pos..start]);
        out.push_str(&e.content);
        pos = end;
        last_insert_at = e.span.is_empty().then_some(start);
    }
    out.push_str(&text[pos..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_edits() {
        let t = "abcdef";
        let out = apply_edits(t, &[Edit::replace(Span::new(4, 5), "E"), Edit::delete(Span::new(0, 1))]).unwrap();
        assert_eq!(out, "bcdEf");
    }

    #[test]
    fn rejects_overlap() {
        let t = "abcdef";
        let r = apply_edits(t, &[Edit::delete(Span::new(0, 3)), Edit::delete(Span::new(2, 4))]);
        assert_eq!(r, Err(EditError::Overlap));
    }

    #[test]
    fn rejects_out_of_bounds() {
        assert_eq!(
            apply_edits("ab", &[Edit::delete(Span::new(1, 9))]),
            Err(EditError::OutOfBounds)
        );
        assert_eq!(
            apply_edits("é", &[Edit::delete(Span::new(0, 1))]),
            Err(EditError::OutOfBounds)
        );
    }

    #[test]
    fn adjacent_edits_are_fine() {
        assert_eq!(
            apply_edits(
                "abcd",
                &[Edit::replace(Span::new(0, 2), "X"), Edit::replace(Span::new(2, 4), "Y")]
            )
            .unwrap(),
            "XY"
        );
    }
}
