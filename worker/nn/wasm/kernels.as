// Entry of the WebAssembly kernels module (see scripts/build-wasm.mjs). No allocator, no
// runtime: JavaScript owns the memory layout and passes byte addresses.
export { matmul, matmulTransA, matmulTransB, sumRows, transpose } from './matmul';
export { adam, average, sgd, sumSquares, unitFromBytes } from './update';
export { warpAffine } from './warp';
export { addTransposed, convGradWT, convScatter, convValid, cropImages, padImages, reluBackward } from './conv';
export { maxPool2, maxPool2Backward } from './pool';
export { peakTile } from './peak';
export { strokeWidth } from './morph';
