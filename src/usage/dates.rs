//! The dates of an activity report's `Date` column, in the forms
//! spreadsheets write, as days.

/// The day a `Date` field names, as `YYYY-MM-DD`, for counting distinct
/// days: a timestamp counts for its date, and the date is read in the
/// forms spreadsheets write: `2026-11-01`, `2026/11/01`,
/// `20261101T090000Z`, `11/01/2026` and `11-01-2026` (month first, day
/// first when the first number is past 12), `11/1/26` (a two-digit year is
/// 20YY), `01.11.2026` (a dot: day first), `Nov 1, 2026`, `1-Nov-2026`,
/// `1 November 2026`. `None`: no date (`2026-13-01`, `yesterday`).
pub(super) fn day_of(date: &str) -> Option<String> {
    let text = without_weekday(date.trim());
    let b = text.as_bytes();
    // Compact ISO 8601: 20261101, 20261101T090000Z. (The bytes are tested
    // first: a slice of the text could split a character.)
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && (b.len() == 8 || b[8] == b'T') {
        let n = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
        return day(n(0..4)?, n(4..6)?, n(6..8)?);
    }
    let head = text.split([' ', 'T']).next().unwrap_or(text);
    if let Some(sep) = head.chars().find(|c| matches!(c, '-' | '/' | '.')) {
        if let Some(d) = numeric(head, sep) {
            return Some(d);
        }
    }
    named(text)
}

/// The date without a leading weekday (`Sunday, November 1, 2026`, Excel's
/// long date; `Thu, 01 Nov 2026 09:00:00 GMT`, an HTTP date).
fn without_weekday(text: &str) -> &str {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word_end = text.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len());
    let word = text[..word_end].to_ascii_lowercase();
    if word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&word)) {
        return text[word_end..].trim_start_matches([',', ' ', '.']);
    }
    text
}

/// A valid `YYYY-MM-DD`.
fn day(y: u32, m: u32, d: u32) -> Option<String> {
    ((1000..=9999).contains(&y) && crate::calendar::is_day(y, m, d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `2026-11-01`, `11/01/2026`, `01.11.2026`, `11/1/26`.
fn numeric(head: &str, sep: char) -> Option<String> {
    let parts: Vec<&str> = head.split(sep).collect();
    let [p0, p1, p2] = parts[..] else { return None };
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit());
    if !(digits(p0) && digits(p1) && digits(p2)) || p1.len() > 2 {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    match (p0.len(), p2.len()) {
        (4, 1..=2) => day(n(p0)?, n(p1)?, n(p2)?),
        (1..=2, 4 | 2) => {
            let year = if p2.len() == 2 { 2000 + n(p2)? } else { n(p2)? };
            let (a, b) = (n(p0)?, n(p1)?);
            let (m, d) = if sep == '.' || a > 12 { (b, a) } else { (a, b) };
            day(year, m, d)
        }
        _ => None,
    }
}

/// `Nov 1, 2026`, `November 1, 2026`, `1-Nov-2026`, `1 Nov 2026`,
/// `01-Nov-26`: a month's English name or its first three letters.
fn named(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<&str> = text.split([' ', '-', ',', '/']).filter(|w| !w.is_empty()).collect();
    let month_of = |w: &str| {
        let w = w.to_ascii_lowercase();
        let w = w.trim_end_matches('.');
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && m.starts_with(w))
            .map(|i| i as u32 + 1)
    };
    let num = |w: &str| {
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|c| c.is_ascii_digit()))
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let year = |w: &str| num(w).map(|y| if w.len() == 2 { 2000 + y } else { y });
    match words.get(..3)? {
        [m, d, y] if month_of(m).is_some() && d.len() <= 2 => day(year(y)?, month_of(m)?, num(d)?),
        [d, m, y] if month_of(m).is_some() && d.len() <= 2 => day(year(y)?, month_of(m)?, num(d)?),
        _ => None,
    }
}
