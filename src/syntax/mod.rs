//! JSON text to a tree borrowed from the text, with a span on every key
//! and value.
//!
//! This is the only module that imports `jsonc_parser`: it runs
//! with every loose option off, and a strictness pre-scan (`strict.rs`) adds
//! what strict JSON (RFC 8259) forbids but jsonc-parser lets through (raw
//! control characters in strings, non-JSON whitespace, leading zeros) and our
//! own nesting limit, [`MAX_DEPTH`]. The parser stops at the first error;
//! the error reported is the earliest of the two. Valid JSON, the common
//! case, takes a faster path (`fast/`) that builds the same tree.

mod arena;
mod count;
mod distinct;
mod fast;
#[cfg(test)]
mod fast_tests;
mod items;
mod literal;
mod messages;
mod pointer;
mod skeleton;
mod strict;
mod to_json;
mod utf16;
mod walk;

pub use arena::{Arena, Str};
pub use distinct::{distinct, Distinct};
pub use fast::Stream;
pub use items::{Each, Fold, Items};
pub use literal::LiteralMap;
pub use pointer::{escape_pointer_segment, pointer_of, push_key_segment, KeyIndex, Ptr, Seg};
pub use walk::{walk, Visit};

use crate::span::Span;
use jsonc_parser::ast;
use jsonc_parser::errors::ParseErrorKind;

/// Deepest nesting of arrays and objects accepted. Real manifests nest about
/// eight levels; anything deeper than this is S001, never a stack overflow.
pub const MAX_DEPTH: usize = 128;

/// A JSON value with its source span (a string's span includes its quotes).
/// Strings borrow the text they were parsed from unless they hold an escape
/// (those are decoded into the tree's [`Arena`]): a big manifest is not held
/// twice. `'t` is the life of the text and the arena.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node<'t> {
    pub kind: NodeKind<'t>,
    pub span: Span,
}

/// 16 bytes: a node is 24 and a member 48 (a 50 MB manifest is millions of
/// them; `arena.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NodeKind<'t> {
    Null,
    Bool(bool),
    /// The number as written (lossless).
    Number(Str<'t>),
    /// Decoded: the text itself when it holds no escape.
    String(Str<'t>),
    /// Elements at their exact count, in the arena.
    Array(Items<'t, Node<'t>>),
    /// Members in source order, duplicates kept.
    Object(Items<'t, Member<'t>>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member<'t> {
    /// Decoded, like a string value.
    pub key: &'t str,
    pub key_span: Span,
    pub value: Node<'t>,
}

impl Member<'_> {
    /// The span of the whole member, from the key's opening quote to the end
    /// of the value.
    pub fn span(&self) -> Span {
        Span {
            start: self.key_span.start,
            end: self.value.span.end,
        }
    }
}

/// A syntax error: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

impl<'t> Node<'t> {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'t>]> {
        match &self.kind {
            NodeKind::Object(m) => Some(m.as_slice()),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'t>]> {
        match &self.kind {
            NodeKind::Array(a) => Some(a.as_slice()),
            _ => None,
        }
    }

    /// The member named `key`; the later one when the key is duplicated (as
    /// serde_json and JavaScript do).
    pub fn member(&self, key: &str) -> Option<&Member<'t>> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Node<'t>> {
        self.member(key).map(|m| &m.value)
    }

    /// Members with duplicates removed (the later value wins), in source
    /// order of the winning members.
    pub fn effective_members(&self) -> Vec<&Member<'t>> {
        distinct(self.as_object().unwrap_or_default()).collect()
    }

    /// The JSON type name used in messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Number(_) => "a number",
            NodeKind::String(_) => "a string",
            NodeKind::Array(_) => "an array",
            NodeKind::Object(_) => "an object",
        }
    }
}

