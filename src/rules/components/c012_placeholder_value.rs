//! C012 `placeholder-value`.

use super::url::UrlFacts;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{pointer_of, Member, Node, Ptr, Seg, Visit};

declare_rule! {
    /// ## What it checks
    /// Sample content that marketplace review rejects: example.com / .net /
    /// .org hosts and their subdomains, localhost, 127.0.0.0/8 and private
    /// IPv4 ranges, the documentation's sample hosts (`myprocoreapplication`,
    /// `myprocoreapplication.com`, `domain.com` and its subdomains,
    /// `example-post-install-page.com`), the Portal's default notes text
    /// `these-are-post-installation-setup-notes`, the Portal's default
    /// post-installation block (the page
    /// `https://support.procore.com/integrations/app-setup-instructions` and
    /// notes beginning "For Data Connection Apps, you may need to take
    /// additional steps"), the words TODO or TBD (any case, whole word), and
    /// lorem ipsum.
    ///
    /// ## Why
    /// Review rejects placeholder definitions in a production manifest, and
    /// installs would point admins at nothing.
    ///
    /// ## Example
    /// ```json
    /// { "post_installation_instruction": { "notes": "these-are-post-installation-setup-notes" } }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "post_installation_instruction": { "notes": "Open Acme and connect your projects." } }
    /// ```
    ///
    /// ## Evidence
    /// - The Marketplace checklist (procore/documentation `ff93936`,
    ///   2026-05-29): "Post Installation Notes updated in the Configuration
    ///   Builder":
    ///   https://github.com/procore/documentation/blob/ff93936/app_marketplace/marketplace_checklist.md
    ///   (the review page it replaced, `building_apps_review_manifest.md`,
    ///   redirects there since `4967ef6`).
    /// - Procore's best-practice guide on the Portal's default post-install
    ///   page: "This is not a helpful message and is a great opportunity for
    ///   your team to provide a landing page" (`3462737`); the default block
    ///   as the Portal fills it in: best_practices/api_call_sequencing.md
    ///   (`afc2d0a`):
    ///   https://github.com/procore/documentation/blob/afc2d0a/best_practices/api_call_sequencing.md
    pub static C012 = ("C012", "placeholder-value", Warning, None, "sample content that marketplace review rejects");
}

/// A URL whose host is sample content.
pub fn check_host(url: &Node, pointer: &Ptr, facts: &UrlFacts, out: &mut Vec<Diagnostic>) {
    let Ok((parsed, _)) = &facts.parsed else { return };
    let default_page = parsed
        .host_str()
        .is_some_and(|h| h.eq_ignore_ascii_case("support.procore.com"))
        && parsed
            .path()
            .trim_end_matches('/')
            .eq_ignore_ascii_case("/integrations/app-setup-instructions");
    if default_page {
        out.push(
            Diagnostic::new(
                &C012,
                url.span,
                pointer.written(),
                "the Developer Portal's default post-installation page (Procore calls it \"not a helpful message\")",
            )
            .with_help("link your own setup page: the Marketplace checklist wants the post-installation notes updated"),
        );
        return;
    }
    if let Some(why) = parsed.host_str().and_then(sample_host) {
        out.push(
            Diagnostic::new(&C012, url.span, pointer.written(), format!("sample host: {why}"))
                .with_help("use your production host; review rejects sample and local addresses"),
        );
    }
}

/// Why a host is sample content, if it is (the message names the domain
/// that matched, not a sample value put in for a placeholder).
fn sample_host(host: &str) -> Option<String> {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    let is_or_under = |d: &str| h.strip_suffix(d).is_some_and(|p| p.is_empty() || p.ends_with('.'));
    for d in ["example.com", "example.net", "example.org"] {
        if is_or_under(d) {
            return Some(format!("`{d}` is reserved for documentation examples"));
        }
    }
    for d in [
        "myprocoreapplication.com",
        "domain.com",
        "example-post-install-page.com",
    ] {
        if is_or_under(d) {
            return Some(format!("`{d}` is a sample host from Procore's documentation"));
        }
    }
    if h == "myprocoreapplication" {
        return Some("`myprocoreapplication` is a sample host from Procore's documentation".into());
    }
    if h == "localhost" || h.ends_with(".localhost") {
        return Some("`localhost` is a local address".into());
    }
    let trimmed = h.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = trimmed.parse::<std::net::IpAddr>() {
        let local_v4 =
            |v4: std::net::Ipv4Addr| v4.is_loopback() || v4.is_private() || v4.is_link_local() || v4.is_unspecified();
        let local = match ip {
            std::net::IpAddr::V4(v4) => local_v4(v4),
            // An IPv4-mapped address (`::ffff:127.0.0.1`) is its IPv4
            // address; unique local (fc00::/7) and link-local (fe80::/10)
            // are IPv6's private ranges.
            std::net::IpAddr::V6(v6) => {
                v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_unique_local()
                    || v6.is_unicast_link_local()
                    || v6.to_ipv4_mapped().is_some_and(local_v4)
            }
        };
        if local {
            // The URL parser writes a mapped address in hexadecimal
            // (`::ffff:7f00:1`): name the IPv4 address it maps too.
            return Some(match ip {
                std::net::IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some() && !trimmed.contains('.') => {
                    let v4 = v6.to_ipv4_mapped().map(|a| a.to_string()).unwrap_or_default();
                    format!(
                        "{} (IPv4 {v4}) is a local or private address",
                        crate::text::code_span(trimmed)
                    )
                }
                _ => format!("{} is a local or private address", crate::text::code_span(trimmed)),
            });
        }
    }
    None
}

