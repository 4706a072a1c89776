//! The bytes of an activity report before the csv crate reads them
//! (`activity.rs`): line ends, quotes, row lengths and encodings checked
//! as they stream by, and the file line of each byte the reader names.

use std::io::Read;

/// Why a report cannot be read: the line (the header is line 1) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityError {
    pub line: u64,
    pub message: String,
}

/// The longest row (outside quotes, from one line end to the next): the
/// reader never buffers more than this of one row, whatever the file holds.
const MAX_ROW: usize = 64 * 1024;

/// What the guard found wrong with the bytes themselves.
#[derive(Debug, Clone)]
pub(super) enum Malformed {
    /// A line ends with a carriage return alone (classic Mac line ends).
    LoneCr { line: u64 },
    /// A row longer than [`MAX_ROW`]: an unclosed quote, or no line ends.
    LongRow { line: u64, quoted_from: Option<u64> },
    /// A NUL byte before the header's end, or a UTF-16 byte order mark:
    /// no UTF-8 text (past the header, a NUL is a character of its field:
    /// a column `usage` reads says it is bad there, another may hold it).
    Nul { line: u64 },
}

/// The reader the csv crate reads through: CRLF becomes LF (the csv crate
/// counts the lines of a CRLF file one short, and no field of the report
/// needs a CR), a lone CR is refused, and no row may grow past [`MAX_ROW`]
/// (quotes tracked, so a quote left open is caught however long the file).
pub(super) struct Guard<R> {
    inner: R,
    line: u64,
    in_quote: Option<u64>,
    /// The last byte ended a field or a row (or nothing was read): a quote
    /// here opens a quoted field. Anywhere else outside quotes a quote is
    /// a character of the field (RFC 4180; the csv crate reads it so).
    field_start: bool,
    /// The last byte closed a quoted field: a quote here is the second of
    /// `""`, an escaped quote, and the field goes on quoted.
    just_closed: bool,
    /// The bytes of a leading UTF-8 BOM seen so far (3: all of it, or past
    /// the start): the header's first quote follows it.
    bom: usize,
    row: usize,
    /// A row with something in it has ended: the header is read.
    header_done: bool,
    /// The row has a byte other than a BOM's.
    content: bool,
    pending_cr: bool,
    /// The bytes handed on so far.
    out: u64,
    /// What the reader asks about once a read returned (see [`Seen`]).
    seen: Shared,
}

/// What the guard saw, shared with the reader.
#[derive(Default)]
pub(super) struct Seen {
    /// Set at the end of the input when a quote is still open: the line it
    /// opened on.
    pub eof_in_quote: Option<u64>,
    /// What was wrong with the bytes.
    pub error: Option<Malformed>,
    /// Where the lines handed on begin.
    pub lines: Lines,
}

pub(super) type Shared = std::rc::Rc<std::cell::RefCell<Seen>>;

/// The file line of a byte the csv reader names (its own line count skips
/// blank lines): the line ends handed on and not yet passed by a query.
/// Queries come in order, so what the reader has not read yet is all it
/// holds (a buffer's worth, however long the report).
#[derive(Default)]
pub(super) struct Lines {
    ends: std::collections::VecDeque<u64>,
    passed: u64,
    /// Where the text begins: past a byte order mark (the csv reader puts
    /// a first record after blank lines at byte 0, before the mark).
    start: u64,
}

