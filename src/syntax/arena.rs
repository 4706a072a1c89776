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

use super::Fold;
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The memory of one tree. Allocated into while that tree is parsed, and
/// afterwards (a folded container unfolded or streamed, `items.rs`) only
/// under `alloc`.
#[derive(Default)]
pub struct Arena {
    bump: bumpalo::Bump,
    /// Held by every allocation made once the tree exists.
    alloc: Mutex<()>,
    /// The folded containers unfolded so far: their tree's `Fold` and
    /// where each begins in its text, to its entries (a pointer and a
    /// count).
    unfolded: Mutex<rustc_hash::FxHashMap<(usize, u32), Unfolded>>,
}

// SAFETY: `Bump` is not `Sync` because two threads could allocate through
// `&Bump` at once. Every allocation holds `alloc` (`shared`): `parse` for
// its whole run, a folded container read after parsing for each one.
unsafe impl Sync for Arena {}

impl Arena {
    /// An arena with room for about `bytes` before it grows.
    pub fn with_capacity(bytes: usize) -> Arena {
        Arena {
            bump: bumpalo::Bump::with_capacity(bytes),
            ..Arena::default()
        }
    }

    pub(super) fn slice<'t, T: Copy>(&'t self, items: &[T]) -> &'t [T] {
        self.bump.alloc_slice_copy(items)
    }

    /// `count` copies of `hole`, to be filled in place (the fast parser
    /// knows a container's size when it opens).
    pub(super) fn holes<T: Copy>(&self, count: usize, hole: T) -> &mut [T] {
        self.bump.alloc_slice_fill_copy(count, hole)
    }

    pub(super) fn str<'t>(&'t self, s: &str) -> Str<'t> {
        Str::new(self.bump.alloc_str(s))
    }

    /// The lock that allocations made after the tree exists hold.
    pub(super) fn shared(&self) -> MutexGuard<'_, ()> {
        self.alloc.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Room for a tree's folding context (`items.rs`).
    pub(super) fn fold<'t>(&'t self, fold: Fold<'t>) -> &'t Fold<'t> {
        self.bump.alloc(fold)
    }

    /// The entries of the folded container at `at` of `fold`'s text:
    /// unfolded by `unfold` the first time, the same slice every time after
    /// (two threads asking at once wait for one unfolding: `unfold`
    /// allocates under `alloc`, never under this lock, and reads no other
    /// folded container).
    pub(super) fn unfolded<'t, T>(&'t self, fold: &Fold<'t>, at: u32, unfold: impl FnOnce() -> &'t [T]) -> &'t [T] {
        // Keyed by the tree too: texts parsed into one arena share it.
        let key = (std::ptr::from_ref(fold).addr(), at);
        let mut known = self.unfolded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&Unfolded { ptr, len }) = known.get(&key) {
            // SAFETY: stored below from a `&'t [T]` of this arena, for the
            // container at `at` of that tree, always unfolded as the same
            // `T` (an array and an object never begin at the same offset).
            return unsafe { std::slice::from_raw_parts(ptr.as_ptr().cast::<T>(), len as usize) };
        }
        let items = unfold();
        let unfolded = Unfolded {
            ptr: NonNull::from(items).cast(),
            len: len32(items.len()),
        };
        known.insert(key, unfolded);
        items
    }
}

/// A folded container's entries once unfolded: a `&[T]` of the arena.
#[derive(Clone, Copy)]
struct Unfolded {
    ptr: NonNull<u8>,
    len: u32,
}

// SAFETY: the entries an `Unfolded` points to live in the arena that holds
// it and are never written again; `T` (a node, a member) is `Sync`.
unsafe impl Send for Unfolded {}

impl std::fmt::Debug for Arena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let _allocating = self.shared();
        write!(f, "Arena({} bytes)", self.bump.allocated_bytes())
    }
}

pub(super) fn len32(len: usize) -> u32 {
    // A slice of a text or of its tree has fewer items than the text has
    // bytes; `parse` refuses texts of 4 GiB and more.
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// `&'t str` in 12 bytes (a pointer and a `u32` length), aligned to 4: a
/// node (tag, handle, span) packs into 24 bytes. Fields are only ever read
/// by value (no reference to a packed field is taken).
#[repr(C, packed(4))]
#[derive(Clone, Copy)]
pub struct Str<'t> {
    ptr: NonNull<u8>,
    len: u32,
    _t: PhantomData<&'t str>,
}

// SAFETY: a `Str` is a `&str`, which is `Send` and `Sync`.
unsafe impl Send for Str<'_> {}
unsafe impl Sync for Str<'_> {}

impl<'t> Str<'t> {
    pub fn new(s: &'t str) -> Self {
        Str {
            ptr: NonNull::from(s).cast(),
            len: len32(s.len()),
            _t: PhantomData,
        }
    }

    pub fn as_str(&self) -> &'t str {
        let (ptr, len) = (self.ptr, self.len);
        // SAFETY: `ptr` and `len` come from a `&'t str` (`new`), whose
        // memory lives for `'t` and is never written again.
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr.as_ptr(), len as usize)) }
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
