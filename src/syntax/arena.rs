//! Where a tree lives: one bump arena per parsed text (bumpalo), holding
//! every container's elements and the decoded strings that hold escapes;
//! every other string is a slice of the text.
//!
//! The tree's handles are a pointer and a `u32` length (12 bytes, not a
//! fat pointer's 16), which makes a node 24 bytes and a member 48 (they
//! were 32 and 64: a 50 MB manifest is millions of them). A text is at most
//! `u32::MAX` bytes (spans are `u32`), so no length is cut. Nothing in the
//! tree owns memory: it is `Copy`, and dropping it is dropping the arena,
//! not a walk that frees each container.

use std::marker::PhantomData;
use std::ptr::NonNull;

/// The memory of one tree. Allocated into only while that tree is parsed.
#[derive(Default)]
pub struct Arena {
    bump: bumpalo::Bump,
}

// SAFETY: `Bump` is not `Sync` because two threads could allocate through
// `&Bump` at once. Only `parse` allocates, through the `&Arena` it was
// given, before the tree it builds exists; an `Arena` shared between threads
// (with the tree it holds) is only read, and `Arena` exposes nothing else.
unsafe impl Sync for Arena {}

impl Arena {
    /// An arena with room for about `bytes` before it grows.
    pub fn with_capacity(bytes: usize) -> Arena {
        Arena {
            bump: bumpalo::Bump::with_capacity(bytes),
        }
    }

    pub(super) fn slice<'t, T: Copy>(&'t self, items: &[T]) -> Slice<'t, T> {
        Slice::new(self.bump.alloc_slice_copy(items))
    }

    /// `count` copies of `hole`, to be filled in place (the fast parser
    /// knows a container's size when it opens).
    pub(super) fn holes<T: Copy>(&self, count: usize, hole: T) -> &mut [T] {
        self.bump.alloc_slice_fill_copy(count, hole)
    }

    pub(super) fn str<'t>(&'t self, s: &str) -> Str<'t> {
        Str::new(self.bump.alloc_str(s))
    }
}

impl std::fmt::Debug for Arena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Arena({} bytes)", self.bump.allocated_bytes())
    }
}

fn len32(len: usize) -> u32 {
    // A slice of a text or of its tree has fewer items than the text has
    // bytes; `parse` refuses texts of 4 GiB and more.
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// `&'t [T]` in 12 bytes, aligned to 4: a node (tag, handle, span) packs
/// into 24 bytes. Fields are only ever read by value (no reference to a
/// packed field is taken).
#[repr(C, packed(4))]
pub struct Slice<'t, T> {
    ptr: NonNull<T>,
    len: u32,
    _t: PhantomData<&'t [T]>,
}

impl<'t, T> Slice<'t, T> {
    pub fn new(items: &'t [T]) -> Self {
        Slice {
            ptr: NonNull::from(items).cast(),
            len: len32(items.len()),
            _t: PhantomData,
        }
    }

    pub fn as_slice(&self) -> &'t [T] {
        // SAFETY: `ptr` and `len` come from a `&'t [T]` (`new`), whose
        // memory lives for `'t` and is never written again.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len as usize) }
    }
}

impl<T> Clone for Slice<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Slice<'_, T> {}

// SAFETY: a `Slice` is a `&[T]`, which is `Send` and `Sync` when `T: Sync`.
unsafe impl<T: Sync> Send for Slice<'_, T> {}
unsafe impl<T: Sync> Sync for Slice<'_, T> {}

impl<T> std::ops::Deref for Slice<'_, T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<'t, T> IntoIterator for &Slice<'t, T> {
    type Item = &'t T;
    type IntoIter = std::slice::Iter<'t, T>;

    fn into_iter(self) -> std::slice::Iter<'t, T> {
        self.as_slice().iter()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Slice<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_slice().fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Slice<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

/// `&'t str` in 12 bytes.
#[derive(Clone, Copy)]
pub struct Str<'t>(Slice<'t, u8>);

impl<'t> Str<'t> {
    pub fn new(s: &'t str) -> Self {
        Str(Slice::new(s.as_bytes()))
    }

    pub fn as_str(&self) -> &'t str {
        // SAFETY: the bytes come from a `&'t str` (`new`).
        unsafe { std::str::from_utf8_unchecked(self.0.as_slice()) }
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl PartialEq for Str<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
