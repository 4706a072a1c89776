//! The catalogue of published credential formats
//! (`data/credential-formats.json`: vendor, message phrase, pattern and
//! source of each, from the vendors' documentation and gitleaks' and
//! trufflehog's published rules), compiled once: one Aho-Corasick automaton
//! over every format's literal prefixes picks the few formats whose regex is
//! worth running on a string, so a string holding none of them costs one
//! linear scan.

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Deserialize)]
struct Entry {
    id: String,
    vendor: String,
    description: String,
    regex: String,
    prefixes: Vec<String>,
    #[serde(default)]
    secret_group: Option<usize>,
    #[serde(default)]
    identifier: bool,
    #[serde(default)]
    validate: Option<String>,
}

#[derive(Deserialize)]
struct File {
    formats: Vec<Entry>,
}

/// One credential format.
#[derive(Debug)]
pub struct Format {
    pub id: String,
    pub vendor: String,
    /// How a message names it: "a GitHub personal access token".
    pub description: String,
    /// The pattern, compiled the first time a string holds one of the
    /// format's prefixes: compiling all 120 cost more than linting a
    /// thousand files, and most runs need none of them.
    pattern: String,
    regex: std::sync::OnceLock<Regex>,
    /// The capture group that is the credential (the whole match when none).
    group: usize,
    /// A `Basic` credential must decode to `user:password`.
    basic: bool,
    /// Extends to the block's `-----END … -----` line (a PEM key).
    pem: bool,
}

impl Format {
    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.pattern).expect("every catalogue regex compiles (a unit test checks)"))
    }
}

struct Catalogue {
    formats: Vec<Format>,
    prefilter: Prefixes,
    /// For each prefilter pattern, the formats it stands for.
    owners: Vec<Vec<usize>>,
    /// Prefixes too short or too common to prefilter on (`1/`, `-us`,
    /// `SK`...), in a second automaton: tried only on a string holding a
    /// run of 16 or more token characters, which most manifest text does
    /// not (one search, not one substring search per prefix).
    weak: Prefixes,
    /// For each weak pattern, its format.
    weak_owners: Vec<usize>,
}

/// A prefix too short or too common in manifest text (URLs, locales) to
/// pick formats by itself.
fn is_weak(p: &str) -> bool {
    p.len() < 3 || ["-us", "key-", "sig=", "sl.", "ico-", "pul-", ":AA", "A3-", "hf_", "Q~"].contains(&p)
}

/// Does `text` hold a run of at least `n` token characters (letters,
/// digits, `_-+/=`)?
fn has_token_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'=') {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let file: File = serde_json::from_str(include_str!("../../data/credential-formats.json"))
        .expect("data/credential-formats.json is valid (a unit test parses it)");
    let mut formats = Vec::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    let (mut weak, mut weak_owners) = (Vec::new(), Vec::new());
    for e in file.formats.into_iter().filter(|e| !e.identifier) {
        let index = formats.len();
        for p in &e.prefixes {
            if is_weak(p) {
                weak.push(p.clone());
                weak_owners.push(index);
                continue;
            }
            match patterns.iter().position(|q| q == p) {
                Some(k) => owners[k].push(index),
                None => {
                    patterns.push(p.clone());
                    owners.push(vec![index]);
                }
            }
        }
        formats.push(Format {
            pem: e.id == "private-key-pem",
            basic: e.validate.is_some() && e.id == "http-basic",
            group: e.secret_group.unwrap_or(0),
            pattern: e.regex,
            regex: std::sync::OnceLock::new(),
            id: e.id,
            vendor: e.vendor,
            description: e.description,
        });
    }
    Catalogue {
        formats,
        prefilter: Prefixes::new(patterns),
        owners,
        weak: Prefixes::new(weak),
        weak_owners,
    }
});

/// How much searching a set of prefixes does with its contiguous NFA
/// before its DFA is built ([`Prefixes`]): each search counts as
/// [`SEARCH_COST`] bytes plus the bytes it reads.
const DFA_AFTER: usize = 1 << 20;

