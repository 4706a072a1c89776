//! stdio for the language server, in place of lsp-server's: a message that
//! is not JSON-RPC is answered with a ParseError (-32700, `id: null`) and
//! the server reads on, where lsp-server's reader ends the session; header
//! lines may end in CRLF or LF. Messages are passed on unbounded channels
//! (`Connection::memory`), so a burst of edits is already waiting when the
//! server reads its next batch.

use lsp_server::{Connection, Message};
use std::io::{self, BufRead, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// The largest message read (an LSP message is a document at most).
const MAX_MESSAGE: usize = 256 << 20;

/// The server's end of the connection; the thread that writes to stdout
/// (join it after the server has dropped its end, to flush); and a flag set
/// when the input could not be read on (a frame without a length, one over
/// the limit, a read error): the session then ends as a failure.
pub fn stdio() -> (Connection, JoinHandle<io::Result<()>>, Arc<AtomicBool>) {
    let failed = Arc::new(AtomicBool::new(false));
    let reader_failed = failed.clone();
    let (server, client) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = client;
    let writer = std::thread::spawn(move || {
        for msg in from_server {
            let mut out = io::stdout().lock();
            msg.write(&mut out)?;
        }
        Ok(())
    });
    // Not joined: after `exit` it returns; otherwise it may wait on stdin
    // while the process ends.
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            let body = match read_frame(&mut input) {
                Ok(Some(body)) => body,
                Ok(None) => return, // end of input: the server sees the channel close
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                    parse_error(&e.to_string(), PARSE_ERROR);
                    reader_failed.store(true, Ordering::SeqCst);
                    return;
                }
                Err(e) => {
                    parse_error(&format!("unreadable message: {e}"), PARSE_ERROR);
                    reader_failed.store(true, Ordering::SeqCst);
                    return;
                }
            };
            let msg = match serde_json::from_slice::<Message>(&body) {
                Ok(m) => m,
                Err(e) => {
                    if serde_json::from_slice::<serde_json::Value>(&body).is_ok() {
                        parse_error("not a JSON-RPC message: a request needs `id` and `method`, a notification `method`, a response `id` and `result` or `error`", INVALID_REQUEST);
                    } else {
                        parse_error(&format!("not JSON: {e}"), PARSE_ERROR);
                    }
                    continue;
                }
            };
            // A request gone wrong that lsp-server reads as something else
            // (dropped in silence): answered InvalidRequest.
            if matches!(msg, Message::Response(_) | Message::Notification(_)) {
                if let Some((id, why)) = malformed_request(&body) {
                    error_response(id, why, INVALID_REQUEST);
                    continue;
                }
            }
            let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
            if to_server.send(msg).is_err() || exit {
                return;
            }
        }
    });
    (server, writer, failed)
}

/// The longest header line read (a line without a newline past it ends
/// the session, memory bounded).
const MAX_HEADER_LINE: usize = 8 << 10;
/// The most header bytes of one message.
const MAX_HEADERS: usize = 64 << 10;

/// One message's body: headers up to an empty line (CRLF or LF), then
/// `Content-Length` bytes. `None` at the end of the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut headers = 0;
    let mut header_bytes = 0;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE as u64 + 1)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        if line.len() > MAX_HEADER_LINE && line.last() != Some(&b'\n') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a header line is over the limit of {} KB", MAX_HEADER_LINE >> 10),
            ));
        }
        header_bytes += line.len();
        if header_bytes > MAX_HEADERS {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a message's headers are over the limit of {} KB", MAX_HEADERS >> 10),
            ));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if headers == 0 {
                continue; // a stray blank line between messages
            }
            break;
        }
        headers += 1;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                let value = value.trim();
                length = Some(value.parse::<usize>().map_err(|_| {
                    let shown: String = value.chars().take(40).collect();
                    format!(
                        "Content-Length `{}` is not a byte count (a non-negative integer of at most {MAX_MESSAGE})",
                        crate::text::sanitize_inline(&shown)
                    )
                }));
            }
        }
    }
    let length = match length {
        None => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a header without Content-Length",
            ))
        }
        Some(Err(message)) => return Err(io::Error::new(io::ErrorKind::InvalidData, message)),
        Some(Ok(n)) => n,
    };
    if length > MAX_MESSAGE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("Content-Length {length} is over the limit of {MAX_MESSAGE} bytes"),
        ));
    }
    let mut body = Vec::with_capacity(length);
    let got = input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if got < length {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("the client closed the connection in the middle of a message ({got} of {length} bytes)"),
        ));
    }
    Ok(Some(body))
}

/// JSON-RPC 2.0's codes: the bytes are not JSON; JSON that is no message.
const PARSE_ERROR: i32 = -32700;
const INVALID_REQUEST: i32 = -32600;