/// Parse `text` (the whole file, a BOM included) into a tree. Offsets in the
/// tree and in errors are byte offsets into `text`.
/// The tree's containers and decoded strings go into `arena`.
pub fn parse<'t>(text: &'t str, arena: &'t Arena) -> Result<Node<'t>, SyntaxError> {
    parse_with(text, arena, true)
}

/// [`parse`] without the fast path for valid JSON (`fast/`): only the
/// jsonc-parser path. The same result on every input; for tests and the
/// fuzz oracle, which compare the two.
#[doc(hidden)]
pub fn parse_reference<'t>(text: &'t str, arena: &'t Arena) -> Result<Node<'t>, SyntaxError> {
    parse_with(text, arena, false)
}

fn parse_with<'t>(text: &'t str, arena: &'t Arena, fast_path: bool) -> Result<Node<'t>, SyntaxError> {
    // Every allocation into an arena holds its lock: a tree already in it
    // may be read (and unfolded) by other threads while this one is parsed.
    let _allocating = arena.shared();
    if u32::try_from(text.len()).is_err() {
        return Err(SyntaxError {
            span: Span::at(0),
            message: "the file is 4 GiB or larger: offsets in it do not fit 32 bits".into(),
        });
    }
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    if body.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')).is_empty() {
        let msg = if body.is_empty() {
            "the file is empty: a manifest is a JSON object"
        } else {
            "the file holds only whitespace: a manifest is a JSON object"
        };
        return Err(SyntaxError {
            span: Span::at(text.len()),
            message: msg.to_string(),
        });
    }
    // The text jsonc-parser looks for the error in: the body itself, or a
    // copy without what cannot matter (`fast::NotOurs`) when that is much:
    // jsonc-parser builds a syntax tree of all it reads, 70 times the size
    // of a big file of small values cut off at its end.
    let mut skeleton = None;
    if fast_path {
        match fast::parse(body, bom, arena) {
            Ok(node) => return Ok(node),
            Err(not_ours) => skeleton = skeleton::Skeleton::of(body, &not_ours.removable),
        }
    }
    let strict_error = strict::prescan(body);
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let in_skeleton = skeleton.as_ref().and_then(|sk| {
        jsonc_parser::parse_to_ast(&sk.text, &Default::default(), &options)
            .err()
            .map(|e| (e, sk))
    });
    // The error's range in the body.
    let (parsed, skeleton) = match in_skeleton {
        Some((error, sk)) => (Err(error), Some(sk)),
        // No error in the shortened copy (or no copy): the body decides.
        None => (jsonc_parser::parse_to_ast(body, &Default::default(), &options), None),
    };
    let shift = |e: SyntaxError| SyntaxError {
        span: Span::new(e.span.start as usize + bom, e.span.end as usize + bom),
        message: e.message,
    };
    match parsed {
        Err(err) => {
            let range = err.range();
            let range = match skeleton {
                Some(sk) => sk.offset_in_body(range.start)..sk.offset_in_body(range.end),
                None => range.start..range.end,
            };
            let at = body.get(range.start..).unwrap_or("");
            let message = match err.kind() {
                ParseErrorKind::UnexpectedWord if at.starts_with("NaN") || at.starts_with("Infinity") => {
                    messages::describe(&ParseErrorKind::NonFiniteNumbersNotAllowed)
                }
                kind => messages::describe(kind),
            };
            let parse_error = SyntaxError {
                span: Span::new(range.start, range.end),
                message,
            };
            let first = match strict_error {
                Some(s) if s.span.start <= parse_error.span.start => s,
                _ => parse_error,
            };
            Err(shift(first))
        }
        Ok(result) => match (strict_error, result.value) {
            (Some(e), _) => Err(shift(e)),
            (None, None) => Err(SyntaxError {
                span: Span::at(text.len()),
                message: "the file holds no JSON value".into(),
            }),
            (None, Some(value)) => Ok(lower(value, bom, arena)),
        },
    }
}

