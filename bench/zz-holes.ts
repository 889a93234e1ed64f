// scratch: holes (enclosed background regions) in 28×28 inputs, per UNIPEN digit and per hand-drawn glyph read as 8
import { readUnipen } from '../scripts/unipen-node.ts';
import { handDrawnSet, unipenSet } from './not-sure-sets.ts';
const T = Number(process.env.T ?? 0.25), MIN = Number(process.env.MIN ?? 2);
export function holes(x: Float32Array): number[] {
  const seen = new Uint8Array(784); const sizes: number[] = [];
  for (let s = 0; s < 784; s++) {
    if (seen[s] || x[s] > T) continue;
    let size = 0, border = false; const q = [s]; seen[s] = 1;
    while (q.length) { const p = q.pop()!; size++; const r = (p / 28) | 0, c = p % 28; if (r === 0 || c === 0 || r === 27 || c === 27) border = true;
      for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) { const rr = r + dr, cc = c + dc; if (rr < 0 || cc < 0 || rr > 27 || cc > 27) continue; const n = rr * 28 + cc; if (!seen[n] && x[n] <= T) { seen[n] = 1; q.push(n); } } }
    if (!border && size >= MIN) sizes.push(size);
  }
  return sizes;
}
const u = unipenSet(readUnipen()!);
const count = new Map<number, number[]>();
u.inputs.forEach((x, i) => { const l = u.labels![i]; const c = count.get(l) ?? [0, 0, 0, 0]; c[Math.min(3, holes(x).length)]++; count.set(l, c); });
for (const [l, c] of [...count].sort()) console.log(`UNIPEN ${l}: holes 0/1/2/3+ = ${c.join('/')}`);
const h = handDrawnSet(false);
const want = new Set(['e', 't', 'E', 'F', 'J', 'V', 'X', '%', '&', '?', 'D', 'p']);
console.log(h.inputs.map((x, i) => [h.names[i].split(' ')[1], holes(x).length] as const).filter(([c]) => want.has(c)).map(([c, n]) => `${c}:${n}`).join(' '));
