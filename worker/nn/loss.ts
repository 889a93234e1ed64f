// Softmax fused with cross-entropy: the pair's joint gradient is simply p − onehot, which is
// both cheaper and far better conditioned than chaining the two backward passes.

/** probs(m,10) = softmax(logits) row-wise; returns the summed loss and correct count. */
export function softmaxCrossEntropy(
  probs: Float32Array,
  logits: Float32Array,
  labels: Uint8Array,
  m: number,
  classes: number,
): { loss: number; correct: number } {
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < m; i++) {
    const o = i * classes;
    let max = -Infinity;
    let arg = 0;
    for (let c = 0; c < classes; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        arg = c;
      }
    }
    // Subtracting the row max keeps exp() from overflowing; the result is unchanged.
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(logits[o + c] - max);
      probs[o + c] = e;
      sum += e;
    }
    for (let c = 0; c < classes; c++) probs[o + c] /= sum;
    const y = labels[i];
    // log p_y computed from the logits, so a confident wrong answer gives a large finite loss.
    loss += Math.log(sum) - (logits[o + y] - max);
    if (arg === y) correct++;
  }
  return { loss, correct };
}

/** dLogits = (p − onehot(y)) / m: gradient of the mean loss over the batch. */
export function softmaxCrossEntropyBackward(
  dLogits: Float32Array,
  probs: Float32Array,
  labels: Uint8Array,
  m: number,
  classes: number,
): void {
  const inv = 1 / m;
  for (let i = 0; i < m; i++) {
    const o = i * classes;
    for (let c = 0; c < classes; c++) dLogits[o + c] = probs[o + c] * inv;
    dLogits[o + labels[i]] -= inv;
  }
}

/** Softmax of one row, for predictions. */
export function softmax(out: Float32Array, logits: Float32Array): void {
  let max = -Infinity;
  for (let c = 0; c < logits.length; c++) max = Math.max(max, logits[c]);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) sum += out[c] = Math.exp(logits[c] - max);
  for (let c = 0; c < logits.length; c++) out[c] /= sum;
}
