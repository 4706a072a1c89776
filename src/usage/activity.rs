//! The API Call Activity Report (a CSV the Developer Portal's Metrics tab
//! exports): `Date`, `Response Code`, `HTTP Method`, `Normalized Route`,
//! `Count`. Read tolerantly (header names matched case- and
//! space-insensitively, any column order, extra columns ignored, fields
//! trimmed, a UTF-8 byte order mark, CRLF, quoted fields) and streamed: what
//! is kept is one total per method, route and status, and the set of dates.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::sync::Arc;

/// Calls by method, route and status, over the report.
#[derive(Debug, Default, Clone)]
pub struct Activity {
    /// Data rows read.
    pub rows: u64,
    /// Distinct dates.
    pub days: usize,
    /// Every call.
    pub calls: u64,
    /// (method, route, status) -> calls. Shared strings: the facts and
    /// findings that name a route hold it without a copy.
    pub totals: BTreeMap<(Arc<str>, Arc<str>, u16), u64>,
}

/// Why a report cannot be read: the line (the header is line 1) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityError {
    pub line: u64,
    pub message: String,
}

const COLUMNS: [(&str, &str); 5] = [
    ("date", "Date"),
    ("responsecode", "Response Code"),
    ("httpmethod", "HTTP Method"),
    ("normalizedroute", "Normalized Route"),
    ("count", "Count"),
];

