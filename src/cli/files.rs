//! Files the tool writes (report files, the baseline, `--fix`) and reads
//! besides manifests (`--config`, `--baseline`), by the contract "Output files and
//! streams":
//!
//! - a regular file is replaced atomically (a temporary file in the same
//!   directory, fsync, rename), keeping its permissions;
//! - a symlink is followed: its target is what gets replaced (the link stays
//!   a link);
//! - a FIFO, a device (`/dev/stdout`) or a symlink to one is written
//!   through, never replaced; so is a name for one of the run's own open
//!   files (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`) whatever it is
//!   open on: written through that open file (`>> log` keeps `log`);
//! - `--fix` keeps hard links (a file with several links is rewritten in
//!   place) and refuses a file without write permission for its owner, also
//!   as root;
//! - temporary files are removed when the run is interrupted (SIGINT,
//!   SIGTERM) as when it fails.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// The buffer between a report (or a fixed file) and its destination: a
/// file's findings usually reach it in one write.
pub(crate) const REPORT_BUFFER: usize = 128 * 1024;

/// Temporary files alive now, removed by the signal handler.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();

/// On SIGINT or SIGTERM: remove every temporary file, then exit as the
/// signal would have (128 + its number).
fn install_handler() {
    HANDLER.call_once(|| {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if let Ok(files) = TEMPORARY.lock() {
                    for f in files.iter() {
                        let _ = std::fs::remove_file(f);
                    }
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

fn track(path: &Path) {
    install_handler();
    if let Ok(mut files) = TEMPORARY.lock() {
        files.push(path.to_path_buf());
    }
}

fn untrack(path: &Path) {
    if let Ok(mut files) = TEMPORARY.lock() {
        files.retain(|f| f != path);
    }
}

/// A file written atomically: into a temporary file in the same directory,
/// then fsync and rename over the target. Dropped without `commit` (or
/// interrupted), the temporary file is removed: nothing half-written is
/// ever left behind.
pub(crate) struct AtomicFile {
    /// Where the bytes end up (a symlink's target).
    target: PathBuf,
    tmp: PathBuf,
    /// A second handle on the temporary file, to fsync it at commit.
    sync: Option<File>,
}

impl AtomicFile {
    /// The file and a buffered writer into it; `target` must not be a
    /// symlink (see [`Output::create`]).
    fn create(target: &Path) -> io::Result<(AtomicFile, BufWriter<File>)> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        // Tracked before it exists: a signal between its creation and its
        // tracking would leave it behind (removing a file that was never
        // created is harmless).
        track(&tmp);
        let file = match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => f,
            Err(e) => {
                untrack(&tmp);
                return Err(e);
            }
        };
        // From here on, dropping `atomic` removes the temporary file.
        let mut atomic = AtomicFile {
            target: target.to_path_buf(),
            tmp,
            sync: None,
        };
        if let Ok(meta) = std::fs::metadata(target) {
            // Keep the target's permissions (a fixed manifest stays as it was).
            file.set_permissions(meta.permissions())?;
        }
        atomic.sync = Some(file.try_clone()?);
        Ok((atomic, BufWriter::with_capacity(REPORT_BUFFER, file)))
    }

    /// Make the written bytes durable and put them in place. The writer must
    /// have been flushed and dropped.
    fn commit(mut self) -> io::Result<()> {
        if let Some(f) = self.sync.take() {
            f.sync_all()?;
        }
        std::fs::rename(&self.tmp, &self.target)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.tmp.exists() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        untrack(&self.tmp);
    }
}

/// Where a path leads: its final target when it is a symlink (resolved
/// relative to the link's directory), else itself.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// The run's own open file that `path` names (`/dev/stdout`, `/dev/stderr`,
/// `/dev/fd/N`, `/proc/self/fd/N`, or a symlink to one of them), duplicated:
/// writing through it shares the file's offset and mode with the shell's
/// redirection. Opening that name anew would replace or overwrite the
/// file the stream is redirected to (`>> log` would lose `log`).
#[cfg(unix)]
fn open_descriptor(path: &Path) -> io::Result<Option<File>> {
    use std::os::fd::AsFd;
    let Some(fd) = descriptor_named(path) else {
        return Ok(None);
    };
    let owned = match fd {
        1 => io::stdout().as_fd().try_clone_to_owned()?,
        2 => io::stderr().as_fd().try_clone_to_owned()?,
        // Its name resolved in /proc/self/fd or /dev/fd: it is open now.
        // SAFETY: the descriptor is only duplicated, never closed here.
        n => unsafe { std::os::fd::BorrowedFd::borrow_raw(n) }.try_clone_to_owned()?,
    };
    Ok(Some(File::from(owned)))
}

#[cfg(not(unix))]
fn open_descriptor(_: &Path) -> io::Result<Option<File>> {
    Ok(None)
}

/// Which of this process's descriptors `path` names, following symlinks
/// (at most 40, as the kernel does), if any.
#[cfg(unix)]
fn descriptor_named(path: &Path) -> Option<std::os::fd::RawFd> {
    let own = format!("/proc/{}/fd", std::process::id());
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        let text = p.to_str()?;
        match text {
            "/dev/stdout" => return Some(1),
            "/dev/stderr" => return Some(2),
            _ => {}
        }
        let parent = p.parent().and_then(Path::to_str).unwrap_or("");
        if matches!(parent, "/dev/fd" | "/proc/self/fd" | "/proc/thread-self/fd") || parent == own {
            let n: std::os::fd::RawFd = p.file_name()?.to_str()?.parse().ok()?;
            // Still open: its name in /proc or /dev/fd exists.
            return std::fs::symlink_metadata(&p).is_ok().then_some(n);
        }
        let next = std::fs::read_link(&p).ok()?;
        p = match p.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    None
}

/// A report or baseline file being written.
pub(crate) struct Output {
    /// The path as given (for messages).
    pub path: PathBuf,
    /// `None`: written through (a FIFO, a device), nothing to put in place.
    atomic: Option<AtomicFile>,
}

impl Output {
    /// Open `path` for a report: a FIFO or device (or a symlink to one) is
    /// written through; anything else becomes a regular file replaced
    /// atomically at the end.
    pub fn create(path: &Path) -> io::Result<(Output, BufWriter<File>)> {
        if let Some(file) = open_descriptor(path)? {
            let out = Output {
                path: path.to_path_buf(),
                atomic: None,
            };
            return Ok((out, BufWriter::with_capacity(REPORT_BUFFER, file)));
        }
        let target = resolve(path)?;
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory")),
            Ok(m) if !m.is_file() => {
                let file = OpenOptions::new().write(true).open(&target)?;
                let out = Output {
                    path: path.to_path_buf(),
                    atomic: None,
                };
                Ok((out, BufWriter::with_capacity(REPORT_BUFFER, file)))
            }
            _ => {
                let (atomic, w) = AtomicFile::create(&target)?;
                let out = Output {
                    path: path.to_path_buf(),
                    atomic: Some(atomic),
                };
                Ok((out, w))
            }
        }
    }

    /// Put the written bytes in place (the writer flushed and dropped).
    pub fn commit(self) -> io::Result<()> {
        match self.atomic {
            Some(a) => a.commit(),
            None => Ok(()),
        }
    }
}

/// Write a whole report or baseline file (see [`Output::create`]).
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (out, mut w) = Output::create(path)?;
    w.write_all(bytes)?;
    w.flush()?;
    drop(w);
    out.commit()
}