impl Lines {
    /// The 1-based line of byte `at` of what the guard handed on, past the
    /// blank lines there (the csv reader places a record after blank lines
    /// at the first of them).
    pub(super) fn line_of(&mut self, at: u64) -> u64 {
        let mut at = at.max(self.start);
        while let Some(&e) = self.ends.front() {
            if e > at {
                break;
            }
            if e == at {
                at += 1;
            }
            self.ends.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                if self.pending_cr {
                    return self.fail(Malformed::LoneCr { line: self.line });
                }
                self.seen.borrow_mut().eof_in_quote = self.in_quote;
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..n {
                let b = buf[i];
                if self.pending_cr {
                    self.pending_cr = false;
                    if b != b'\n' {
                        return self.fail(Malformed::LoneCr { line: self.line });
                    }
                }
                // Outside quotes a CR ends a line (with the LF after it);
                // inside, it is a character of the field (RFC 4180).
                if b == b'\r' && self.in_quote.is_none() {
                    self.pending_cr = true;
                    continue;
                }
                let (field_start, just_closed) = (self.field_start, self.just_closed);
                if self.bom < 3 {
                    if b == [0xEF, 0xBB, 0xBF][self.bom] {
                        self.bom += 1;
                        if self.bom == 3 {
                            self.seen.borrow_mut().lines.start = 3;
                        }
                        buf[kept] = b;
                        kept += 1;
                        self.row += 1;
                        continue;
                    }
                    self.bom = 3;
                }
                self.field_start = false;
                self.just_closed = false;
                self.content |= b != b'\n';
                match b {
                    b'"' if self.in_quote.is_some() => {
                        self.in_quote = None;
                        self.just_closed = true;
                    }
                    b'"' if field_start || just_closed => self.in_quote = Some(self.line),
                    0 if !self.header_done => return self.fail(Malformed::Nul { line: self.line }),
                    0xFE | 0xFF if self.out == 0 && kept == 0 => return self.fail(Malformed::Nul { line: 1 }),
                    b'\n' => {
                        self.seen.borrow_mut().lines.ends.push_back(self.out + kept as u64);
                        self.line += 1;
                        if self.in_quote.is_none() {
                            self.header_done |= self.content;
                            self.content = false;
                            self.row = 0;
                            self.field_start = true;
                        }
                    }
                    b',' if self.in_quote.is_none() => self.field_start = true,
                    _ => {}
                }
                self.row += 1;
                if self.row > MAX_ROW {
                    return self.fail(Malformed::LongRow {
                        line: self.line,
                        quoted_from: self.in_quote,
                    });
                }
                buf[kept] = b;
                kept += 1;
            }
            if kept > 0 {
                self.out += kept as u64;
                return Ok(kept);
            }
        }
    }
}

impl<R> Guard<R> {
    /// The guard over `inner`, and what it sees, for the reader.
    pub(super) fn new(inner: R) -> (Self, Shared) {
        let seen = Shared::default();
        let guard = Guard {
            inner,
            line: 1,
            in_quote: None,
            field_start: true,
            just_closed: false,
            bom: 0,
            out: 0,
            seen: seen.clone(),
            row: 0,
            header_done: false,
            content: false,
            pending_cr: false,
        };
        (guard, seen)
    }

    fn fail(&mut self, m: Malformed) -> std::io::Result<usize> {
        self.seen.borrow_mut().error = Some(m);
        Err(std::io::Error::other("malformed report"))
    }
}

impl Malformed {
    pub(super) fn error(self) -> ActivityError {
        match self {
            Malformed::LoneCr { line } => ActivityError {
                line,
                message: "the line ends with a carriage return alone (CR-only line ends): save the report with LF or CRLF line ends".into(),
            },
            Malformed::LongRow {
                quoted_from: Some(q), ..
            } => ActivityError {
                line: q,
                message: format!(
                    "a quote opened on this line is not closed within {} KB: the report is malformed",
                    MAX_ROW / 1024
                ),
            },
            Malformed::Nul { line } => ActivityError {
                line,
                message: "the report is not UTF-8 text (a NUL byte or a UTF-16 byte order mark: UTF-16?): save it as UTF-8 (CSV UTF-8)".into(),
            },
            Malformed::LongRow { line, .. } => ActivityError {
                line,
                message: format!("a row longer than {} KB: the report is malformed", MAX_ROW / 1024),
            },
        }
    }
}
