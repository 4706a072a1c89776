//! Pretty JSON written in place inside a larger document: serde_json's
//! two-space layout, starting some levels deep, straight to the writer.
//!
//! The streaming reports (json, sarif, gitlab, rdjson) write one element of
//! an array at a time; formatting it to a string and re-indenting that
//! string cost more than the checks on a findings-heavy run.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, BufWriter, Write};

/// serde_json's `PrettyFormatter` with a starting depth: the same bytes as
/// `to_string_pretty` with every line after the first indented `depth`
/// levels more.
struct Nested {
    depth: usize,
    has_value: bool,
}

fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    const SPACES: &[u8; 64] = b"                                                                ";
    let mut n = depth * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        w.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

impl Nested {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, c: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(c)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, c: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(c)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    /// The characters the sanitizer escapes as `\uXXXX`, as the check
    /// report's own writer does ([`super::json_writer::escape_into`]).
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        if !super::json_writer::has_u_escapes(fragment) {
            return w.write_all(fragment.as_bytes());
        }
        let mut out = Vec::with_capacity(fragment.len() + 12);
        super::json_writer::with_u_escapes(&mut out, fragment, |o, p| o.extend_from_slice(p.as_bytes()));
        w.write_all(&out)
    }
}

/// `value` as a pretty JSON document (serde_json's layout, the sanitizer's
/// characters escaped) ending in a line break: every JSON report that is
/// written whole.
pub(crate) fn document(value: &impl Serialize) -> String {
    nested_string(value, 0).unwrap_or_default() + "\n"
}

/// Write `value` as pretty JSON whose first line continues the current line
/// and whose later lines are indented by `depth` levels (two spaces each),
/// as if it were nested that deep in a pretty-printed document. Buffered
/// here, so `w` sees a few large writes however small the pieces are; an
/// I/O error comes back as it was (a closed pipe stays BrokenPipe).
pub(crate) fn write_nested(w: &mut dyn Write, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(32 * 1024, w);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        Nested {
            depth,
            has_value: false,
        },
    );
    value.serialize(&mut ser).map_err(io::Error::from)?;
    // Hand the bytes on without flushing `w` itself (a flush per element
    // would be a system call per file).
    out.into_inner().map(drop).map_err(io::IntoInnerError::into_error)
}

/// `write_nested` into a string.
pub(crate) fn nested_string(value: &impl Serialize, depth: usize) -> io::Result<String> {
    let mut out = Vec::new();
    write_nested(&mut out, value, depth)?;
    String::from_utf8(out).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_as_serde_pretty_reindented() {
        let v = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, [[]], "x\ny\"\u{1}é"],
            "d": {"e": null, "f": [true, false]},
            "g": 1.5
        });
        for depth in [0, 1, 2, 5, 40] {
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            let pad = " ".repeat(depth * 2);
            let want = pretty.replace('\n', &format!("\n{pad}"));
            assert_eq!(nested_string(&v, depth).unwrap(), want, "depth {depth}");
        }
        assert_eq!(nested_string(&serde_json::json!([]), 3).unwrap(), "[]");
    }

    /// Counts what reaches the destination.
    #[derive(Default)]
    struct Counting {
        writes: usize,
        flushes: usize,
        bytes: Vec<u8>,
    }

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.writes += 1;
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            self.flushes += 1;
            Ok(())
        }
    }

    #[test]
    fn one_write_per_element_and_never_a_flush() {
        // The report's own buffer decides when bytes reach the file: a
        // flush per element was a system call per manifest.
        let v = serde_json::json!({"a": [1, 2, 3], "b": {"c": "d"}, "e": "f"});
        let mut w = Counting::default();
        for _ in 0..3 {
            write_nested(&mut w, &v, 2).unwrap();
        }
        assert_eq!((w.writes, w.flushes), (3, 0));
        assert_eq!(w.bytes.len(), 3 * nested_string(&v, 2).unwrap().len());
    }
}