/// C012 in text (the Portal's sample notes, TODO/TBD, lorem ipsum) as a
/// visitor of the walk every whole-tree check shares (`syntax::walk`):
/// its findings are in `found`.
#[derive(Default)]
pub struct SampleText {
    pub found: Vec<Diagnostic>,
}

impl<'t> crate::rules::WalkedRule<'t> for SampleText {
    fn visitor(&mut self) -> &mut dyn Visit<'t> {
        self
    }
    fn found(self: Box<Self>) -> (&'static crate::rules::RuleMeta, Vec<Diagnostic>) {
        (&C012, self.found)
    }
}

impl<'t> Visit<'t> for SampleText {
    fn member(&mut self, m: &Member<'t>, path: &[Seg<'t>]) -> bool {
        // Permissions hold tool keys and levels, not prose.
        !(path.len() == 1 && m.key == "permissions")
    }

    fn string(&mut self, node: &Node<'t>, s: &str, path: &[Seg<'t>]) {
        if is_portal_default_notes(s) {
            self.found.push(
                Diagnostic::new(
                    &C012,
                    node.span,
                    pointer_of(path),
                    "the Developer Portal's default post-installation notes (\"For Data Connection Apps, you may need to take additional steps…\")",
                )
                .with_help("write what an admin must do after installing your app: the Marketplace checklist wants the post-installation notes updated"),
            );
            return;
        }
        if let Some(why) = sample_words(s) {
            self.found.push(
                Diagnostic::new(&C012, node.span, pointer_of(path), why)
                    .with_help("replace sample content with the real text before submitting for review"),
            );
        }
    }
}

/// Notes the Portal fills in by default: "For Data Connection Apps, you
/// may need to take additional steps…".
fn is_portal_default_notes(s: &str) -> bool {
    const DEFAULT: &[u8] = b"for data connection apps, you may need to take additional steps";
    s.trim_start()
        .as_bytes()
        .get(..DEFAULT.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(DEFAULT))
}

