//! Tests of the activity report reader (`activity.rs`).

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

/// A quote opens a quoted field only where the field starts (RFC
/// 4180): one inside an unquoted field (`5" pipe`) is a character, and
/// the rows after it are read, not swallowed as one open quote.
#[test]
fn a_quote_inside_a_field_is_a_character() {
    let mut text = String::from("Date,Response Code,HTTP Method,Normalized Route,Count\n");
    text.push_str("2026-11-01,200,GET,/v1.0/projects/:project_id/5\"pipe,3\n");
    for day in 2..30 {
        text.push_str(&format!("2026-11-{day:02},200,GET,\"/v1.0/a \"\"b\"\"\",1\n"));
    }
    let a = read(text.as_bytes()).expect("reads");
    assert_eq!((a.rows, a.days, a.calls), (29, 29, 31));
    assert!(a
        .totals
        .keys()
        .any(|(_, r, _)| &**r == "/v1.0/projects/:project_id/5\"pipe"));
    assert!(a.totals.keys().any(|(_, r, _)| &**r == "/v1.0/a \"b\""));
    // Still caught: a quote opened at a field's start and never closed.
    let open = "Date,Response Code,HTTP Method,Normalized Route,Count\n2026-11-01,200,GET,\"/v1.0/x,1\n";
    assert!(read(open.as_bytes()).is_err());
}

#[test]
fn two_columns_of_one_name_and_rows_without_a_date() {
    let e = read("Date,Count,Response Code,HTTP Method,Normalized Route,count\n".as_bytes()).expect_err("two");
    assert!(
        e.message.contains("two `Count` columns (columns 2 and 6)"),
        "{}",
        e.message
    );
    let a = read(
        "Date,Response Code,HTTP Method,Normalized Route,Count\n,200,GET,/v1.0/me,4\n2026-11-01,200,GET,/v1.0/me,1\n"
            .as_bytes(),
    )
    .expect("reads");
    assert_eq!((a.rows, a.days, a.calls), (2, 1, 5));
}

#[test]
fn a_missing_column_is_named() {
    let e = read("Date,HTTP Method,Normalized Route,Count\n".as_bytes()).expect_err("no status");
    assert_eq!(e.line, 1);
    assert!(e.message.contains("Response Code"), "{}", e.message);
}

