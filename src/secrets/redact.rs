//! The last line of defence, applied to every finding of a file at the end
//! of the lint: any text of a secret found in the file is replaced in
//! messages, help and related notes (also where a message cut it after 60
//! characters), and pointer segments that are credentials are replaced.
//!
//! One automaton over every text (leftmost-longest, so a secret inside
//! another is replaced with it): a file with thousands of secrets and
//! thousands of findings costs one pass per message, not one search per
//! secret. A secret that is a word (`manifest`, `readonly`: a password can
//! be one) is replaced only where a message quotes it as a value (between
//! quotes or backticks, or cut with `…`): replacing the message's own
//! words would say, by where the mask stands, what the secret is.

use super::{is_secret_value, REDACTED, SHOWN_SECRET};
use aho_corasick::{AhoCorasick, MatchKind};
use std::borrow::Cow;
use std::collections::HashSet;

#[derive(Debug, Default)]
pub struct Redactor {
    /// Every text to replace (each secret whole and cut after 60
    /// characters), the automaton's patterns by index.
    needles: Vec<String>,
    /// Is needle `i` a word (letters only)?
    words: Vec<bool>,
    searcher: Option<AhoCorasick>,
    /// The whole texts, for pointer segments.
    whole: HashSet<String>,
    /// The whole texts by their first [`MIN_REDACTED`] characters: where a
    /// cut message may have left the start of one.
    starts: std::collections::HashMap<String, Vec<String>>,
}

/// How far before a `…` the start of a cut secret may stand: a cut keeps
/// 200 characters.
const CUT_WINDOW: usize = 200;

/// Texts shorter than this are left to the rules' own quoting: replacing
/// every "1" or "abc" of a message would garble it.
const MIN_REDACTED: usize = 6;

/// Up to this many texts, no automaton.
const FEW: usize = 8;

/// How much of a value a message quotes before cutting it.
const QUOTED: usize = 60;

