//! Standard output, never a panic: a reader that stopped reading (`| head`,
//! a pager) ends the output quietly; any other write error (a full disk) is
//! said on stderr, naming what could not be written, and fails the run.

use super::files::io_reason;
use super::{error, EXIT_FAILURE, EXIT_OK};
use std::io::Write;

/// How writing to standard output went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Ok,
    /// The reader went away (EPIPE): stop writing, not an error.
    Closed,
    /// Any other failure, already said on stderr.
    Failed,
}

/// Is this the error of writing to a reader that went away?
pub fn is_closed(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// Say what could not be written (`what`: "the sarif report", "the diff").
pub fn report_failure(what: &str, e: &std::io::Error) -> Written {
    if is_closed(e) {
        return Written::Closed;
    }
    error(format!("cannot write {what} to standard output: {}", io_reason(e)));
    Written::Failed
}

/// Write `text` to standard output and flush it.
pub fn write(what: &str, text: &str) -> Written {
    write_bytes(what, text.as_bytes())
}

/// Write `bytes` to standard output and flush them.
pub fn write_bytes(what: &str, bytes: &[u8]) -> Written {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Written::Ok,
        Err(e) => report_failure(what, &e),
    }
}

/// A command whose whole job is to print `text` (`rules`, `explain`,
/// `schema`, `permissions`): exit 0 once printed or when the reader went
/// away, 2 when it could not be written.
pub fn print(what: &str, text: &str) -> u8 {
    match write(what, text) {
        Written::Ok | Written::Closed => EXIT_OK,
        Written::Failed => EXIT_FAILURE,
    }
}

/// The terminal's width for the human report (`COLUMNS`, else 100).
pub(super) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