/// Lines as the file numbers them: blank lines and CRLF counted, a quoted
/// field over two lines too; a UTF-16 report and a bad byte said as such.
#[test]
fn errors_name_the_file_line() {
    let h = "Date,Response Code,HTTP Method,Normalized Route,Count";
    for (text, line) in [
        (format!("{h}\n\n\n2026-11-01,200,GET,/x,abc\n"), 4),
        (
            format!("{h}\r\n2026-11-01,200,GET,/x,1\r\n\r\n2026-11-01,200,GET,/x,abc\r\n"),
            4,
        ),
        (
            format!("{h}\n2026-11-01,200,GET,\"/x\ny\",1\n\n2026-11-01,200,GET,/x,abc\n"),
            5,
        ),
        (format!("{h}\n2026-11-01,200,GET,/x,1\n2026-11-01,200,GET,/x,abc\n"), 3),
    ] {
        assert_eq!(read(text.as_bytes()).expect_err("a bad count").line, line, "{text:?}");
    }
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(h.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(read(&utf16[..]).expect_err("UTF-16").message.contains("UTF-16"));
    let latin1 = [h.as_bytes(), b"\n2026-11-01,200,GET,/caf\xe9,1\n"].concat();
    let e = read(&latin1[..]).expect_err("Latin-1");
    assert_eq!(e.line, 2);
    assert!(
        e.message.contains("column 4 (`Normalized Route`) is not UTF-8"),
        "{}",
        e.message
    );
}

/// Only the five columns are read: another column may hold any bytes.
#[test]
fn a_bad_byte_in_another_column_is_no_error() {
    let text = b"Date,Response Code,HTTP Method,Normalized Route,Count,Note\n2026-11-01,200,GET,/v1.0/me,2,caf\xe9\n";
    let a = read(&text[..]).expect("the note is not read");
    assert_eq!((a.rows, a.calls), (1, 2));
    let header = b"Date,Response Code,HTTP Method,Normalized Route,Count,Not\xe9\n2026-11-01,200,GET,/v1.0/me,2,x\n";
    assert_eq!(read(&header[..]).expect("nor its header").calls, 2);
}

#[test]
fn an_empty_file_holds_no_calls() {
    for text in ["", "\n", "\u{feff}", "\r\n\r\n"] {
        let e = read(text.as_bytes()).expect_err("empty");
        assert_eq!(e.line, 1);
        assert!(
            e.message.starts_with("the report holds no calls"),
            "{text:?}: {}",
            e.message
        );
    }
}

/// A status outside 100-599 is none; a count past 2^64 - 1 says so.
#[test]
fn statuses_and_counts_are_checked_for_what_they_are() {
    let h = "Date,Response Code,HTTP Method,Normalized Route,Count\n";
    for status in ["0", "99", "600", "65535", "-1", "2OO"] {
        let e = read(format!("{h}2026-11-01,{status},GET,/x,1\n").as_bytes()).expect_err(status);
        assert!(
            e.message.contains("not an HTTP status code (100 to 599)"),
            "{status}: {}",
            e.message
        );
    }
    for status in ["100", "599", "403"] {
        assert!(
            read(format!("{h}2026-11-01,{status},GET,/x,1\n").as_bytes()).is_ok(),
            "{status}"
        );
    }
    let e = read(format!("{h}2026-11-01,200,GET,/x,99999999999999999999999\n").as_bytes()).expect_err("past 2^64");
    assert_eq!(e.line, 2);
    assert!(e.message.contains("past 2^64 - 1"), "{}", e.message);
    let e = read(format!("{h}2026-11-01,200,GET,/x,1.5\n").as_bytes()).expect_err("no whole number");
    assert!(e.message.contains("not a whole number of calls"), "{}", e.message);
}

/// `days` counts days: a timestamp counts for its date, and the US form
/// of a date is the same day as the ISO form.
#[test]
fn days_are_dates_not_strings() {
    let h = "Date,Response Code,HTTP Method,Normalized Route,Count\n";
    let rows = [
        "2026-11-01T10:00:00Z",
        "2026-11-01T11:00:00Z",
        "11/01/2026",
        "2026-11-01",
        "2026-11-01 09:30",
        "11/1/2026",
    ];
    let text: String = rows.iter().map(|d| format!("{d},200,GET,/x,1\n")).collect();
    assert_eq!(read(format!("{h}{text}").as_bytes()).expect("reads").days, 1);
    for (date, day) in [
        ("2026-11-01", Some("2026-11-01")),
        ("2026-11-01T23:59:59+02:00", Some("2026-11-01")),
        ("11/02/2026", Some("2026-11-02")),
        ("25/12/2026", Some("2026-12-25")),
        ("1/2/2026 10:00 AM", Some("2026-01-02")),
        ("2026/11/01 09:00:00", Some("2026-11-01")),
        ("2026/11/01 17:30:00", Some("2026-11-01")),
        ("01.11.2026 09:00", Some("2026-11-01")),
        ("11-01-2026 09:00", Some("2026-11-01")),
        ("11/1/26 9:00", Some("2026-11-01")),
        ("20261101T090000Z", Some("2026-11-01")),
        ("20261101", Some("2026-11-01")),
        ("2026-1-1", Some("2026-01-01")),
        ("Nov 1, 2026", Some("2026-11-01")),
        ("November 1, 2026 9:00", Some("2026-11-01")),
        ("1-Nov-2026", Some("2026-11-01")),
        ("01-Nov-26", Some("2026-11-01")),
        ("1 Sept 2026", Some("2026-09-01")),
        ("Sunday, November 1, 2026", Some("2026-11-01")),
        ("Thu, 01 Nov 2026 09:00:00 GMT", Some("2026-11-01")),
        ("Sun 2026-11-01", Some("2026-11-01")),
        ("Sunday", None),
        ("2024-02-29", Some("2024-02-29")),
        ("2026-02-29", None),
        ("2026-13-01", None),
        ("32/01/2026", None),
        ("13/13/2026", None),
        ("yesterday", None),
        ("Marching 1, 2026", None),
        ("2026-11", None),
        ("1.2.3.4", None),
        ("99999999999", None),
        ("1234567é", None),
        ("é/1/2026", None),
        ("été", None),
    ] {
        assert_eq!(day_of(date).as_deref(), day, "{date}");
    }
    // A date that is none is a bad row, named by its line.
    let e = read(format!("{h}2026-11-01,200,GET,/x,1\n2026-13-01,200,GET,/x,1\n").as_bytes()).expect_err("no date");
    assert_eq!(e.line, 3);
    assert!(e.message.contains("is not a date"), "{}", e.message);
}

/// Any text in a `Date` field is read without a panic (a character split
/// by a slice, a number past u32), and what is read is a real date.
#[test]
fn any_date_text_is_read_without_panic() {
    let pieces = [
        "1", "2", "9", "0", "/", "-", ".", "T", " ", "é", ",", "13", "2026", "99999",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..20_000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut s = seed;
        for _ in 0..(s % 9) {
            s /= 7;
            text.push_str(pieces[(s % pieces.len() as u64) as usize]);
        }
        if let Some(day) = day_of(&text) {
            let b = day.as_bytes();
            assert!(day.len() == 10 && b[4] == b'-' && b[7] == b'-', "{text:?} -> {day:?}");
        }
    }
}

const HEADER: &str = "Date,Response Code,HTTP Method,Normalized Route,Count";

/// Past the header a NUL and a lone CR inside quotes are characters of a
/// field a column `usage` does not read; before it, a NUL says UTF-16.
#[test]
fn nul_and_cr_in_an_unread_quoted_column_are_characters() {
    for note in ["\"a\0b\"", "\"line1\rline2\"", "\"a\r\nb\"", "a\0b"] {
        let text = format!("{HEADER},Note\n2026-11-01,200,GET,/v1.0/x,4,{note}\n2026-11-02,200,GET,/v1.0/x,1,\n");
        let a = read(text.as_bytes()).unwrap_or_else(|e| panic!("{note:?}: {e:?}"));
        assert_eq!((a.rows, a.calls), (2, 5), "{note:?}");
    }
    // A lone CR outside quotes still ends a line the reader refuses.
    let e = read(format!("{HEADER}\r2026-11-01,200,GET,/v1.0/x,4\n").as_bytes()).expect_err("CR");
    assert!(e.message.contains("carriage return"), "{e:?}");
    // UTF-16 without a BOM: its NULs come before the header ends, blank
    // lines first or not.
    for text in ["D\0a\0t\0e\0\n\0", "\n\0\n\0D\0a\0t\0e\0"] {
        let e = read(text.as_bytes()).expect_err("UTF-16");
        assert!(e.message.contains("UTF-16"), "{e:?}");
    }
}

/// Every row holds a field under each name of the header: one short, or
/// with more that are not empty, is a bad row naming its line; empty
/// fields past the header's (a trailing comma) are nothing misplaced.
#[test]
fn rows_with_fields_missing_or_past_the_header() {
    let row = |r: &str| format!("{HEADER}\n2026-11-01,200,GET,/v1.0/x,4\n{r}\n");
    for (r, says) in [
        ("2026-11-01,200,GET,/v1.0/x", "a field missing"),
        ("200,GET,/v1.0/x,4", "a field missing"),
        ("2026-11-01,200,GET,/v1.0/x,4,000", "unquoted comma"),
    ] {
        let e = read(row(r).as_bytes()).expect_err(r);
        assert_eq!(e.line, 3, "{r}");
        assert!(
            e.message.contains("the header has 5") && e.message.contains(says),
            "{r}: {e:?}"
        );
    }
    let a = read(row("2026-11-02,200,GET,/v1.0/x,1,,").as_bytes()).expect("trailing commas");
    assert_eq!(a.calls, 5);
}

/// A header after blank lines is named at its own line.
#[test]
fn the_header_is_named_at_its_line() {
    let e = read("\n\nDate,Response Code,HTTP Method,Normalized Route\n2026-11-01,200,GET,/v1.0/x\n".as_bytes())
        .expect_err("no Count");
    assert_eq!(e.line, 3, "{e:?}");
    let e = read("\r\n\r\nDate,Count,count\n".as_bytes()).expect_err("two");
    assert_eq!(e.line, 3, "{e:?}");
    // After a byte order mark; lines of nothing before it are no header.
    let e = read("\u{feff}\n\nDate,Code,HTTP Method,Normalized Route,Count\n".as_bytes()).expect_err("x");
    assert_eq!(e.line, 3, "{e:?}");
    for blank in ["  ", "\"\"", ",,", "\u{feff}"] {
        let text = format!("{blank}\n{HEADER},\n2026-11-01,200,GET,/x,1\n2026-11-02,200,GET,/x,1,\n");
        let a = read(text.as_bytes()).unwrap_or_else(|e| panic!("{blank:?}: {e:?}"));
        assert_eq!(a.calls, 2, "{blank:?}");
    }
}
