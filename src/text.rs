//! Text helpers every floor may use: making manifest text safe to print,
//! JSON string literals, did-you-mean. A leaf: it imports nothing of ours.

/// Is `c` unsafe to print on a terminal or in a line-oriented format:
/// control characters (C0, DEL, C1), bidirectional marks, embeddings,
/// overrides and isolates (U+061C, U+200E/F, U+202A-E, U+2066-9), line and
/// paragraph separators, zero-width and invisible characters (U+200B-D,
/// U+2060-4, U+FEFF) and the tag block (U+E0000-E007F): what could hide,
/// reorder or forge text a person reads.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// Printable ASCII only (space to `~`): nothing [`is_unsafe_char`], by one
/// test per byte the compiler vectorises (most text is this).
pub fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| b.wrapping_sub(0x20) < 0x5f)
}

/// Text from a manifest for one line of output: control characters, ANSI
/// escapes and bidi overrides become visible escapes (`\u{1b}`), so nothing
/// can move the cursor, colour the terminal or break the line.
pub fn sanitize_inline(s: &str) -> String {
    if is_printable_ascii(s) || !s.chars().any(is_unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Source text for a snippet: every unsafe character (except line breaks and
/// tabs) replaced by one of the same length (`?`, `¿`, `�`, `🚫`).
pub fn sanitize_source(s: &str) -> std::borrow::Cow<'_, str> {
    // A leading BOM is kept: a snippet leaves it out, never shows `???`.
    let (bom, rest) = s.strip_prefix('\u{feff}').map_or(("", s), |r| ("\u{feff}", r));
    if !rest
        .chars()
        .any(|c| is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    out.push_str(bom);
    for c in rest.chars() {
        if is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t') {
            // Same byte length, one character: offsets and columns hold.
            out.push(['?', '¿', '\u{fffd}', '🚫'][c.len_utf8() - 1]);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A value from outside (an argument, a config value) echoed in a
/// message: sanitized and cut at 200 characters with `…` (a 50 MB argument
/// is never echoed whole).
pub fn echo(s: &str) -> String {
    cut(s, 200)
}

/// `s` sanitized and cut at `n` characters, `…` marking the cut.
fn cut(s: &str, n: usize) -> String {
    if s.len() <= n && is_printable_ascii(s) {
        return s.to_string();
    }
    let head: String = s.chars().take(n).collect();
    let more = if head.len() < s.len() { "…" } else { "" };
    format!("{}{more}", sanitize_inline(&head))
}

/// A path at the start of an output line: sanitized, and never starting
/// with `::` (printed as `./::…`), so a file name cannot become a GitHub
/// workflow command in a plain log.
pub fn line_start_path(path: &str) -> String {
    let s = sanitize_inline(path);
    if s.starts_with("::") {
        format!("./{s}")
    } else {
        s
    }
}

/// A message for a line-oriented stream (stderr, a log): every line
/// sanitized like [`sanitize_inline`], and none starting with `::` (a
/// GitHub workflow command), so text from outside (a file name, an
/// argument, a config value) cannot forge an annotation or drive the
/// terminal. Line breaks the message itself holds stay.
pub fn sanitize_lines(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            let line = sanitize_inline(line);
            // GitHub's runner trims leading white space before it looks.
            let body = line.trim_start();
            match body.strip_prefix(':') {
                Some(rest) if rest.starts_with(':') => format!("{}\\u{{3a}}{rest}", &line[..line.len() - body.len()]),
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A canonical uuid: 8-4-4-4-12 hexadecimal digits (either case), `-`
/// between the groups. By position, without splitting: C013 tests every
/// `uuid` value and the secret scan every long string.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod stream_tests {
    #[test]
    fn no_line_starts_a_workflow_command() {
        let s = super::sanitize_lines("a: x\n  ::error title=x::forged\n\u{202e}\u{1b}[2J");
        assert_eq!(s, "a: x\n  \\u{3a}:error title=x::forged\n\\u{202e}\\u{1b}[2J");
    }
}

/// A JSON string literal for `s`.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Text from outside quoted as a code span, sanitized, as CommonMark reads
/// one back (a Markdown report renders the literal text): a fence longer
/// than any run of backticks inside, a space inside it when the text
/// starts or ends with a backtick or is spaced at both ends.
pub fn code_span(s: &str) -> String {
    // Cut at 200 characters as every value from outside; pushed, not
    // formatted: findings quote keys this way by the thousand.
    let s = if s.len() > 200 { cut(s, 200) } else { sanitize_inline(s) };
    let (fence, pad) = fence_for(&s);
    let mut out = String::with_capacity(s.len() + 2 * (fence.len() + pad.len()));
    for part in [fence.as_str(), pad, &s, pad, &fence] {
        out.push_str(part);
    }
    out
}

/// The fence and padding of [`code_span`] for `s`.
pub fn fence_for(s: &str) -> (String, &'static str) {
    // The longest run of backticks, by bytes (a backtick is one byte).
    let (mut longest, mut run) = (0, 0);
    for b in s.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let spaced = s.len() > 1 && s.starts_with(' ') && s.ends_with(' ') && s.bytes().any(|b| b != b' ');
    let pad = s.starts_with('`') || s.ends_with('`') || spaced;
    ("`".repeat(longest + 1), if pad { " " } else { "" })
}

/// A value quoted for a message, control characters escaped, long values
/// cut. Manifest values go through `secrets::quote`, which decides first
/// whether the value may be shown at all.
pub fn quote_plain(value: &str) -> String {
    // `cut` has the printable-ASCII fast path; the quotes are pushed, not
    // formatted (a quoted view key cost 3,000 instructions of `format!`).
    let body = cut(value, 60);
    let mut q = String::with_capacity(body.len() + 2);
    q.push('"');
    q.push_str(&body);
    q.push('"');
    q
}

/// Did-you-mean: the closest candidate by Jaro-Winkler similarity (with a
/// Levenshtein cap), or none when nothing is close.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(&str, f64)> = None;
    let mut folded = String::new();
    let ascii = lower.is_ascii();
    let mut hist = [0u16; 128];
    for b in lower.bytes().filter(|b| b.is_ascii()) {
        hist[usize::from(b)] = hist[usize::from(b)].saturating_add(1);
    }
    for c in candidates {
        // Candidates are mostly lower case already: fold only when needed.
        let c_lower: &str = if c.bytes().any(|b| b.is_ascii_uppercase()) {
            folded.clear();
            folded.extend(c.chars().map(|ch| ch.to_ascii_lowercase()));
            &folded
        } else {
            c
        };
        // A cheap bound first: both measures need enough characters in
        // common (Jaro-Winkler 0.85 needs a Jaro of 0.75, so m/|a| + m/|b|
        // of at least 1.25; an edit distance within the cap needs all but
        // that many characters in common).
        if ascii && c_lower.is_ascii() {
            let mut h = hist;
            let mut common = 0usize;
            for b in c_lower.bytes() {
                let slot = &mut h[usize::from(b)];
                if *slot > 0 {
                    *slot -= 1;
                    common += 1;
                }
            }
            let (la, lb) = (lower.len().max(1) as f64, c_lower.len().max(1) as f64);
            let cap = (c.len() / 4).max(1);
            let jaro_possible = common as f64 / la + common as f64 / lb >= 1.25;
            let edit_possible = lower.len().max(c_lower.len()) <= common + cap;
            if !jaro_possible && !edit_possible {
                continue;
            }
        }
        let score = strsim::jaro_winkler(&lower, c_lower);
        let close = score >= 0.85 || {
            // The edit distance is at least the difference in length:
            // compute it only when it can be within the cap.
            let cap = (c.len() / 4).max(1);
            lower.len().abs_diff(c_lower.len()) <= cap && strsim::levenshtein(&lower, c_lower) <= cap
        };
        if close && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The 8 bytes of `word` as one number, or `None` when it is not 8 bytes.
#[inline]
fn as_word(word: &[u8]) -> Option<u64> {
    <[u8; 8]>::try_from(word).ok().map(u64::from_ne_bytes)
}

/// Does `word` (8 bytes; any other length says yes) hold one of `needles`?
/// For scans that skip a word at a time: the "has a zero byte" test on the
/// word, exact as a yes/no.
#[inline]
pub fn word_has_any(word: &[u8], needles: &[u8]) -> bool {
    let Some(w) = as_word(word) else {
        return true;
    };
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    needles.iter().any(|&n| has_zero(w ^ (ONES * u64::from(n))) != 0)
}

/// Does `chunk` hold a string terminator or escape (`"`, `\\`) or a
/// control byte (below 0x20, which a JSON string may not hold raw)? By a
/// test the compiler vectorises.
// Always inlined into the parser's and the writer's loops: left to itself the
// compiler once stopped inlining it (1.5 M more instructions on 1,000 files).
#[inline(always)]
pub fn chunk_ends_plain_string(chunk: &[u8; 16]) -> bool {
    let mut m = 0u8;
    for &c in chunk {
        m |= u8::from(c < 0x20) | u8::from(c == b'"') | u8::from(c == b'\\');
    }
    m != 0
}

/// Where in `chunk` the first string terminator, escape or control byte
/// ([`chunk_ends_plain_string`]) stands, if any. On x86-64 by SSE2 (part
/// of its baseline): three comparisons and one mask of the 16 answers, the
/// first found by counting the zero bits before it (the byte loop to the
/// place was most of a short string's cost).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn plain_string_end(chunk: &[u8; 16]) -> Option<usize> {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86-64 target (the `cfg` above), and
    // the unaligned load reads the 16 bytes `chunk` holds.
    let mask = unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let below_space = _mm_set1_epi8(0x1f);
        let control = _mm_cmpeq_epi8(_mm_max_epu8(v, below_space), below_space);
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32
    };
    (mask != 0).then(|| mask.trailing_zeros() as usize)
}

/// [`plain_string_end`] elsewhere: the 16 tests vectorised, each a byte 0
/// or 1, the first 1 found by counting the zero bits before it.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
pub fn plain_string_end(chunk: &[u8; 16]) -> Option<usize> {
    let mut flags = [0u8; 16];
    for (f, &c) in flags.iter_mut().zip(chunk) {
        *f = u8::from(c < 0x20) | u8::from(c == b'"') | u8::from(c == b'\\');
    }
    let flags = u128::from_le_bytes(flags);
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
}

/// Does `word` (8 bytes; any other length says yes) hold a byte that is not
/// ASCII?
pub fn word_has_non_ascii(word: &[u8]) -> bool {
    as_word(word).is_none_or(|w| w & HIGHS != 0)
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
