//! Paths as reports show them, where CI reports make them relative to, and
//! reading the small files the tool is pointed at (config, baseline).

use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// Paths as reports show them: forward slashes, no `.` segments or doubled
/// slashes, and a path under the current directory relative to it (one
/// file is one path in the baseline, and `--diff` headers are what `git
/// apply` takes): `././a.json` and `sub/../a.json` are `a.json`. A `..`
/// is resolved on the file system (a symlinked folder's `..` is not its
/// parent in the text); a path outside the current directory is shown as
/// given, cleaned.
pub fn display_path(p: &Path) -> String {
    // The directory is asked for once per process (a getcwd per file showed
    // on runs over thousands of files); nothing here changes it.
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let cwd = || CWD.get_or_init(|| std::env::current_dir().ok()).as_deref();
    let bytes = p.as_os_str().as_encoded_bytes();
    let untidy = bytes.windows(2).any(|w| w == b"./" || w == b"//") || bytes.ends_with(b"/.");
    let cleaned;
    let p = if untidy {
        cleaned = p
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect::<PathBuf>();
        // Under the current directory once its `..` are followed: that path.
        let parents = cleaned.components().any(|c| matches!(c, Component::ParentDir));
        match parents.then(|| std::fs::canonicalize(&cleaned).ok()).flatten() {
            Some(real) if cwd().is_some_and(|d| real.starts_with(d)) => return display_path(&real),
            _ => cleaned.as_path(),
        }
    } else {
        p
    };
    // An absolute path under the current directory is shown relative to it.
    let rel = p
        .is_absolute()
        .then(cwd)
        .flatten()
        .and_then(|cwd| p.strip_prefix(cwd).ok());
    let p = rel.unwrap_or(p);
    let s = escaped(p.as_os_str().as_encoded_bytes());
    let s = if cfg!(windows) { s.replace('\\', "/") } else { s };
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

/// A path's bytes as text, one line, never two names alike: valid UTF-8
/// as it is, but every character the output sanitizer would escape
/// ([`crate::text::is_unsafe_char`]) escaped here in a form of its own: an
/// ASCII control (a newline, a tab, ESC) and every byte that is not UTF-8
/// as `\xNN`, another (a C1 control, a bidi override, U+2028) as `\u{..}`;
/// and a backslash the name itself holds before `xNN` or `u{` as `\x5C`,
/// so a name spelling `\xC3` or `\u{85}` is not the one holding that byte
/// or character. [`unescaped`] reverses it.
pub fn escaped(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        // (On Windows a backslash separates folders: display_path turns it
        // into a slash.)
        // (Printable ASCII, nearly every name, is decided by one test.)
        let literal_escape = !cfg!(windows) && valid.contains('\\');
        let safe = crate::text::is_printable_ascii(valid) || !valid.chars().any(crate::text::is_unsafe_char);
        if !literal_escape && safe {
            out.push_str(valid);
        } else {
            let b = valid.as_bytes();
            for (i, c) in valid.char_indices() {
                if c == '\\' && !cfg!(windows) && spells_escape(&b[i + 1..]) {
                    out.push_str("\\x5C");
                } else if c.is_ascii_control() {
                    out.push_str(&format!("\\x{:02X}", c as u32));
                } else if crate::text::is_unsafe_char(c) {
                    out.push_str(&format!("\\u{{{:x}}}", c as u32));
                } else {
                    out.push(c);
                }
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// Does text after a backslash spell one of [`escaped`]'s escapes (`xNN`,
/// `u{`)?
fn spells_escape(rest: &[u8]) -> bool {
    let hex = |i: usize| rest.get(i).is_some_and(u8::is_ascii_hexdigit);
    (rest.first() == Some(&b'x') && hex(1) && hex(2)) || rest.starts_with(b"u{")
}

/// The bytes an [`escaped`] path stands for: each `\xNN` of a byte 0x80 or
/// above, a control or a backslash, and each `\u{..}` of a character the
/// sanitizer escapes, back to its bytes (a path's real name: a `--diff`
/// header, a SARIF URI).
pub fn unescaped(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if let Some((bytes, len)) = escape_at(&s[i + 1..]) {
                out.extend_from_slice(&bytes);
                i += 1 + len;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The bytes of the escape that `rest` (the text after a backslash)
/// begins with, and its length, if it is one [`escaped`] writes.
fn escape_at(rest: &str) -> Option<(Vec<u8>, usize)> {
    if let Some(hex) = rest
        .strip_prefix('x')
        .and_then(|r| r.get(..2))
        .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
    {
        let byte = u8::from_str_radix(hex, 16).ok()?;
        return (byte >= 0x80 || byte == b'\\' || byte.is_ascii_control()).then(|| (vec![byte], 3));
    }
    let body = rest.strip_prefix("u{")?;
    let close = body.find('}')?;
    let digits = &body[..close];
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let c = u32::from_str_radix(digits, 16).ok().and_then(char::from_u32)?;
    let ok = !c.is_ascii() && crate::text::is_unsafe_char(c);
    ok.then(|| (c.to_string().into_bytes(), close + 3))
}

/// An absolute, lexically normalised path (no file system access needed
/// beyond the current directory).
pub fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The directory report paths are relative to: the top level of the git
/// work tree that holds the current directory, else the current directory.
/// Found once per run.
#[derive(Debug, Clone)]
pub struct SourceRoot {
    /// Canonical; `None` when the current directory cannot be known.
    root: Option<PathBuf>,
    /// Canonical; shown paths that are relative are relative to it.
    cwd: Option<PathBuf>,
}

/// A checked file's path for CI reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Forward slashes, not percent-encoded.
    pub path: String,
    /// Whether `path` is relative to the source root (else it is the path as
    /// shown: standard input `-`, or a path that has no relative form).
    pub relative: bool,
}

impl SourceRoot {
    /// The current directory's work tree top level (the nearest ancestor
    /// with a `.git` entry), else the current directory.
    pub fn discover() -> SourceRoot {
        match std::env::current_dir() {
            Ok(cwd) => SourceRoot::discover_from(&cwd),
            Err(_) => SourceRoot { root: None, cwd: None },
        }
    }

    /// As [`SourceRoot::discover`], for a given current directory.
    pub fn discover_from(cwd: &Path) -> SourceRoot {
        let cwd = cwd.canonicalize().ok();
        let root = cwd
            .as_deref()
            .map(|c| git_toplevel(c).unwrap_or_else(|| c.to_path_buf()));
        SourceRoot { root, cwd }
    }

    /// Fixed directories: `root` for relative paths, `cwd` to resolve the
    /// shown paths that are relative (tests, embedders).
    pub fn new(root: impl AsRef<Path>, cwd: impl AsRef<Path>) -> SourceRoot {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| normalize(p));
        SourceRoot {
            root: Some(canon(root.as_ref())),
            cwd: Some(canon(cwd.as_ref())),
        }
    }

    /// The root as a `file:` URI ending in `/`.
    pub fn root_uri(&self) -> Option<String> {
        let root = self.root.as_deref()?;
        file_uri(root, true)
    }

    /// Where a file shown as `shown` is, relative to the root.
    pub fn locate(&self, shown: &str) -> Located {
        let as_shown = Located {
            path: shown.to_string(),
            relative: false,
        };
        if shown == "-" {
            return as_shown;
        }
        let (Some(root), Some(cwd)) = (&self.root, &self.cwd) else {
            return as_shown;
        };
        let p = Path::new(shown);
        let abs = if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) };
        // The parent directory canonical (symlinked directories, `..`), the
        // file name as given (a symlinked file keeps its own place).
        let abs = match (abs.parent(), abs.file_name()) {
            (Some(dir), Some(name)) => match dir.canonicalize() {
                Ok(dir) => dir.join(name),
                Err(_) => normalize(&abs),
            },
            _ => normalize(&abs),
        };
        match relative_to(&abs, root) {
            Some(path) => Located { path, relative: true },
            None => as_shown,
        }
    }
}

/// The nearest ancestor of `dir` (itself included) with a `.git` entry (a
/// directory, or a file in linked work trees and submodules).
fn git_toplevel(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| std::fs::symlink_metadata(d.join(".git")).is_ok())
        .map(Path::to_path_buf)
}

/// `.` and `..` resolved lexically (for paths that do not exist).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to the directory `base` (with `..` when it is outside),
/// forward slashes; `None` when they share no root.
fn relative_to(path: &Path, base: &Path) -> Option<String> {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 || common == p.len() {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(p[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Some(parts.join("/"))
}

/// A relative path as a URI reference: every byte but the unreserved
/// characters, `/` and the sub-delimiters percent-encoded (`:` too, so the
/// first segment never reads as a scheme).
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    // A file name that is not UTF-8 is percent-encoded by its real bytes.
    for b in unescaped(path) {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The most `--config` and `--baseline` may hold.
pub const MAX_INPUT: u64 = 16 * 1024 * 1024;

/// Read a `--config` or `--baseline` file: only a regular file (a FIFO or
/// device is refused before it is opened, so nothing can hang on it), at
/// most [`MAX_INPUT`] bytes.
pub fn read_small(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let dangling = e.kind() == io::ErrorKind::NotFound
            && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if dangling {
            io::Error::other("a symbolic link to a file that does not exist")
        } else {
            e
        }
    })?;
    if meta.is_dir() {
        return Err(io::Error::other("a directory, not a file"));
    }
    if !meta.is_file() {
        return Err(io::Error::other(
            "not a regular file (a FIFO, socket or device is never opened)",
        ));
    }
    if meta.len() > MAX_INPUT {
        return Err(io::Error::other(format!(
            "larger than {} MB",
            MAX_INPUT / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_INPUT + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(io::Error::other(format!(
            "larger than {} MB",
            MAX_INPUT / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// `path` as a `file:` URI (a directory's ending in `/`); `None` for a
/// relative path, and always where there are no file paths (WebAssembly).
pub fn file_uri(path: &Path, directory: bool) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let uri = if directory {
            url::Url::from_directory_path(path)
        } else {
            url::Url::from_file_path(path)
        };
        uri.ok().map(String::from)
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = (path, directory);
        None
    }
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;
