// Shared helpers for the kernels (AssemblyScript, compiled twice: plain SIMD and relaxed SIMD).

/** a·b + c. One fused instruction where relaxed SIMD is compiled in, a multiply and an add otherwise. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