/// Answer a message that could not be read (JSON-RPC 2.0: `code`,
/// `id: null`), and say it on stderr.
fn parse_error(message: &str, code: i32) {
    error_response(serde_json::Value::Null, message, code);
}

/// A request whose `method` is not a string (lsp-server reads it as a
/// response), or a message with a `method` whose `id` is no number or
/// string (read as a notification): the id to answer with (when it is
/// one) and why. Messages over 1 MB are not looked at twice (an editor's
/// document texts; their shape is the client library's).
fn malformed_request(body: &[u8]) -> Option<(serde_json::Value, &'static str)> {
    if body.len() > 1 << 20 {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let valid_id = |id: &serde_json::Value| id.is_string() || id.as_i64().is_some_and(|n| i32::try_from(n).is_ok());
    match (v.get("method"), v.get("id")) {
        (Some(m), id) if !m.is_string() => Some((
            id.filter(|i| valid_id(i)).cloned().unwrap_or_default(),
            "not a JSON-RPC request: `method` must be a string",
        )),
        (Some(_), Some(id)) if !valid_id(id) => Some((
            serde_json::Value::Null,
            "not a JSON-RPC request: `id` must be an integer or a string",
        )),
        _ => None,
    }
}

/// Answer `id` with an error, and say it on stderr.
fn error_response(id: serde_json::Value, message: &str, code: i32) {
    eprintln!("procore-manifest lsp: {}", crate::text::sanitize_lines(message));
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
    .to_string();
    let mut out = io::stdout().lock();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len()).and_then(|()| out.flush());
}

/// What went wrong between `initialize` and `initialized`, in the
/// client's words (lsp-server names a wrong message in Rust's debug form:
/// its method only).
pub(super) fn initialized_error(e: lsp_server::ProtocolError) -> String {
    let text = e.to_string();
    if e.channel_is_disconnected() {
        "the client closed the connection (end of input) before `initialized`".into()
    } else if text.starts_with("expected initialize") {
        let method = text
            .split_once("method: \"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map_or("a response".to_string(), |(m, _)| format!("`{}`", crate::text::echo(m)));
        format!("after `initialize` the client must send the `initialized` notification, not {method}")
    } else {
        text
    }
}

/// Wait for `initialize`: a request before it is answered
/// ServerNotInitialized in plain words (lsp-server's answer quoted the
/// whole request in Rust's debug form), a notification is dropped, `exit`
/// or the end of input ends the session.
pub(super) fn initialize_request(
    conn: &lsp_server::Connection,
) -> Result<(lsp_server::RequestId, serde_json::Value), String> {
    loop {
        match conn.receiver.recv() {
            Ok(Message::Request(req)) if req.method == "initialize" => return Ok((req.id, req.params)),
            Ok(Message::Request(req)) => {
                let message = format!(
                    "the server is not initialized: the first request must be `initialize`, not `{}`",
                    crate::text::echo(&req.method)
                );
                let _ = conn.sender.send(Message::Response(lsp_server::Response::new_err(
                    req.id,
                    lsp_server::ErrorCode::ServerNotInitialized as i32,
                    message,
                )));
            }
            Ok(Message::Notification(n)) if n.method == "exit" => {
                return Err("the client sent `exit` before `initialize`".into())
            }
            Ok(_) => {}
            Err(_) => return Err("the client closed the connection (end of input) before `initialize`".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_frame;

    #[test]
    fn frames_with_crlf_or_lf_headers() {
        let mut input: &[u8] = b"Content-Length: 2\r\n\r\n{}Content-Type: x\nContent-Length: 3\n\n[1]\r\n";
        assert_eq!(read_frame(&mut input).unwrap().as_deref(), Some(&b"{}"[..]));
        assert_eq!(read_frame(&mut input).unwrap().as_deref(), Some(&b"[1]"[..]));
        // The trailing blank line is skipped; then the end.
        assert_eq!(read_frame(&mut input).unwrap(), None);
    }

    #[test]
    fn no_length_or_a_huge_one_is_an_error() {
        let mut input: &[u8] = b"Content-Type: x\r\n\r\n{}";
        assert!(read_frame(&mut input).is_err());
        let mut input: &[u8] = b"Content-Length: 99999999999\r\n\r\n{}";
        assert!(read_frame(&mut input).is_err());
    }

    #[test]
    fn an_invalid_length_is_named_not_missing() {
        for bad in ["-5", "abc", "999999999999999999999999", ""] {
            let text = format!("Content-Length: {bad}\r\n\r\n{{}}");
            let mut input = text.as_bytes();
            let e = read_frame(&mut input).expect_err(bad).to_string();
            assert!(e.contains("is not a byte count"), "{bad}: {e}");
            assert!(!e.contains("without Content-Length"), "{bad}: {e}");
        }
    }
}