/// What a search costs besides its bytes, in bytes. Measured on the
/// bench's 10,000 clean files: 8,348 searches of about 140 bytes each, the
/// NFA 4,800 instructions a search and the DFA 2,700; the prefix set's DFA
/// builds in 1.9 M, paid back after about 900 searches of that kind. With
/// this count the switch comes after about 900 such searches, or 1 MiB of
/// prose (where the NFA's 11 instructions a byte against the DFA's 4 pay
/// the build back after a quarter of that).
const SEARCH_COST: usize = 1 << 10;

/// One set of prefixes and its automata: a contiguous NFA, cheap to build,
/// until the searches of the process have done [`DFA_AFTER`] of work; then
/// a DFA of the same prefixes, faster to search, whose build that work has
/// paid for. A one-file run (a pre-commit hook's: eight searches or so)
/// never builds it; it was 42% of such a run when every run built it. A
/// big run, or a language server's session, stops paying the NFA's search
/// after its first thousand searches. Both find the same matches.
struct Prefixes {
    patterns: Vec<String>,
    nfa: AhoCorasick,
    dfa: std::sync::OnceLock<AhoCorasick>,
    /// The work done with the NFA so far.
    work: std::sync::atomic::AtomicUsize,
}

impl Prefixes {
    fn new(patterns: Vec<String>) -> Prefixes {
        Prefixes {
            nfa: automaton(&patterns, aho_corasick::AhoCorasickKind::ContiguousNFA),
            patterns,
            dfa: std::sync::OnceLock::new(),
            work: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The automaton to search `text` with.
    fn for_text(&self, text: &str) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        let cost = SEARCH_COST + text.len();
        let done = self.work.fetch_add(cost, std::sync::atomic::Ordering::Relaxed);
        if done + cost < DFA_AFTER {
            return &self.nfa;
        }
        self.dfa
            .get_or_init(|| automaton(&self.patterns, aho_corasick::AhoCorasickKind::DFA))
    }
}

fn automaton(patterns: &[String], kind: aho_corasick::AhoCorasickKind) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(kind))
        .build(patterns)
        .expect("the prefixes build an automaton")
}

/// A credential found in a text: its format and its byte range.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub format: &'static Format,
    pub start: usize,
    pub end: usize,
}

/// Every credential of the catalogue in `text`, in text order, none
/// overlapping.
pub fn find_all(text: &str) -> Vec<Match> {
    let c = &*CATALOGUE;
    let mut candidates: Vec<usize> = Vec::new();
    for m in c.prefilter.for_text(text).find_overlapping_iter(text) {
        for &f in &c.owners[m.pattern().as_usize()] {
            if !candidates.contains(&f) {
                candidates.push(f);
            }
        }
    }
    if has_token_run(text, 16) {
        for m in c.weak.for_text(text).find_overlapping_iter(text) {
            let f = c.weak_owners[m.pattern().as_usize()];
            if !candidates.contains(&f) {
                candidates.push(f);
            }
        }
    }
    let mut out: Vec<Match> = Vec::new();
    for f in candidates {
        let format = &c.formats[f];
        let regex = format.regex();
        if !regex.is_match(text) {
            continue;
        }
        for caps in regex.captures_iter(text) {
            let Some(m) = caps.get(format.group).or_else(|| caps.get(0)) else {
                continue;
            };
            if format.basic && !decodes_to_user_password(m.as_str()) {
                continue;
            }
            if !format.pem && is_filler(m.as_str()) {
                continue; // `ghp_xxxx…`, `AKIAXXXX…`, `Bearer xxxx…`: a placeholder
            }
            if format.id == "http-bearer" && is_prose_word(m.as_str().as_bytes()) {
                continue; // "Bearer Authentication": a sentence, not a token
            }
            if format.pem && !has_pem_body(&text[m.end()..]) {
                continue; // a header in prose ("never paste your -----BEGIN … KEY----- here")
            }
            let end = if format.pem { pem_end(text, m.end()) } else { m.end() };
            out.push(Match {
                format,
                start: m.start(),
                end,
            });
        }
    }
    non_overlapping(out, |m| (m.start, m.end))
}