fn fold(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The longest field the report may hold (a route, a header name): past
/// it the report is malformed.
pub const MAX_FIELD: usize = 8 * 1024;

/// The longest row (outside quotes, from one line end to the next): the
/// reader never buffers more than this of one row, whatever the file holds.
const MAX_ROW: usize = 64 * 1024;

/// What the guard found wrong with the bytes themselves.
#[derive(Debug, Clone)]
enum Malformed {
    /// A line ends with a carriage return alone (classic Mac line ends).
    LoneCr { line: u64 },
    /// A row longer than [`MAX_ROW`]: an unclosed quote, or no line ends.
    LongRow { line: u64, quoted_from: Option<u64> },
    /// A NUL byte, or a UTF-16 byte order mark: no UTF-8 text.
    Nul { line: u64 },
}

/// The reader the csv crate reads through: CRLF becomes LF (the csv crate
/// counts the lines of a CRLF file one short, and no field of the report
/// needs a CR), a lone CR is refused, and no row may grow past [`MAX_ROW`]
/// (quotes tracked, so a quote left open is caught however long the file).
struct Guard<R> {
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
    pending_cr: bool,
    /// Set at the end of the input when a quote is still open: the line it
    /// opened on.
    eof_in_quote: std::rc::Rc<std::cell::Cell<Option<u64>>>,
    error: std::rc::Rc<std::cell::RefCell<Option<Malformed>>>,
    /// The bytes handed on so far, and where the lines they hold begin.
    out: u64,
    lines: std::rc::Rc<std::cell::RefCell<Lines>>,
}

/// The file line of a byte the csv reader names (its own line count skips
/// blank lines): the line ends handed on and not yet passed by a query.
/// Queries come in order, so what the reader has not read yet is all it
/// holds (a buffer's worth, however long the report).
#[derive(Default)]
struct Lines {
    ends: std::collections::VecDeque<u64>,
    passed: u64,
}

impl Lines {
    /// The 1-based line of byte `at` of what the guard handed on, past the
    /// blank lines there (the csv reader places a record after blank lines
    /// at the first of them).
    fn line_of(&mut self, mut at: u64) -> u64 {
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
                self.eof_in_quote.set(self.in_quote);
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
                if b == b'\r' {
                    self.pending_cr = true;
                    continue;
                }
                let (field_start, just_closed) = (self.field_start, self.just_closed);
                if self.bom < 3 {
                    if b == [0xEF, 0xBB, 0xBF][self.bom] {
                        self.bom += 1;
                        buf[kept] = b;
                        kept += 1;
                        self.row += 1;
                        continue;
                    }
                    self.bom = 3;
                }
                self.field_start = false;
                self.just_closed = false;
                match b {
                    b'"' if self.in_quote.is_some() => {
                        self.in_quote = None;
                        self.just_closed = true;
                    }
                    b'"' if field_start || just_closed => self.in_quote = Some(self.line),
                    0 => return self.fail(Malformed::Nul { line: self.line }),
                    0xFE | 0xFF if self.out == 0 && kept == 0 => return self.fail(Malformed::Nul { line: 1 }),
                    b'\n' => {
                        self.lines.borrow_mut().ends.push_back(self.out + kept as u64);
                        self.line += 1;
                        if self.in_quote.is_none() {
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
    fn fail(&mut self, m: Malformed) -> std::io::Result<usize> {
        *self.error.borrow_mut() = Some(m);
        Err(std::io::Error::other("malformed report"))
    }
}

impl Malformed {
    fn error(self) -> ActivityError {
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

/// A field past [`MAX_FIELD`] is a malformed report.
fn check_field(line: u64, value: &str) -> Result<(), ActivityError> {
    if value.len() > MAX_FIELD {
        return Err(ActivityError {
            line,
            message: format!(
                "a field of {} bytes, longer than {} KB: the report is malformed (it begins `{}`)",
                value.len(),
                MAX_FIELD / 1024,
                crate::text::echo(value)
            ),
        });
    }
    Ok(())
}

/// Read a report from any reader (a file of any size: rows are streamed).
/// Exit-2 errors: a missing column, a malformed row or field, a sum of
/// calls past 2^64, and a report without calls.
pub fn read(input: impl Read) -> Result<Activity, ActivityError> {
    let error = std::rc::Rc::new(std::cell::RefCell::new(None));
    let lines = std::rc::Rc::new(std::cell::RefCell::new(Lines::default()));
    let eof_in_quote = std::rc::Rc::new(std::cell::Cell::new(None));
    let input = Guard {
        inner: input,
        line: 1,
        in_quote: None,
        field_start: true,
        just_closed: false,
        bom: 0,
        out: 0,
        lines: lines.clone(),
        row: 0,
        pending_cr: false,
        eof_in_quote: eof_in_quote.clone(),
        error: error.clone(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    // A malformed byte stream explains a csv error better than the csv
    // error does.
    let explain = |line: u64, e: csv::Error, what: &str| -> ActivityError {
        if let Some(m) = error.borrow_mut().take() {
            return m.error();
        }
        if let csv::ErrorKind::Utf8 { err, .. } = e.kind() {
            return ActivityError {
                line,
                message: format!(
                    "column {} is not UTF-8 text (a bad byte after {} bytes of the field): save the report as UTF-8 (CSV UTF-8)",
                    err.field() + 1,
                    err.valid_up_to()
                ),
            };
        }
        ActivityError {
            line,
            message: format!("{what}: {}", crate::text::echo(&e.to_string())),
        }
    };
    let unclosed = |line: u64| ActivityError {
        line,
        message: "a quote opened on this line is never closed: the report is malformed".into(),
    };
    let headers = reader
        .headers()
        .map_err(|e| explain(1, e, "cannot read the header"))?
        .clone();
    if let Some(q) = eof_in_quote.get() {
        return Err(unclosed(q));
    }
    for h in headers.iter() {
        check_field(1, h)?;
    }
    let folded: Vec<String> = headers.iter().map(fold).collect();
    let mut index = [0usize; 5];
    for (slot, (key, shown)) in COLUMNS.iter().enumerate() {
        let mut at = folded.iter().enumerate().filter(|(_, h)| h == key).map(|(i, _)| i);
        index[slot] = at.next().ok_or_else(|| ActivityError {
            line: 1,
            message: format!(
                "the header has no `{shown}` column (it has: {})",
                crate::text::echo(&headers.iter().collect::<Vec<_>>().join(", "))
            ),
        })?;
        // Two columns of one name: which holds the calls is a guess.
        if let Some(second) = at.next() {
            return Err(ActivityError {
                line: 1,
                message: format!(
                    "the header has two `{shown}` columns (columns {} and {}): keep one",
                    index[slot] + 1,
                    second + 1
                ),
            });
        }
    }
    let mut activity = Activity::default();
    let mut dates = BTreeSet::new();
    let mut methods: Vec<Arc<str>> = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| lines.borrow_mut().line_of(p.byte()));
            explain(line, e, "not a CSV row")
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| lines.borrow_mut().line_of(p.byte()));
        if let Some(q) = eof_in_quote.get() {
            return Err(unclosed(q));
        }
        if record.iter().all(|f| f.is_empty()) {
            continue; // a blank line
        }
        for f in record.iter() {
            check_field(line, f)?;
        }
        let field = |slot: usize| record.get(index[slot]).unwrap_or("");
        let bad = |what: &str, value: &str| ActivityError {
            line,
            message: format!(
                "{what} `{}` is not {}",
                crate::text::echo(value),
                match what {
                    "Count" => "a whole number of calls",
                    _ => "an HTTP status code",
                }
            ),
        };
        let status: u16 = field(1).parse().map_err(|_| bad("Response Code", field(1)))?;
        let count: u64 = field(4).parse().map_err(|_| bad("Count", field(4)))?;
        let method = field(2).to_ascii_uppercase();
        let route = field(3);
        if method.is_empty() || route.is_empty() {
            return Err(ActivityError {
                line,
                message: "a row without `HTTP Method` or `Normalized Route`".into(),
            });
        }
        let overflow = || ActivityError {
            line,
            message: format!(
                "the calls add up to more than {} (2^64 - 1): the report is malformed",
                u64::MAX
            ),
        };
        activity.calls = activity.calls.checked_add(count).ok_or_else(overflow)?;
        // One key per distinct (method, route, status): the route is copied
        // only the first time it is seen.
        // A report has a handful of methods: each is allocated once.
        let method: Arc<str> = match methods.iter().find(|m| ***m == *method) {
            Some(m) => m.clone(),
            None => {
                let m: Arc<str> = Arc::from(method);
                methods.push(m.clone());
                m
            }
        };
        let key = (method, Arc::from(route), status);
        let total = activity.totals.entry(key).or_insert(0);
        *total = total.checked_add(count).ok_or_else(overflow)?;
        activity.rows += 1;
        // A row without a date counts its calls, not a day.
        let date = field(0);
        if !date.is_empty() && !dates.contains(date) {
            dates.insert(date.to_string());
        }
    }
    if activity.calls == 0 {
        return Err(ActivityError {
            line: 1,
            message: if activity.rows == 0 {
                "the report holds no calls (a header and no rows): export it again from the Developer Portal's Metrics tab".into()
            } else {
                "the report holds no calls (every Count is 0): export it again from the Developer Portal's Metrics tab"
                    .into()
            },
        });
    }
    activity.days = dates.len();
    Ok(activity)
}

#[cfg(test)]
#[path = "activity_tests.rs"]
mod tests;
