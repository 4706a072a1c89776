//! The API Call Activity Report (a CSV the Developer Portal's Metrics tab
//! exports): `Date`, `Response Code`, `HTTP Method`, `Normalized Route`,
//! `Count`. Read tolerantly (header names matched case- and
//! space-insensitively, any column order, extra columns ignored, fields
//! trimmed, a UTF-8 byte order mark, CRLF, quoted fields) and streamed: what
//! is kept is one total per method, route and status, and the set of dates.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::sync::Arc;

use super::dates::day_of;
pub use super::guard::ActivityError;
use super::guard::Guard;

/// Calls by method, route and status, over the report.
#[derive(Debug, Default, Clone)]
pub struct Activity {
    /// Data rows read.
    pub rows: u64,
    /// Distinct dates (a timestamp counts for its day; `11/01/2026` and
    /// `2026-11-01` are one).
    pub days: usize,
    /// Every call.
    pub calls: u64,
    /// (method, route, status) -> calls. Shared strings: the facts and
    /// findings that name a route hold it without a copy.
    pub totals: BTreeMap<(Arc<str>, Arc<str>, u16), u64>,
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

/// A field past [`MAX_FIELD`] is a malformed report.
fn check_field(line: u64, value: &[u8]) -> Result<(), ActivityError> {
    if value.len() > MAX_FIELD {
        return Err(ActivityError {
            line,
            message: format!(
                "a field of {} bytes, longer than {} KB: the report is malformed (it begins `{}`)",
                value.len(),
                MAX_FIELD / 1024,
                crate::text::echo(&String::from_utf8_lossy(&value[..value.len().min(1024)]))
            ),
        });
    }
    Ok(())
}

/// A UTF-8 byte order mark: the csv crate leaves it in the first field.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A row holds a field under each name of the header (RFC 4180: as many
/// fields on every line): one short, or with more that are not empty (`4,000`
/// unquoted), has its values under the wrong names. Empty fields past the
/// header's (a trailing comma) hold nothing to misplace.
fn fields_match(line: u64, record: &csv::ByteRecord, header: usize) -> Result<(), ActivityError> {
    let n = record.len();
    if n < header || record.iter().skip(header).any(|f| !f.is_empty()) {
        return Err(ActivityError {
            line,
            message: format!(
                "a row of {n} fields where the header has {header}: its values would be read under the wrong columns (a field {}?)",
                if n < header { "missing" } else { "with an unquoted comma" }
            ),
        });
    }
    Ok(())
}

/// Read a report from any reader (a file of any size: rows are streamed).
/// Exit-2 errors: a missing column, a malformed row or field, a sum of
/// calls past 2^64, and a report without calls.
pub fn read(input: impl Read) -> Result<Activity, ActivityError> {
    let (input, seen) = Guard::new(input);
    let line_of = |byte: u64| seen.borrow_mut().lines.line_of(byte);
    let eof_in_quote = || seen.borrow().eof_in_quote;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    // A malformed byte stream explains a csv error better than the csv
    // error does.
    let explain = |line: u64, e: csv::Error, what: &str| -> ActivityError {
        if let Some(m) = seen.borrow_mut().error.take() {
            return m.error();
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
    // The header is the first line with text: lines of nothing (spaces,
    // `""`, commas, a byte order mark alone) may come before it.
    let mut raw = csv::ByteRecord::new();
    loop {
        let more = reader.read_byte_record(&mut raw).map_err(|e| {
            let line = e.position().map_or(1, |p| line_of(p.byte()));
            explain(line, e, "cannot read the header")
        })?;
        if let Some(q) = eof_in_quote() {
            return Err(unclosed(q));
        }
        if !more {
            return Err(ActivityError {
                line: 1,
                message: "the report holds no calls (the file is empty: no header, no rows): export it again from the Developer Portal's Metrics tab".into(),
            });
        }
        if !raw
            .iter()
            .all(|f| f.strip_prefix(BOM).unwrap_or(f).trim_ascii().is_empty())
        {
            break;
        }
    }
    let header_line = raw.position().map_or(1, |p| line_of(p.byte()));
    for h in raw.iter() {
        check_field(header_line, h)?;
    }
    // Only the five columns are read: another column may hold any bytes.
    let headers: Vec<String> = raw.iter().map(|h| String::from_utf8_lossy(h).into_owned()).collect();
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut index = [0usize; 5];
    for (slot, (key, shown)) in COLUMNS.iter().enumerate() {
        let mut at = folded.iter().enumerate().filter(|(_, h)| h == key).map(|(i, _)| i);
        index[slot] = at.next().ok_or_else(|| ActivityError {
            line: header_line,
            message: format!(
                "the header has no `{shown}` column (it has: {})",
                crate::text::echo(&headers.join(", "))
            ),
        })?;
        // Two columns of one name: which holds the calls is a guess.
        if let Some(second) = at.next() {
            return Err(ActivityError {
                line: header_line,
                message: format!(
                    "the header has two `{shown}` columns (columns {} and {}): keep one",
                    index[slot] + 1,
                    second + 1
                ),
            });
        }
    }
    // How many fields a row must have: the header's, but for empty names
    // at its end (a trailing comma: a row may or may not repeat it).
    let width = raw.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
    let mut activity = Activity::default();
    let mut dates = BTreeSet::new();
    let mut methods: Vec<Arc<str>> = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| line_of(p.byte()));
            explain(line, e, "not a CSV row")
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        if let Some(q) = eof_in_quote() {
            return Err(unclosed(q));
        }
        if record.iter().all(|f| f.is_empty()) {
            continue; // a blank line
        }
        for f in record.iter() {
            check_field(line, f)?;
        }
        fields_match(line, &record, width)?;
        let mut fields = [""; 5];
        for (slot, at) in index.iter().enumerate() {
            let bytes = record.get(*at).unwrap_or(b"");
            fields[slot] = std::str::from_utf8(bytes).map_err(|e| ActivityError {
                line,
                message: format!(
                    "column {} (`{}`) is not UTF-8 text (a bad byte after {} bytes of the field): save the report as UTF-8 (CSV UTF-8)",
                    at + 1,
                    COLUMNS[slot].1,
                    e.valid_up_to()
                ),
            })?;
        }
        let field = |slot: usize| fields[slot];
        let bad = |what: &str, value: &str, why: &str| ActivityError {
            line,
            message: format!("{what} `{}` is not {why}", crate::text::echo(value)),
        };
        let status: u16 = field(1)
            .parse()
            .ok()
            .filter(|s| (100..=599).contains(s))
            .ok_or_else(|| bad("Response Code", field(1), "an HTTP status code (100 to 599)"))?;
        let count: u64 = field(4).parse().map_err(|e: std::num::ParseIntError| {
            let why = if *e.kind() == std::num::IntErrorKind::PosOverflow {
                "a count the report can hold (it is past 2^64 - 1): the report is malformed"
            } else {
                "a whole number of calls"
            };
            bad("Count", field(4), why)
        })?;
        // A method's case is no matter (`get` is GET); anything else in the
        // column (a token pasted there) is kept as written, so the secret
        // test that masks it sees it as it is.
        let method = match field(2) {
            m if m.len() <= 16 && m.bytes().all(|c| c.is_ascii_alphabetic()) => m.to_ascii_uppercase(),
            m => m.to_string(),
        };
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
        // A row without a date counts its calls, not a day; a date that is
        // none is a bad row (never a guess at a day).
        if !field(0).is_empty() {
            let Some(date) = day_of(field(0)) else {
                return Err(ActivityError {
                    line,
                    message: format!(
                        "Date `{}` is not a date (e.g. 2026-11-01, 11/01/2026, Nov 1, 2026)",
                        crate::text::echo(field(0))
                    ),
                });
            };
            dates.insert(date);
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
