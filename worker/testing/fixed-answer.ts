// A snapshot of a network that answers every drawing alike: a 1, with "not a digit" at p (its
// bias; every weight 0). The steadying tests move p across a threshold from one version to the next.
import type { ModelSnapshot } from '../api.ts';
import { Network, type ModelSpec } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';

export function notDigitAt(spec: ModelSpec, p: number, version: number): ModelSnapshot {
  const n = new Network(spec, defaultOptimizer, 5);
  for (const q of n.params) q.value.fill(0);
  const bias = n.params[n.params.length - 1].value;
  bias.fill(-30);
  bias[1] = 0;
  bias[10] = Math.log(p / (1 - p));
  return { version, spec, values: n.params.map((q) => q.value.slice()) };
}
