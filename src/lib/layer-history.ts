// Per-layer health over a run, one point per progress report, thinned so a long run stays
// chartable: past the cap every other point goes (a smooth series loses little by it).
import type { LayerStats } from '../../worker/api.ts';

export interface LayerPoint {
  samples: number;
  layers: LayerStats[];
}

export const MAX_LAYER_POINTS = 600;

/** Appends without mutating `points`; drops every other older point while over `max`. */
export function appendLayerPoint(points: readonly LayerPoint[], p: LayerPoint, max = MAX_LAYER_POINTS): LayerPoint[] {
  let out = [...points, p];
  while (out.length > max) out = out.filter((_, i) => i % 2 === 1 || i === out.length - 1);
  return out;
}
