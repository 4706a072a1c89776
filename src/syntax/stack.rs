//! The parser's scratch stacks: the entries of the containers being parsed,
//! innermost last, in chunks that never move.
//!
//! A vector doubling its buffer copied a huge container's entries at every
//! growth and the freed buffers stayed resident (mimalloc keeps them for
//! reuse): 50 MB of small numbers peaked at 450 MB. Chunks are filled in
//! place; a finished container is copied once into the arena.

use super::arena::{Arena, Slice};

/// Entries per chunk (a power of two).
const CHUNK_BITS: u32 = 14;
const CHUNK: usize = 1 << CHUNK_BITS;

pub(super) struct Stack<T> {
    /// `chunks[i]` holds entries `i * CHUNK ..`; every chunk but the last
    /// is full. A chunk grows like a vector up to `CHUNK` (a small file
    /// never allocates a whole chunk).
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T: Copy> Stack<T> {
    pub(super) fn new() -> Self {
        Stack {
            chunks: Vec::new(),
            len: 0,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn push(&mut self, entry: T) {
        let c = self.len >> CHUNK_BITS;
        if c == self.chunks.len() {
            self.chunks.push(Vec::new());
        }
        if let Some(chunk) = self.chunks.get_mut(c) {
            chunk.push(entry);
            self.len += 1;
        }
    }

    fn get(&self, i: usize) -> T {
        self.chunks[i >> CHUNK_BITS][i & (CHUNK - 1)]
    }

    /// The entries from `first` to the top, copied into `arena` at their
    /// exact count; the stack is cut back to `first`.
    pub(super) fn take<'t>(&mut self, arena: &'t Arena, first: usize) -> Slice<'t, T> {
        let count = self.len - first;
        let c = first >> CHUNK_BITS;
        let out = if count == 0 {
            Slice::new(&[])
        } else if (self.len - 1) >> CHUNK_BITS == c {
            // All in one chunk (nearly every container): one copy.
            arena.slice(&self.chunks[c][first & (CHUNK - 1)..])
        } else {
            arena.slice_with(count, |i| self.get(first + i))
        };
        self.chunks.truncate(c + 1);
        if let Some(chunk) = self.chunks.get_mut(c) {
            chunk.truncate(first & (CHUNK - 1));
        }
        self.len = first;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Containers across chunk boundaries, nested, come out whole and in
    /// order, and the stack is cut back to where each began.
    #[test]
    fn takes_across_chunks() {
        let arena = Arena::default();
        let mut s = Stack::new();
        for i in 0..10 {
            s.push(i);
        }
        let outer = s.len();
        for i in 0..(3 * CHUNK + 5) {
            s.push(i * 2);
        }
        let inner = s.take(&arena, outer);
        assert_eq!(inner.len(), 3 * CHUNK + 5);
        assert!(inner.iter().enumerate().all(|(i, v)| *v == i * 2));
        assert_eq!(s.len(), 10);
        for i in 10..(CHUNK + 1) {
            s.push(i);
        }
        let all = s.take(&arena, 0);
        assert!(all.iter().enumerate().all(|(i, v)| *v == i));
        assert_eq!(all.len(), CHUNK + 1);
        assert_eq!(s.take(&arena, 0).len(), 0);
    }
}
