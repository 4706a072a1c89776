//! A container's entries in the tree (`Items`): in the arena, or folded
//! (where the container begins in the text, read again when asked for).

use super::arena::{len32, Arena};
use super::fast::{unfold, Entry, Stream};
use std::marker::PhantomData;
use std::ptr::NonNull;

/// What a folded container needs to be read again: the text (after a byte
/// order mark of `shift` bytes) and the arena its entries go to.
pub struct Fold<'t> {
    pub(super) body: &'t str,
    pub(super) shift: usize,
    pub(super) arena: &'t Arena,
}

/// The entries of a container (`T`: a node in an array, a member in an
/// object): at their place in the arena, or folded.
///
/// In a text of 64 KB or more, a container inside another whose entries
/// (24 bytes an element, 48 a member) would cost more than half its text is
/// folded when parsed (`count.rs` says which): the tree keeps where it
/// begins, not its entries (50 MB of small nested objects was a 400 MB
/// tree). Reading a folded container as a slice (`Deref`, `as_slice`)
/// unfolds it into the arena, once; [`Items::each`] and [`Items::read`]
/// read its entries from the text and keep nothing: what walks the whole
/// tree (S002, C012 in text, the secret scan, `to_json`) uses them, so the
/// tree of what no rule reads by name is never built.
#[repr(C, packed(4))]
pub struct Items<'t, T> {
    /// Unfolded: the first entry. Folded: the tree's [`Fold`], tagged with
    /// its lowest bit (a `Fold` is aligned to 8).
    ptr: NonNull<u8>,
    /// Unfolded: the number of entries. Folded: where the container begins
    /// in the body.
    len: u32,
    _t: PhantomData<&'t [T]>,
}

impl<'t, T> Items<'t, T> {
    pub fn new(items: &'t [T]) -> Self {
        // The lowest bit of an entry's address is free for the tag.
        const { assert!(std::mem::align_of::<T>() >= 2) };
        Items {
            ptr: NonNull::from(items).cast(),
            len: len32(items.len()),
            _t: PhantomData,
        }
    }

    pub(super) fn folded(fold: &'t Fold<'t>, at: usize) -> Self {
        let ptr = NonNull::from(fold).cast::<u8>();
        Items {
            // The tag: a `Fold`'s address is even.
            ptr: ptr.map_addr(|a| a | 1),
            len: len32(at),
            _t: PhantomData,
        }
    }

    /// The fold and where in the body the container begins, when folded.
    pub(super) fn fold(&self) -> Option<(&'t Fold<'t>, usize)> {
        let ptr = self.ptr;
        if ptr.addr().get() & 1 == 0 {
            return None;
        }
        let len = self.len;
        // SAFETY: a tagged pointer is a `&'t Fold<'t>` (`folded`) whose
        // tag bit is cleared here.
        let fold = unsafe { &*ptr.as_ptr().map_addr(|a| a & !1).cast::<Fold<'t>>() };
        Some((fold, len as usize))
    }

    /// Whether the entries are not in the tree (read from the text).
    pub fn is_folded(&self) -> bool {
        self.fold().is_some()
    }

    /// The entries in the tree: `None` when folded.
    fn in_tree(&self) -> Option<&'t [T]> {
        if self.is_folded() {
            return None;
        }
        let len = self.len;
        // SAFETY: an untagged `ptr` and `len` come from a `&'t [T]` (`new`),
        // whose memory lives for `'t` and is never written again.
        Some(unsafe { std::slice::from_raw_parts(self.ptr.as_ptr().cast::<T>(), len as usize) })
    }
}

impl<'t, T: Entry<'t>> Items<'t, T> {
    /// The entries, unfolded into the arena if they were folded.
    ///
    /// Inlined: the rules call it on every object and array they read, and
    /// nearly all are in the tree; the unfolding is out of line.
    #[inline]
    pub fn as_slice(&self) -> &'t [T] {
        match self.in_tree() {
            Some(entries) => entries,
            None => self.unfolded(),
        }
    }

    #[cold]
    #[inline(never)]
    fn unfolded(&self) -> &'t [T] {
        match self.fold() {
            None => &[],
            Some((fold, at)) => fold.arena.unfolded(fold, len32(at), || unfold(fold, at)),
        }
    }

    /// The entries: from the tree, or read from the text into a vector the
    /// caller drops when folded (nothing is kept in the arena).
    pub fn read(&self) -> std::borrow::Cow<'t, [T]> {
        match self.fold() {
            None => std::borrow::Cow::Borrowed(self.in_tree().unwrap_or_default()),
            Some(_) => std::borrow::Cow::Owned(self.each().collect()),
        }
    }

    /// The entries one at a time, by value: from the tree, or read from the
    /// text when folded (even if unfolded since: no lock, nothing kept).
    pub fn each(&self) -> Each<'t, T> {
        match self.fold() {
            Some((fold, at)) => Each::Text(Stream::new(fold, at)),
            None => Each::Tree(self.in_tree().unwrap_or_default().iter()),
        }
    }
}

/// [`Items::each`].
pub enum Each<'t, T> {
    Tree(std::slice::Iter<'t, T>),
    Text(Stream<'t, T>),
}

impl<'t, T: Entry<'t>> Iterator for Each<'t, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        match self {
            Each::Tree(items) => items.next().copied(),
            Each::Text(stream) => stream.next(),
        }
    }
}

impl<T> Clone for Items<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Items<'_, T> {}

// SAFETY: `Items` is a `&[T]` or a `&Fold` (text and an arena that is
// `Sync`), which are `Send` and `Sync` when `T: Sync`.
unsafe impl<T: Sync> Send for Items<'_, T> {}
unsafe impl<T: Sync> Sync for Items<'_, T> {}

impl<'t, T: Entry<'t>> std::ops::Deref for Items<'t, T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<'t, T: Entry<'t>> IntoIterator for &Items<'t, T> {
    type Item = &'t T;
    type IntoIter = std::slice::Iter<'t, T>;

    fn into_iter(self) -> std::slice::Iter<'t, T> {
        self.as_slice().iter()
    }
}

impl<'t, T: Entry<'t> + std::fmt::Debug> std::fmt::Debug for Items<'t, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_slice().fmt(f)
    }
}

impl<'t, T: Entry<'t> + PartialEq> PartialEq for Items<'t, T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}
