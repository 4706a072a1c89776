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