/// Sample text: a candidate is checked only where its first letter stands,
/// found with memchr (this runs on every string of every file). The notes
/// text and "lorem ipsum" win wherever they are, the earliest of them
/// first; otherwise the first TODO or TBD.
fn sample_words(s: &str) -> Option<String> {
    const NOTES: &[u8] = b"these-are-post-installation-setup-notes";
    let h = s.as_bytes();
    if h.len() < 3 {
        return None;
    }
    // What joins a word: a letter of a script that writes words apart (one
    // with case: "método", "ÉTODO", Cyrillic), a digit, `_`, a combining
    // mark ("me\u{301}todo", decomposed); a letter of a script that writes
    // none apart (Han, kana, Thai: "配置TODO填写") is a boundary.
    let is_word = |c: char| {
        c == '_'
            || c.is_numeric()
            || (c.is_alphabetic() && (c.is_lowercase() || c.is_uppercase()))
            || matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
    };
    let at = |i: usize, n: &[u8]| h.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n));
    // (`i` and the end of a match are character boundaries: both ASCII.)
    let whole = |i: usize, n: &[u8]| {
        at(i, n)
            && !s[..i].chars().next_back().is_some_and(is_word)
            && !s[i + n.len()..].chars().next().is_some_and(is_word)
    };
    // (position, what): the earliest sample text, the earliest word.
    let mut sample: Option<(usize, &'static str)> = None;
    let mut word: Option<(usize, &'static str)> = None;
    let earliest = |slot: &mut Option<(usize, &'static str)>, i: usize, what: &'static str| {
        if slot.is_none_or(|(j, _)| i < j) {
            *slot = Some((i, what));
        }
    };
    each_candidate(h, |i| {
        // The second letter picks the one candidate worth comparing.
        match (h[i] | 0x20, h.get(i + 1).map_or(0, |&c| c | 0x20)) {
            (b't', b'h') if at(i, NOTES) => earliest(
                &mut sample,
                i,
                "the Developer Portal's sample notes text `these-are-post-installation-setup-notes`",
            ),
            (b'l', b'o') if lorem_ipsum(h, i) => earliest(&mut sample, i, "sample text \"lorem ipsum\""),
            (b't', b'o') if whole(i, b"todo") => earliest(&mut word, i, "TODO"),
            (b't', b'b') if whole(i, b"tbd") => earliest(&mut word, i, "TBD"),
            _ => {}
        }
    });
    match (sample, word) {
        (Some((_, what)), _) => Some(what.to_string()),
        (None, Some((_, w))) => Some(format!("the word {w} marks unfinished content")),
        (None, None) => None,
    }
}

/// Does "lorem ipsum" start at `i` of `h`, in any case, the two words
/// joined by anything a text puts between words: spaces, tabs, line
/// breaks, a no-break or other Unicode space, a zero-width space, a hyphen
/// or an underscore (`Lorem\u00a0ipsum`, `lorem  ipsum`, `lorem-ipsum`),
/// or nothing?
fn lorem_ipsum(h: &[u8], i: usize) -> bool {
    let at = |i: usize, n: &[u8]| h.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n));
    if !at(i, b"lorem") {
        return false;
    }
    let mut j = i + 5;
    loop {
        j += match h.get(j..).unwrap_or_default() {
            [b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' | b'_', ..] => 1,
            [0xC2, 0xA0, ..] => 2,
            [0xE2, 0x80, 0x80..=0x8B | 0xAF, ..]
            | [0xE2, 0x81, 0x9F | 0xA0, ..]
            | [0xE3, 0x80, 0x80, ..]
            | [0xEF, 0xBB, 0xBF, ..] => 3,
            _ => break,
        };
    }
    at(j, b"ipsum")
}

/// Call `f` with every offset of `h` where, in any case, `thes`, `lore`,
/// `todo` or `tbd` starts: where every sample text [`sample_words`] looks
/// for can start. Sixteen offsets at a time ([`window_hits`]): a search
/// for the candidates' first letters stopped every few bytes on English
/// `t`s.
fn each_candidate(h: &[u8], mut f: impl FnMut(usize)) {
    if h.len() < 3 {
        return;
    }
    let mut each = |at: usize, mut hits: u16| {
        while hits != 0 {
            f(at + hits.trailing_zeros() as usize);
            hits &= hits - 1;
        }
    };
    let mut at = 0;
    while let Some(Ok(window)) = h.get(at..at + 19).map(<&[u8; 19]>::try_from) {
        each(at, window_hits(window));
        at += 16;
    }
    // The rest, zero-padded (a zero byte is no letter): the last windows
    // have three bytes and then nothing (`tbd` at the end).
    let mut tail = [0u8; 19];
    tail[..h.len() - at].copy_from_slice(&h[at..]);
    each(at, window_hits(&tail));
}

/// Bit `i` set when a candidate starts at byte `i` of `bytes` (a window
/// of four bytes starts at each of the first sixteen). On x86-64 by SSE2
/// (part of its baseline): four loads a byte apart, lower-cased by one
/// bit, and one mask of the sixteen answers.
#[cfg(target_arch = "x86_64")]
fn window_hits(bytes: &[u8; 19]) -> u16 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86-64 target (the `cfg` above); each
    // unaligned load reads 16 bytes starting at offset 0 to 3 of the 19.
    unsafe {
        let lower = _mm_set1_epi8(0x20);
        let at = |k: usize| _mm_or_si128(_mm_loadu_si128(bytes[k..k + 16].as_ptr().cast()), lower);
        let (a, b, c, d) = (at(0), at(1), at(2), at(3));
        let is = |v: __m128i, letter: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(letter as i8));
        let all = |x: __m128i, y: __m128i, z: __m128i| _mm_and_si128(x, _mm_and_si128(y, z));
        let t = is(a, b't');
        let tbd = all(t, is(b, b'b'), is(c, b'd'));
        let thes = _mm_and_si128(all(t, is(b, b'h'), is(c, b'e')), is(d, b's'));
        let todo = _mm_and_si128(all(t, is(b, b'o'), is(c, b'd')), is(d, b'o'));
        let lore = _mm_and_si128(all(is(a, b'l'), is(b, b'o'), is(c, b'r')), is(d, b'e'));
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(tbd, thes), _mm_or_si128(todo, lore))) as u16
    }
}

/// [`window_hits`] elsewhere, by a test the compiler vectorises.
#[cfg(not(target_arch = "x86_64"))]
fn window_hits(bytes: &[u8; 19]) -> u16 {
    window_hits_portable(bytes)
}

/// [`window_hits`] one window at a time.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn window_hits_portable(bytes: &[u8; 19]) -> u16 {
    let hit = |a: u8, b: u8, c: u8, d: u8| {
        let (a, b, c, d) = (a | 0x20, b | 0x20, c | 0x20, d | 0x20);
        let t = a == b't';
        (t && b == b'b' && c == b'd')
            || (t && b == b'h' && c == b'e' && d == b's')
            || (t && b == b'o' && c == b'd' && d == b'o')
            || (a == b'l' && b == b'o' && c == b'r' && d == b'e')
    };
    (0..16).fold(0, |m, i| {
        m | u16::from(hit(bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3])) << i
    })
}

#[cfg(test)]
#[path = "c012_placeholder_value_tests.rs"]
mod tests;