/// Write fixes into a manifest: through a symlink to its target, in place
/// when the file has several hard links, else atomically; keeping its mode.
/// A file its owner may not write is refused (also as root).
pub(crate) fn write_fixed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve(path)?;
    let meta = std::fs::metadata(&target)?;
    if is_read_only(&meta) {
        return Err(io::Error::other(
            "the file is read-only (its owner has no write permission): not fixed",
        ));
    }
    if hard_links(&meta) > 1 {
        let mut f = OpenOptions::new().write(true).truncate(true).open(&target)?;
        f.write_all(bytes)?;
        return f.sync_all();
    }
    let (atomic, mut w) = AtomicFile::create(&target)?;
    w.write_all(bytes)?;
    w.flush()?;
    drop(w);
    atomic.commit()
}

#[cfg(unix)]
fn is_read_only(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o200 == 0
}

#[cfg(not(unix))]
fn is_read_only(meta: &std::fs::Metadata) -> bool {
    meta.permissions().readonly()
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}

/// An I/O error in plain words.
pub(super) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write that cannot happen leaves the original untouched and no
    /// temporary file behind (as root, permission bits do not stop writes,
    /// so the temporary file's place is taken by a directory instead).
    #[test]
    fn failed_write_leaves_the_original() {
        let dir = std::env::temp_dir().join(format!("pm-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("manifest.json");
        std::fs::write(&target, "original").unwrap();
        let blocker = dir.join(format!(".manifest.json.{}.tmp", std::process::id()));
        std::fs::create_dir_all(&blocker).unwrap();
        assert!(write_output(&target, b"new").is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "original");
        std::fs::remove_dir(&blocker).unwrap();
        write_output(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
