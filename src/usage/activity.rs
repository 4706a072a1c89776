//! The API Call Activity Report (a CSV the Developer Portal's Metrics tab
//! exports): `Date`, `Response Code`, `HTTP Method`, `Normalized Route`,
//! `Count`. Read tolerantly (header names matched case- and
//! space-insensitively, any column order, extra columns ignored, fields
//! trimmed, a UTF-8 byte order mark, CRLF, quoted fields) and streamed: what
//! is kept is one total per method, route and status, and the set of dates.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// Calls by method, route and status, over the report.
#[derive(Debug, Default, Clone)]
pub struct Activity {
    /// Data rows read.
    pub rows: u64,
    /// Distinct dates.
    pub days: usize,
    /// Every call.
    pub calls: u64,
    /// (method, route, status) -> calls.
    pub totals: BTreeMap<(String, String, u16), u64>,
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

/// A reader without carriage returns: the csv crate counts the lines of a
/// CRLF file one short, and no field of the report needs a CR.
struct NoCr<R>(R);

impl<R: Read> Read for NoCr<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.0.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..n {
                if buf[i] != b'\r' {
                    buf[kept] = buf[i];
                    kept += 1;
                }
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// Read a report from any reader (a file of any size: rows are streamed).
pub fn read(input: impl Read) -> Result<Activity, ActivityError> {
    let input = NoCr(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = reader.headers().map_err(|e| ActivityError {
        line: 1,
        message: format!("cannot read the header: {e}"),
    })?;
    let folded: Vec<String> = headers.iter().map(fold).collect();
    let mut index = [0usize; 5];
    for (slot, (key, shown)) in COLUMNS.iter().enumerate() {
        index[slot] = folded.iter().position(|h| h == key).ok_or_else(|| ActivityError {
            line: 1,
            message: format!(
                "the header has no `{shown}` column (it has: {})",
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        })?;
    }
    let mut activity = Activity::default();
    let mut dates = BTreeSet::new();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| ActivityError {
            line: e.position().map_or(0, |p| p.line()),
            message: format!("not a CSV row: {e}"),
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.is_empty()) {
            continue; // a blank line
        }
        let field = |slot: usize| record.get(index[slot]).unwrap_or("");
        let bad = |what: &str, value: &str| ActivityError {
            line,
            message: format!(
                "{what} `{}` is not {}",
                crate::text::sanitize_inline(value),
                match what {
                    "Count" => "a whole number of calls",
                    _ => "an HTTP status code",
                }
            ),
        };
        let status: u16 = field(1).parse().map_err(|_| bad("Response Code", field(1)))?;
        let count: u64 = field(4).parse().map_err(|_| bad("Count", field(4)))?;
        let method = field(2).to_ascii_uppercase();
        let route = field(3).to_string();
        if method.is_empty() || route.is_empty() {
            return Err(ActivityError {
                line,
                message: "a row without `HTTP Method` or `Normalized Route`".into(),
            });
        }
        dates.insert(field(0).to_string());
        activity.rows += 1;
        activity.calls += count;
        *activity.totals.entry((method, route, status)).or_insert(0) += count;
    }
    activity.days = dates.len();
    Ok(activity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_headers_bom_crlf_quotes() {
        let text = "\u{feff}\"normalized route\",COUNT, http_method ,Response Code,date,extra\r\n\"/v1.0/projects/:project_id/rfis\",\"1,000\",get,200,2026-11-01,x\r\n/v1.0/projects/:project_id/rfis,5,GET,200,2026-11-02,y\r\n";
        let e = read(text.as_bytes()).expect_err("1,000 is no count");
        assert_eq!(e.line, 2);
        let text = text.replace("\"1,000\"", "\"1000\"");
        let a = read(text.as_bytes()).expect("reads");
        assert_eq!((a.rows, a.days, a.calls), (2, 2, 1005));
        assert_eq!(a.totals.len(), 1);
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = read("Date,HTTP Method,Normalized Route,Count\n".as_bytes()).expect_err("no status");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("Response Code"), "{}", e.message);
    }
}
