// Building the lists the tiles in tile.as consume: the non-zeros of one A row, of a pair of
// rows (their union), or of a strided column. Branch-free (always store, advance when
// non-zero): which pixels are ink is unpredictable, and a mispredicted branch per value
// cost more than the products themselves. Lists hold at most k entries (plus no overrun:
// the store at index c happens only while c < number of values seen).

/**
 * Lists the non-zeros of row a[0..k) as (byte offset p·rowBytes, value); returns the count.
 * Branch-free within a quad (always store, advance by v ≠ 0): which pixels are ink is
 * unpredictable, and a mispredicted branch per pixel cost more than the products themselves.
 */
// @ts-ignore: decorator
@inline export function listRow(a: usize, k: i32, rowBytes: i32, idx: usize, val: usize): i32 {
  let c = 0;
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    // An all-zero quad (most of an MNIST image) costs one test.
    if (!v128.any_true(v128.load(a + (<usize>p << 2)))) continue;
    for (let q = p; q < p + 4; q++) {
      const v = load<f32>(a + (<usize>q << 2));
      store<i32>(idx + (<usize>c << 2), q * rowBytes);
      store<f32>(val + (<usize>c << 2), v);
      c += i32(v != 0);
    }
  }
  for (; p < k; p++) {
    const v = load<f32>(a + (<usize>p << 2));
    store<i32>(idx + (<usize>c << 2), p * rowBytes);
    store<f32>(val + (<usize>c << 2), v);
    c += i32(v != 0);
  }
  return c;
}

/** The union of the non-zeros of rows a0 and a1 (k values each): idx, and both values. */
// @ts-ignore: decorator
@inline export function listRowPair(a0: usize, a1: usize, k: i32, rowBytes: i32, idx: usize, v0: usize, v1: usize): i32 {
  let c = 0;
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const pb = <usize>p << 2;
    if (!v128.any_true(v128.or(v128.load(a0 + pb), v128.load(a1 + pb)))) continue;
    for (let q = p; q < p + 4; q++) {
      const qb = <usize>q << 2, cb = <usize>c << 2;
      const x = load<f32>(a0 + qb), y = load<f32>(a1 + qb);
      store<i32>(idx + cb, q * rowBytes);
      store<f32>(v0 + cb, x);
      store<f32>(v1 + cb, y);
      c += i32(x != 0) | i32(y != 0);
    }
  }
  for (; p < k; p++) {
    const qb = <usize>p << 2, cb = <usize>c << 2;
    const x = load<f32>(a0 + qb), y = load<f32>(a1 + qb);
    store<i32>(idx + cb, p * rowBytes);
    store<f32>(v0 + cb, x);
    store<f32>(v1 + cb, y);
    c += i32(x != 0) | i32(y != 0);
  }
  return c;
}

/** The non-zeros of column a[·, 0] over m rows of rowA bytes (one input feature across the batch). */
// @ts-ignore: decorator
@inline export function listColumn(a: usize, m: i32, rowA: usize, rowBytes: i32, idx: usize, val: usize): i32 {
  let c = 0;
  let ap = a;
  for (let i = 0; i < m; i++, ap += rowA) {
    const v = load<f32>(ap);
    store<i32>(idx + (<usize>c << 2), i * rowBytes);
    store<f32>(val + (<usize>c << 2), v);
    c += i32(v != 0);
  }
  return c;
}

/** The union of the non-zeros of columns 0 and 1 of a (adjacent features, e.g. neighbouring pixels). */
// @ts-ignore: decorator
@inline export function listColumnPair(a: usize, m: i32, rowA: usize, rowBytes: i32, idx: usize, v0: usize, v1: usize): i32 {
  let c = 0;
  let ap = a;
  for (let i = 0; i < m; i++, ap += rowA) {
    const x = load<f32>(ap), y = load<f32>(ap, 4);
    const cb = <usize>c << 2;
    store<i32>(idx + cb, i * rowBytes);
    store<f32>(v0 + cb, x);
    store<f32>(v1 + cb, y);
    c += i32(x != 0) | i32(y != 0);
  }
  return c;
}