/// Is `t` (after a generic `Bearer`) a word of prose, not a token? Letters
/// only, at most 16, case changing fewer than four times ("TokenService").
pub(super) fn is_prose_word(t: &[u8]) -> bool {
    let alpha = |c: &u8| c.is_ascii_alphabetic();
    let switches = t
        .windows(2)
        .filter(|w| w.iter().all(alpha) && w[0].is_ascii_uppercase() != w[1].is_ascii_uppercase());
    t.len() <= 16 && t.iter().all(alpha) && switches.count() < 4
}

/// `found` in text order, a match inside or across an earlier (longer) one
/// dropped.
pub(super) fn non_overlapping<T>(mut found: Vec<T>, range: impl Fn(&T) -> (usize, usize)) -> Vec<T> {
    found.sort_by_key(|t| {
        let (start, end) = range(t);
        (start, std::cmp::Reverse(end))
    });
    let mut kept: Vec<T> = Vec::new();
    for t in found {
        if kept.last().is_none_or(|k| range(&t).0 >= range(k).1) {
            kept.push(t);
        }
    }
    kept
}

/// Is a match filler: its last 16 characters (the token's random part in
/// every format) two distinct characters or fewer? No generated token is;
/// a documentation placeholder (`ghp_` and 36 `x`) is.
pub(super) fn is_filler(m: &str) -> bool {
    let tail: Vec<char> = m.chars().rev().take(16).collect();
    let mut distinct: Vec<char> = Vec::with_capacity(3);
    for c in tail {
        if !distinct.contains(&c) {
            distinct.push(c);
            if distinct.len() > 2 {
                return false;
            }
        }
    }
    true
}

/// Does a key's body follow its `-----BEGIN … PRIVATE KEY-----` header:
/// past white space (and `\n` escapes of raw JSON text), a line of at least
/// 16 base64 characters or an armor header (`Proc-Type:`, `Version:`)? A
/// header followed by words or by its END line holds no key.
fn has_pem_body(after: &str) -> bool {
    let mut rest = after;
    // Escaped line breaks of raw JSON text (`\n`, `\r\n`) are white space.
    loop {
        let t = rest.trim_start();
        match t.strip_prefix("\\n").or_else(|| t.strip_prefix("\\r")) {
            Some(r) => rest = r,
            None => {
                rest = t;
                break;
            }
        }
    }
    // An armor header line first (`Proc-Type: 4,ENCRYPTED`, `Version: GnuPG v2`, `Comment: …`).
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'-')
        .count();
    if name_len > 0 && rest[name_len..].starts_with(": ") {
        return true;
    }
    let line = rest
        .find(|c: char| c.is_whitespace() || c == '\\' || c == '"')
        .map_or(rest, |i| &rest[..i]);
    // The END line may follow the body on its line (line breaks lost).
    let line = line.find("-----").map_or(line, |i| &line[..i]);
    line.len() >= 16
        && line
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// Where a PEM private key that starts before `from` ends: past its
/// `-----END … -----` line, else at the end of the string value (the next
/// `"` that is not escaped), else at the end of the text.
fn pem_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    if let Some(i) = rest.find("-----END") {
        let after = &rest[i + 8..];
        if let Some(j) = after.find("-----") {
            return from + i + 8 + j + 5;
        }
    }
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return from + i,
            _ => i += 1,
        }
    }
    text.len()
}

/// Does standard base64 `s` decode to text holding a `:` (`user:password`)?
fn decodes_to_user_password(s: &str) -> bool {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for &b in s.as_bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return false,
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    std::str::from_utf8(&out).is_ok_and(|t| t.contains(':') && !t.chars().any(char::is_control))
}

/// Does `text` hold any literal prefix of the catalogue (a cheap first test)?
pub fn may_hold(text: &str) -> bool {
    let c = &*CATALOGUE;
    c.prefilter.for_text(text).is_match(text) || (has_token_run(text, 16) && c.weak.for_text(text).is_match(text))
}

#[cfg(test)]
#[path = "formats_tests.rs"]
mod tests;
