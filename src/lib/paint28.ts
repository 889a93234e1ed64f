// A 28×28 grey image on a canvas: what the network reads, shown at its own size.

const SIDE = 28;

/**
 * `pixels`: ink per pixel, row-major, 0..`full` (255 for bytes, 1 for the network's input).
 * Light ink on black as MNIST is shown, or with `dark`, dark ink on light like the pad.
 */
export function paint28(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, full = 255, dark = false): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const ink = Math.round((255 * pixels[i]) / full);
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = dark ? 255 - ink : ink;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
