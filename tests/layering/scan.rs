//! Which modules a Rust file names: every `crate::`, `$crate::`, `self::`
//! and `super::` path, use-groups expanded (`use crate::{a, b::{c, d}}`),
//! resolved against the inline modules the file declares (`mod tests {
//! use super::*; }` is the file's own module), with comments and string and
//! character literals ignored.

/// A module path from the crate root (`["rules", "structure"]`).
pub type ModPath = Vec<String>;

/// The file's text with comments and literals blanked to spaces (so that
/// byte offsets and line numbers stay), tokens otherwise kept.
pub fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, s: &[u8]| out.extend(s.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }));
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(b"/*") {
            // Block comments nest in Rust.
            let (mut depth, mut j) = (0usize, 0);
            while j < rest.len() {
                if rest[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j]);
            i += j;
        } else if let Some(len) = raw_string(rest) {
            blank(&mut out, &rest[..len]);
            i += len;
        } else if rest[0] == b'"' || (rest.starts_with(b"b\"") && !ident_before(b, i)) {
            let start = usize::from(rest[0] == b'b');
            let mut j = start + 1;
            while j < rest.len() && rest[j] != b'"' {
                j += if rest[j] == b'\\' { 2 } else { 1 };
            }
            let len = (j + 1).min(rest.len());
            blank(&mut out, &rest[..len]);
            i += len;
        } else if rest[0] == b'\'' {
            // A character literal (`'x'`, `'\n'`, `'\u{1F600}'`), or a lifetime.
            let len = if rest.get(1) == Some(&b'\\') {
                rest[2..].iter().position(|&c| c == b'\'').map_or(1, |p| p + 3)
            } else {
                let ch = std::str::from_utf8(&rest[1..rest.len().min(6)])
                    .or_else(|e| std::str::from_utf8(&rest[1..1 + e.valid_up_to()]))
                    .ok()
                    .and_then(|s| s.chars().next());
                match ch {
                    Some(c) if rest.get(1 + c.len_utf8()) == Some(&b'\'') => c.len_utf8() + 2,
                    _ => 1,
                }
            };
            blank(&mut out, &rest[..len]);
            i += len;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn ident_before(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, `br#"…"#`) at the
/// start of `rest`.
fn raw_string(rest: &[u8]) -> Option<usize> {
    let after_b = rest.strip_prefix(b"b").unwrap_or(rest);
    let after_r = after_b.strip_prefix(b"r")?;
    let hashes = after_r.iter().take_while(|&&c| c == b'#').count();
    if after_r.get(hashes) != Some(&b'"') {
        return None;
    }
    let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
    let body = &after_r[hashes + 1..];
    let end = body.windows(close.len()).position(|w| w == close.as_slice())?;
    Some(rest.len() - after_r.len() + hashes + 1 + end + close.len())
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // `::`
    Open,
    Close,
    Comma,
    Semi,
    Other,
}

fn tokens(code: &str) -> Vec<Tok> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let start = i;
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(code[start..i].to_string()));
            continue;
        }
        match c {
            b':' if b.get(i + 1) == Some(&b':') => {
                out.push(Tok::Path);
                i += 2;
                continue;
            }
            b'{' => out.push(Tok::Open),
            b'}' => out.push(Tok::Close),
            b',' => out.push(Tok::Comma),
            b';' => out.push(Tok::Semi),
            c if c.is_ascii_whitespace() => {}
            _ => out.push(Tok::Other),
        }
        i += 1;
    }
    out
}

/// Every module path a file names, resolved from the file's own module
/// `here`. A path is kept whole (`crate::rules::registry::RULES`); the
/// caller resolves it to the longest prefix that is a module.
pub fn named_paths(text: &str, here: &[String]) -> Vec<ModPath> {
    let toks = tokens(&code_only(text));
    let mut out = Vec::new();
    // Inline modules: (brace depth at their `{`, name).
    let mut inline: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(d, _)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(m) if m == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) = (toks.get(i + 1), toks.get(i + 2)) {
                    inline.push((depth, name.clone()));
                }
            }
            Tok::Ident(head)
                if matches!(head.as_str(), "crate" | "$crate" | "self" | "super")
                    && toks.get(i + 1) == Some(&Tok::Path)
                    && !matches!(i.checked_sub(1).map(|p| &toks[p]), Some(Tok::Path)) =>
            {
                let mut module: ModPath = here.to_vec();
                module.extend(inline.iter().map(|(_, n)| n.clone()));
                let mut base = match head.as_str() {
                    "crate" | "$crate" => Vec::new(),
                    _ => module.clone(),
                };
                let mut j = i;
                if head == "super" {
                    base.pop();
                    j += 2;
                    while toks.get(j) == Some(&Tok::Ident("super".into())) && toks.get(j + 1) == Some(&Tok::Path) {
                        base.pop();
                        j += 2;
                    }
                } else {
                    j += 2;
                }
                j = tree(&toks, j, base, &mut out);
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Read a use-tree at `toks[j]` under `prefix`; push every path; return
/// where it ends.
fn tree(toks: &[Tok], mut j: usize, mut prefix: ModPath, out: &mut Vec<ModPath>) -> usize {
    loop {
        match toks.get(j) {
            Some(Tok::Ident(name)) => {
                if name != "self" {
                    prefix.push(name.clone());
                }
                j += 1;
                if toks.get(j) == Some(&Tok::Path) {
                    j += 1;
                    continue;
                }
                // `a as b`: the path is `a`.
                out.push(prefix);
                return j;
            }
            Some(Tok::Open) => {
                j += 1;
                loop {
                    match toks.get(j) {
                        Some(Tok::Close) => return j + 1,
                        Some(Tok::Comma) => j += 1,
                        None => return j,
                        Some(Tok::Ident(_)) | Some(Tok::Open) => {
                            let next = tree(toks, j, prefix.clone(), out);
                            // Skip `as name` and anything up to `,` or `}`.
                            j = next;
                            while !matches!(toks.get(j), Some(Tok::Comma) | Some(Tok::Close) | None) {
                                j += 1;
                            }
                        }
                        Some(_) => j += 1,
                    }
                }
            }
            _ => {
                // `use super::*;`: the module itself.
                out.push(prefix);
                return j;
            }
        }
    }
}