fn lower<'t>(value: ast::Value<'t>, shift: usize, arena: &'t Arena) -> Node<'t> {
    let span = |r: jsonc_parser::common::Range| Span::new(r.start + shift, r.end + shift);
    let string = |s: std::borrow::Cow<'t, str>| match s {
        std::borrow::Cow::Borrowed(s) => s,
        std::borrow::Cow::Owned(s) => arena.str(&s).as_str(),
    };
    match value {
        ast::Value::StringLit(s) => Node {
            kind: NodeKind::String(Str::new(string(s.value))),
            span: span(s.range),
        },
        ast::Value::NumberLit(n) => Node {
            kind: NodeKind::Number(Str::new(n.value)),
            span: span(n.range),
        },
        ast::Value::BooleanLit(b) => Node {
            kind: NodeKind::Bool(b.value),
            span: span(b.range),
        },
        ast::Value::NullKeyword(n) => Node {
            kind: NodeKind::Null,
            span: span(n.range),
        },
        ast::Value::Array(a) => Node {
            span: span(a.range),
            kind: NodeKind::Array(Items::new(
                arena.slice(
                    &a.elements
                        .into_iter()
                        .map(|v| lower(v, shift, arena))
                        .collect::<Vec<_>>(),
                ),
            )),
        },
        ast::Value::Object(o) => Node {
            span: span(o.range),
            kind: NodeKind::Object(Items::new(
                arena.slice(
                    &o.properties
                        .into_iter()
                        .map(|p| {
                            let (key, key_span) = match p.name {
                                ast::ObjectPropName::String(s) => (string(s.value), span(s.range)),
                                ast::ObjectPropName::Word(w) => (w.value, span(w.range)),
                            };
                            Member {
                                key,
                                key_span,
                                value: lower(p.value, shift, arena),
                            }
                        })
                        .collect::<Vec<_>>(),
                ),
            )),
        },
    }
}

/// Decode file bytes as UTF-8; an error names the first invalid byte (and
/// recognises UTF-16, which some Windows editors write).
pub fn decode(bytes: &[u8]) -> Result<&str, SyntaxError> {
    not_utf16(bytes)?;
    std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e))
}

/// [`decode`]'s first test: the bytes are not UTF-16 (with or without a
/// byte order mark). A caller that checks UTF-8 itself (`String::from_utf8`
/// on bytes it owns) makes this test and then [`not_utf8`] on a failure:
/// the text is validated once.
pub fn not_utf16(bytes: &[u8]) -> Result<(), SyntaxError> {
    // UTF-32 first: its little-endian mark starts like UTF-16's.
    if let Some(order) = utf16::utf32(bytes) {
        return Err(SyntaxError {
            span: Span::new(0, 0),
            message: format!("the file is UTF-32 ({order}); save it as UTF-8"),
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SyntaxError {
            // Empty: reports show a file that is not UTF-8 from a lossy
            // copy, where the two bytes of the mark are two 3-byte
            // replacement characters; offset 2 would split the first.
            span: Span::new(0, 0),
            message: "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8".into(),
        });
    }
    if let Some(order) = utf16_without_bom(bytes) {
        return Err(SyntaxError {
            span: Span::new(0, 0),
            message: format!(
                "the file looks like UTF-16 ({order}, without a byte order mark: every other byte is NUL); save it as UTF-8"
            ),
        });
    }
    Ok(())
}

/// The error of bytes that are not UTF-8 (`e`: what validating them said).
pub fn not_utf8(bytes: &[u8], e: std::str::Utf8Error) -> SyntaxError {
    let at = e.valid_up_to();
    let len = e.error_len().unwrap_or(bytes.len() - at).max(1);
    SyntaxError {
        span: Span::new(at, at),
        message: format!(
            "the file is not valid UTF-8: invalid byte 0x{:02X} at byte offset {at}{}",
            bytes.get(at).copied().unwrap_or(0),
            if len > 1 { " (incomplete character)" } else { "" }
        ),
    }
}

pub use to_json::to_json;
pub use utf16::{utf16_text, utf16_without_bom};
