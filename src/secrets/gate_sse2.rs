//! The gate's byte tests ([`super::marks`], [`super::mark_bits`]) by SSE2,
//! part of every x86-64 target: sixteen bytes compared at once with the
//! sixteen before them, one mask per answer. The portable forms in
//! `gate.rs` are the tests' reference.

use std::arch::x86_64::{
    __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    _mm_setzero_si128, _mm_sub_epi8, _mm_subs_epu8,
};

/// What sixteen bytes hold, a bit per byte ([`super::Marks`]'s answers).
#[derive(Debug, Clone, Copy, Default)]
pub struct Masks {
    pub token: u16,
    pub colon: u16,
    pub space: u16,
    pub not_hex: u16,
}

impl std::ops::BitOrAssign for Masks {
    fn bitor_assign(&mut self, o: Masks) {
        self.token |= o.token;
        self.colon |= o.colon;
        self.space |= o.space;
        self.not_hex |= o.not_hex;
    }
}

/// The masks of bytes `1..17` of `pc`, each read after the byte before it.
#[inline(always)]
pub fn masks16(pc: &[u8; 17]) -> Masks {
    // SAFETY: SSE2 is part of every x86-64 target (this module is only
    // built there); the two unaligned loads read bytes 0..16 and 1..17 of
    // the 17 `pc` holds.
    unsafe {
        let p = _mm_loadu_si128(pc.as_ptr().cast());
        let c = _mm_loadu_si128(pc[1..].as_ptr().cast());
        let zero = _mm_setzero_si128();
        let byte = |v: u8| _mm_set1_epi8(v as i8);
        // x in lo..lo + n, unsigned: x - lo saturating-minus (n - 1) is 0.
        let within =
            |x: __m128i, lo: u8, n: u8| _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(x, byte(lo)), byte(n - 1)), zero);
        let is = |x: __m128i, v: u8| _mm_cmpeq_epi8(x, byte(v));
        let or = |x: __m128i, y: __m128i| _mm_or_si128(x, y);
        let digit = within(c, b'0', 10);
        let join = or(within(c, b'A', 26), or(is(c, b'_'), is(c, b'-')));
        let alnum_before = or(within(_mm_or_si128(p, byte(0x20)), b'a', 26), within(p, b'0', 10));
        let token = or(digit, _mm_and_si128(join, alnum_before));
        let hex = or(digit, or(within(c, b'a', 6), is(c, b'-')));
        let mask = |x: __m128i| _mm_movemask_epi8(x) as u16;
        Masks {
            token: mask(token),
            colon: mask(is(c, b':')),
            space: mask(or(is(c, b' '), is(c, b'\t'))),
            not_hex: !mask(hex),
        }
    }
}

/// The masks of all of `b`, its first byte read after a space (a start of
/// text) and the rest of its last sixteen padded with `a` (a lower-case
/// hex letter: no mark, no colon, no space, no byte other than hex).
pub fn masks(b: &[u8]) -> Masks {
    let mut seen = Masks::default();
    let mut first = [b'a'; 17];
    first[0] = b' ';
    let n = b.len().min(16);
    first[1..=n].copy_from_slice(&b[..n]);
    seen |= masks16(&first);
    let mut at = 16;
    while let Some(Ok(pc)) = b.get(at - 1..at + 16).map(<&[u8; 17]>::try_from) {
        seen |= masks16(pc);
        at += 16;
    }
    if at < b.len() {
        let mut last = [b'a'; 17];
        last[0] = b[at - 1];
        last[1..=b.len() - at].copy_from_slice(&b[at..]);
        seen |= masks16(&last);
    }
    seen
}
