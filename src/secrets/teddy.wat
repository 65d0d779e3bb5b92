;; Teddy: a SIMD multi-needle prefilter (Langdale's algorithm, as in Hyperscan and Rust's aho-corasick),
;; in its "fat" form with 16 buckets. Every needle is three bytes, each a small set. Needles go into
;; buckets, one bit each in one of two halves (buckets 0-7, 8-15); for needle byte j, table lo_j maps a
;; byte's low nibble to the buckets that accept it, hi_j its high nibble. A 16-byte block is looked up
;; in both tables by swizzles; position i is a candidate when some bucket accepts byte i in table 0,
;; byte i+1 in table 1 and byte i+2 in table 2. Candidates are a superset of the needles' matches
;; (nibbles alias, less so with more buckets); the caller verifies them.
;;
;; Memory layout, set up by prefilter.ts: bytes 0..95 hold lo0 hi0 lo1 hi1 lo2 hi2 (16 bytes each) of
;; buckets 0-7, bytes 96..191 the same for buckets 8-15; the i32 at 192 collects the high bits of the
;; bytes read (non-zero: the input may not be ASCII). The caller places the input and the output array
;; elsewhere and keeps 16 readable bytes past the input.
(module
  (memory (export "memory") 1)

  ;; Write to `out` (u32 each) the positions p in [start, end - 2) where a 3-byte window may hold a
  ;; needle, in order; stop after `cap` of them. Returns how many were written.
  (func (export "scan") (param $start i32) (param $end i32) (param $out i32) (param $cap i32) (result i32)
    (local $p i32) (local $last i32) (local $n i32) (local $bits i32) (local $pos i32)
    (local $a_lo0 v128) (local $a_hi0 v128) (local $a_lo1 v128) (local $a_hi1 v128) (local $a_lo2 v128) (local $a_hi2 v128)
    (local $b_lo0 v128) (local $b_hi0 v128) (local $b_lo1 v128) (local $b_hi1 v128) (local $b_lo2 v128) (local $b_hi2 v128)
    (local $nib v128) (local $high v128) (local $v v128) (local $lo v128) (local $hi v128) (local $a v128) (local $b v128)
    (local.set $a_lo0 (v128.load (i32.const 0)))
    (local.set $a_hi0 (v128.load (i32.const 16)))
    (local.set $a_lo1 (v128.load (i32.const 32)))
    (local.set $a_hi1 (v128.load (i32.const 48)))
    (local.set $a_lo2 (v128.load (i32.const 64)))
    (local.set $a_hi2 (v128.load (i32.const 80)))
    (local.set $b_lo0 (v128.load (i32.const 96)))
    (local.set $b_hi0 (v128.load (i32.const 112)))
    (local.set $b_lo1 (v128.load (i32.const 128)))
    (local.set $b_hi1 (v128.load (i32.const 144)))
    (local.set $b_lo2 (v128.load (i32.const 160)))
    (local.set $b_hi2 (v128.load (i32.const 176)))
    (local.set $nib (i8x16.splat (i32.const 15)))
    (local.set $p (local.get $start))
    (local.set $last (i32.sub (local.get $end) (i32.const 2)))
    (block $done
      (br_if $done (i32.le_s (local.get $last) (local.get $start)))
      (loop $blocks
        ;; byte i of the block against table 0
        (local.set $v (v128.load (local.get $p)))
        (local.set $high (v128.or (local.get $high) (local.get $v)))
        (local.set $lo (v128.and (local.get $v) (local.get $nib)))
        (local.set $hi (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nib)))
        (local.set $a (v128.and (i8x16.swizzle (local.get $a_lo0) (local.get $lo)) (i8x16.swizzle (local.get $a_hi0) (local.get $hi))))
        (local.set $b (v128.and (i8x16.swizzle (local.get $b_lo0) (local.get $lo)) (i8x16.swizzle (local.get $b_hi0) (local.get $hi))))
        ;; byte i+1 against table 1
        (local.set $v (v128.load offset=1 (local.get $p)))
        (local.set $lo (v128.and (local.get $v) (local.get $nib)))
        (local.set $hi (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nib)))
        (local.set $a (v128.and (local.get $a)
          (v128.and (i8x16.swizzle (local.get $a_lo1) (local.get $lo)) (i8x16.swizzle (local.get $a_hi1) (local.get $hi)))))
        (local.set $b (v128.and (local.get $b)
          (v128.and (i8x16.swizzle (local.get $b_lo1) (local.get $lo)) (i8x16.swizzle (local.get $b_hi1) (local.get $hi)))))
        ;; byte i+2 against table 2
        (local.set $v (v128.load offset=2 (local.get $p)))
        ;; with the loads at offset 0, covers every input byte (the last block reaches end - 1)
        (local.set $high (v128.or (local.get $high) (local.get $v)))
        (local.set $lo (v128.and (local.get $v) (local.get $nib)))
        (local.set $hi (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nib)))
        (local.set $a (v128.or
          (v128.and (local.get $a)
            (v128.and (i8x16.swizzle (local.get $a_lo2) (local.get $lo)) (i8x16.swizzle (local.get $a_hi2) (local.get $hi))))
          (v128.and (local.get $b)
            (v128.and (i8x16.swizzle (local.get $b_lo2) (local.get $lo)) (i8x16.swizzle (local.get $b_hi2) (local.get $hi))))))
        (if (v128.any_true (local.get $a))
          (then
            (local.set $bits (i8x16.bitmask (i8x16.ne (local.get $a) (v128.const i64x2 0 0))))
            (loop $each
              (local.set $pos (i32.add (local.get $p) (i32.ctz (local.get $bits))))
              ;; lanes past the last whole window read bytes beyond the input
              (br_if $done (i32.ge_u (local.get $pos) (local.get $last)))
              (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $pos))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (br_if $done (i32.eq (local.get $n) (local.get $cap)))
              (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
              (br_if $each (local.get $bits)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br_if $blocks (i32.lt_u (local.get $p) (local.get $last)))))
    (i32.store (i32.const 192) (i32.or (i32.load (i32.const 192)) (i8x16.bitmask (local.get $high))))
    (local.get $n)))
