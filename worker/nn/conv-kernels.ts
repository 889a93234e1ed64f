// TypeScript reference kernels of a convolutional block (spread into tsKernels, kernels.ts).
// Images are channels last: x(batch, h, w, c), row-major, so the k·c values of one row of a
// window are contiguous, and so are the matching rows of w(k, k, cin, cout).
import type { ConvShape } from './kernels.ts';

/** Output side of a stride-1 convolution. */
export const convOut = (side: number, k: number, pad: number): number => side + 2 * pad - k + 1;

/** out(batch, oh, ow, cout) = x ⊛ w + bias (then max(0, ·) if s.relu). Zero inputs (ink-free pixels, ReLU zeros) are skipped. */
export function conv2d(out: Float32Array, x: Float32Array, w: Float32Array, bias: Float32Array, s: ConvShape): void {
  const { batch, h, w: wd, cin, cout, k, pad } = s;
  const oh = convOut(h, k, pad), ow = convOut(wd, k, pad);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const o = ((b * oh + oy) * ow + ox) * cout;
        for (let co = 0; co < cout; co++) out[o + co] = bias[co];
        for (let dy = 0; dy < k; dy++) {
          const iy = oy + dy - pad;
          if (iy < 0 || iy >= h) continue;
          for (let dx = 0; dx < k; dx++) {
            const ix = ox + dx - pad;
            if (ix < 0 || ix >= wd) continue;
            const xi = ((b * h + iy) * wd + ix) * cin, wi = (dy * k + dx) * cin;
            for (let ci = 0; ci < cin; ci++) {
              const v = x[xi + ci];
              if (v === 0) continue;
              const wr = (wi + ci) * cout;
              for (let co = 0; co < cout; co++) out[o + co] += v * w[wr + co];
            }
          }
        }
        if (s.relu) for (let co = 0; co < cout; co++) out[o + co] = Math.max(0, out[o + co]);
      }
    }
  }
}

/** dw(k, k, cin, cout) += Σ over positions of x(window) ⊗ dOut(position) — filter gradients. */
export function conv2dGradW(dw: Float32Array, x: Float32Array, dOut: Float32Array, s: ConvShape): void {
  const { batch, h, w: wd, cin, cout, k, pad } = s;
  const oh = convOut(h, k, pad), ow = convOut(wd, k, pad);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const o = ((b * oh + oy) * ow + ox) * cout;
        for (let dy = 0; dy < k; dy++) {
          const iy = oy + dy - pad;
          if (iy < 0 || iy >= h) continue;
          for (let dx = 0; dx < k; dx++) {
            const ix = ox + dx - pad;
            if (ix < 0 || ix >= wd) continue;
            const xi = ((b * h + iy) * wd + ix) * cin, wi = (dy * k + dx) * cin;
            for (let ci = 0; ci < cin; ci++) {
              const v = x[xi + ci];
              if (v === 0) continue;
              const wr = (wi + ci) * cout;
              for (let co = 0; co < cout; co++) dw[wr + co] += v * dOut[o + co];
            }
          }
        }
      }
    }
  }
}

/** dx(batch, h, w, cin) = Σ over the windows that read each input of dOut · w — input gradients. */
export function conv2dGradX(dx: Float32Array, dOut: Float32Array, w: Float32Array, s: ConvShape): void {
  const { batch, h, w: wd, cin, cout, k, pad } = s;
  const oh = convOut(h, k, pad), ow = convOut(wd, k, pad);
  dx.fill(0, 0, batch * h * wd * cin);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const o = ((b * oh + oy) * ow + ox) * cout;
        for (let dy = 0; dy < k; dy++) {
          const iy = oy + dy - pad;
          if (iy < 0 || iy >= h) continue;
          for (let dx_ = 0; dx_ < k; dx_++) {
            const ix = ox + dx_ - pad;
            if (ix < 0 || ix >= wd) continue;
            const xi = ((b * h + iy) * wd + ix) * cin, wi = (dy * k + dx_) * cin;
            for (let ci = 0; ci < cin; ci++) {
              const wr = (wi + ci) * cout;
              let sum = 0;
              for (let co = 0; co < cout; co++) sum += dOut[o + co] * w[wr + co];
              dx[xi + ci] += sum;
            }
          }
        }
      }
    }
  }
}

/** out(batch, h>>1, w>>1, c) = the maximum of each 2×2 window of x(batch, h, w, c); an odd last row or column is dropped. */
export function maxPool2(out: Float32Array, x: Float32Array, batch: number, h: number, w: number, c: number): void {
  const ph = h >> 1, pw = w >> 1, row = w * c;
  for (let b = 0; b < batch; b++) {
    for (let py = 0; py < ph; py++) {
      for (let px = 0; px < pw; px++) {
        const i = ((b * h + 2 * py) * w + 2 * px) * c, o = ((b * ph + py) * pw + px) * c;
        for (let ch = 0; ch < c; ch++) {
          const a = x[i + ch], bb = x[i + c + ch], cc = x[i + row + ch], d = x[i + row + c + ch];
          out[o + ch] = Math.max(Math.max(a, bb), Math.max(cc, d));
        }
      }
    }
  }
}

/**
 * dx(batch, h, w, c) = dOut routed to the first position of each window (top-left, top-right,
 * bottom-left, bottom-right) whose x equals the window's maximum `out`; 0 everywhere else.
 */
export function maxPool2Backward(
  dx: Float32Array, dOut: Float32Array, x: Float32Array, out: Float32Array,
  batch: number, h: number, w: number, c: number,
): void {
  const ph = h >> 1, pw = w >> 1, row = w * c;
  dx.fill(0, 0, batch * h * w * c);
  for (let b = 0; b < batch; b++) {
    for (let py = 0; py < ph; py++) {
      for (let px = 0; px < pw; px++) {
        const i = ((b * h + 2 * py) * w + 2 * px) * c, o = ((b * ph + py) * pw + px) * c;
        for (let ch = 0; ch < c; ch++) {
          const m = out[o + ch];
          const at = x[i + ch] === m ? i : x[i + c + ch] === m ? i + c : x[i + row + ch] === m ? i + row : i + row + c;
          dx[at + ch] = dOut[o + ch];
        }
      }
    }
  }
}