impl Redactor {
    pub fn new(texts: impl IntoIterator<Item = String>) -> Redactor {
        let whole: HashSet<String> = texts
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| t.chars().count() >= MIN_REDACTED)
            .collect();
        let mut needles: Vec<String> = whole.iter().cloned().collect();
        needles.extend(
            whole
                .iter()
                .filter(|t| t.chars().count() > QUOTED)
                .map(|t| t.chars().take(QUOTED).collect::<String>()),
        );
        needles.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        needles.dedup();
        let words = needles.iter().map(|t| t.chars().all(char::is_alphabetic)).collect();
        // A few texts (most files that hold a secret hold one or two) are
        // searched one by one: an automaton's build costs more.
        let searcher = (needles.len() > FEW)
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&needles)
                    .ok()
            })
            .flatten();
        let mut starts: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        for w in &whole {
            starts
                .entry(w.chars().take(MIN_REDACTED).collect())
                .or_default()
                .push(w.clone());
        }
        Redactor {
            needles,
            words,
            searcher,
            whole,
            starts,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// `s` with every secret text replaced by [`REDACTED`], and the start
    /// of one that a cut (`…`, at any length: a long key or value is cut at
    /// 200 characters wherever its secret stands) left in it.
    pub fn text<'s>(&self, s: &'s str) -> Cow<'s, str> {
        match self.whole_texts(s) {
            Cow::Borrowed(b) => self.cut_starts(b),
            Cow::Owned(o) => Cow::Owned(self.cut_starts(&o).into_owned()),
        }
    }

    /// Before each `…` of `s`, the longest start (at least
    /// [`MIN_REDACTED`] characters) of a secret text, replaced: found by
    /// its first characters ([`Redactor::starts`]), so a message costs a
    /// look-up per character before its cut, whatever the secrets.
    fn cut_starts<'s>(&self, s: &'s str) -> Cow<'s, str> {
        if self.starts.is_empty() || !s.contains('…') {
            return Cow::Borrowed(s);
        }
        let mut out = String::new();
        let mut last = 0;
        for (at, _) in s.match_indices('…') {
            let before = &s[last..at];
            // A cut keeps at most 200 characters: the start is within them.
            let from = before.char_indices().rev().nth(CUT_WINDOW).map_or(0, |(i, _)| i);
            let found = before[from..].char_indices().map(|(i, _)| from + i).find(|&p| {
                let tail = &before[p..];
                // Its first characters, as the map keys them (no copy).
                let key = tail.char_indices().nth(MIN_REDACTED).map_or(tail, |(i, _)| &tail[..i]);
                key.chars().count() == MIN_REDACTED
                    && self
                        .starts
                        .get(key)
                        .is_some_and(|ws| ws.iter().any(|w| w.starts_with(tail)))
            });
            if let Some(p) = found {
                out.push_str(&s[last..last + p]);
                out.push_str(REDACTED);
                last = at;
            }
        }
        if last == 0 {
            return Cow::Borrowed(s);
        }
        out.push_str(&s[last..]);
        Cow::Owned(out)
    }

    /// Every whole secret text (and its first [`QUOTED`] characters) in `s`
    /// replaced.
    fn whole_texts<'s>(&self, s: &'s str) -> Cow<'s, str> {
        let Some(searcher) = &self.searcher else {
            return self.text_slowly(s);
        };
        let mut out = String::new();
        let mut last = 0;
        for m in searcher.find_iter(s) {
            if self.words[m.pattern().as_usize()] && !quoted(s, m.start(), m.end()) {
                continue;
            }
            out.push_str(&s[last..m.start()]);
            out.push_str(REDACTED);
            last = m.end();
        }
        if last == 0 {
            return Cow::Borrowed(s);
        }
        out.push_str(&s[last..]);
        Cow::Owned(out)
    }

    /// [`Redactor::text`] without the automaton (a few texts, or its build
    /// failed), one needle at a time.
    fn text_slowly<'s>(&self, s: &'s str) -> Cow<'s, str> {
        let mut out = Cow::Borrowed(s);
        for (needle, &word) in self.needles.iter().zip(&self.words) {
            let mut replaced = String::new();
            let mut last = 0;
            for (at, _) in out.match_indices(needle.as_str()) {
                let end = at + needle.len();
                if at < last || (word && !quoted(&out, at, end)) {
                    continue;
                }
                replaced.push_str(&out[last..at]);
                replaced.push_str(REDACTED);
                last = end;
            }
            if last > 0 {
                replaced.push_str(&out[last..]);
                out = Cow::Owned(replaced);
            }
        }
        out
    }

    /// Every place in `text` (a file's text) where a secret's text stands,
    /// besides the value it was found in: a source excerpt or a diff masks
    /// these too (`"notes": "the secret is …"` quoted it again). A word is
    /// counted where it stands as a word.
    pub fn occurrences(&self, text: &str) -> Vec<crate::span::Span> {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let stands = |word: bool, start: usize, end: usize| {
            !word || !(alnum(text[..start].chars().next_back()) || alnum(text[end..].chars().next()))
        };
        match &self.searcher {
            Some(searcher) => searcher
                .find_iter(text)
                .filter(|m| stands(self.words[m.pattern().as_usize()], m.start(), m.end()))
                .map(|m| crate::span::Span::new(m.start(), m.end()))
                .collect(),
            None => self
                .needles
                .iter()
                .zip(&self.words)
                .flat_map(|(needle, &word)| {
                    memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
                        .map(move |at| (at, at + needle.len(), word))
                })
                .filter(|&(start, end, word)| stands(word, start, end))
                .map(|(start, end, _)| crate::span::Span::new(start, end))
                .collect(),
        }
    }

    /// A JSON pointer with each segment that is a secret replaced by
    /// [`SHOWN_SECRET`].
    pub fn pointer(&self, p: &str) -> String {
        if p.is_empty() {
            return String::new();
        }
        p.split('/')
            .map(|seg| {
                let raw = seg.replace("~1", "/").replace("~0", "~");
                if is_secret_value(&raw) || self.whole.contains(&raw) {
                    SHOWN_SECRET
                } else {
                    seg
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Is `s[start..end]` quoted as a value: right after a quote or backtick,
/// and right before one or the `…` of a cut?
fn quoted(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    matches!(before, Some('"' | '`' | '\'' | '“')) && matches!(after, Some('"' | '`' | '\'' | '”' | '…'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message that cut a long value (200 characters, a secret anywhere
    /// in it) keeps no start of the secret before its `…`.
    #[test]
    fn the_start_a_cut_left_is_replaced() {
        let token = "ghp_U8JZpDE0iGXlD6gNa1b2c3d4e5f6g7h8i9j0";
        let r = Redactor::new([token.to_string()]);
        for k in [6, 20, 39] {
            let msg = format!("unknown member `{}{}…` here", "z".repeat(176), &token[..k]);
            let out = r.text(&msg).into_owned();
            assert_eq!(
                out,
                format!("unknown member `{}{REDACTED}…` here", "z".repeat(176)),
                "{k}"
            );
        }
        // Shorter than the least masked: left (it says nothing).
        assert_eq!(r.text("a ghp_U… b"), "a ghp_U… b");
        assert_eq!(r.text("plain … text"), "plain … text");
    }

    #[test]
    fn replaces_whole_and_cut_secrets() {
        let long = "x1".repeat(35);
        let r = Redactor::new([long.clone(), "abc".to_string(), "hunter22".to_string()]);
        let cut: String = long.chars().take(60).collect();
        assert_eq!(r.text(&format!("a \"{cut}…\" b")), format!("a \"{REDACTED}…\" b"));
        assert_eq!(r.text(&format!("a \"{long}\" b")), format!("a \"{REDACTED}\" b"));
        assert_eq!(r.text("pw hunter22 abc"), format!("pw {REDACTED} abc"));
        assert_eq!(
            r.pointer("/permissions/company/ghp_abcdef012345"),
            "/permissions/company/(secret)"
        );
        assert_eq!(r.pointer("/a/hunter22/b"), "/a/(secret)/b");
    }

    /// A word is replaced only where a message quotes it as a value: the
    /// message's own words stay (masking them would say what the secret
    /// is), and never inside another word.
    #[test]
    fn words_only_where_quoted() {
        let r = Redactor::new(["manifest".to_string(), "userinfo".to_string()]);
        assert_eq!(
            r.text("secrets never belong in a manifest; \"manifest\" and `manifest`"),
            format!("secrets never belong in a manifest; \"{REDACTED}\" and `{REDACTED}`")
        );
        assert_eq!(r.text("a password in its userinfo"), "a password in its userinfo");
        assert_eq!(r.text("\"manifests\""), "\"manifests\"");
    }

    /// Thousands of secrets and findings: one pass per message.
    #[test]
    fn many_secrets_are_one_search() {
        let texts: Vec<String> = (0..5000).map(|i| format!("ghp_{i:036}")).collect();
        let r = Redactor::new(texts.clone());
        let message = format!("found \"{}\" and \"{}\"", texts[17], texts[4999]);
        assert_eq!(r.text(&message), format!("found \"{REDACTED}\" and \"{REDACTED}\""));
    }
}
