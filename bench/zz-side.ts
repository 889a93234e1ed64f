// scratch: straight upright sub-strokes at the sides, for 0s vs Ds
import { readFileSync } from 'node:fs';
import { readUnipen } from '../scripts/unipen-node.ts';
import { boxOf } from '../worker/number/geometry.ts';
type P = { x: number; y: number };
function evenly(s: readonly P[], step: number): P[] {
  const out: P[] = s.length > 0 ? [s[0]] : [];
  let since = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1], b = s[i], d = Math.hypot(b.x - a.x, b.y - a.y);
    let t = step - since;
    for (; t <= d; t += step) out.push({ x: a.x + ((b.x - a.x) * t) / d, y: a.y + ((b.y - a.y) * t) / d });
    since = d - (t - step);
  }
  return out;
}
const TOL = Number(process.env.TOL ?? 0.06), LEAN = Math.tan((Number(process.env.LEAN ?? 20) * Math.PI) / 180);
export function sides(strokes: P[][]): { left: number; right: number } {
  const ink = boxOf(strokes.flat()); const w = ink.x1 - ink.x0, h = ink.y1 - ink.y0;
  const r = { left: 0, right: 0 };
  if (!(w > 0 && h > 0)) return r;
  const step = Math.max(w, h) / 50;
  for (const s of strokes) {
    const p = evenly(s, step);
    for (let i = 0; i < p.length; i++) for (let j = i + 5; j < p.length; j++) {
      const a = p[i], b = p[j], dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy);
      if (Math.abs(dx) > LEAN * Math.abs(dy)) continue;
      let ok = true;
      for (let k = i + 1; k < j && ok; k++) {
        const px = p[k].x - a.x, py = p[k].y - a.y;
        const across = Math.abs(dx * py - dy * px) / len, along = (dx * px + dy * py) / (len * len);
        if (across > TOL * len || along < -0.05 || along > 1.05) ok = false;
      }
      if (!ok) continue;
      const span = Math.abs(dy) / h, mid = ((a.x + b.x) / 2 - ink.x0) / w;
      if (mid < 0.2) r.left = Math.max(r.left, span);
      if (mid > 0.8) r.right = Math.max(r.right, span);
    }
  }
  return r;
}
const fmt = (r: { left: number; right: number }) => `${r.left.toFixed(2)}/${r.right.toFixed(2)}`;
const u = readUnipen()!;
const by = new Map<number, string[]>();
for (const s of u) { const r = sides(s.strokes.map((l) => l.map(([x, y]) => ({ x, y })))); const one = Math.max(r.left, r.right) >= 0.6 && Math.min(r.left, r.right) < 0.6; if (one) by.set(s.label, [...(by.get(s.label) ?? []), fmt(r)]); }
console.log('UNIPEN with one straight side ≥0.6 (by label):', [...by].map(([l, v]) => `${l}:${v.length}`).join(' '));
console.log('UNIPEN 0s:', u.filter((s) => s.label === 0).map((s) => fmt(sides(s.strokes.map((l) => l.map(([x, y]) => ({ x, y })))))).join(' '));
const hd = JSON.parse(readFileSync('worker/notdigit/fixtures/hand-drawn.json', 'utf8')).samples as { set: string; char: string; strokes: [number, number][][] }[];
for (const ch of ['D', 'b', 'P', 'B', 'p', 'd', 'q']) console.log(ch, hd.filter((s) => s.char === ch).map((s) => `${s.set.slice(0, 10)}:${fmt(sides(s.strokes.map((l) => l.map(([x, y]) => ({ x, y })))))}`).join(' '));
const ow = JSON.parse(readFileSync('e2e/fixtures/other-writer.json', 'utf8')).samples as { name: string; strokes: [number, number][][] }[];
console.log('other:', ow.filter((s) => /^(D|0|b|d|P|B)/.test(s.name)).map((s) => `${s.name}:${fmt(sides(s.strokes.map((l) => l.map(([x, y]) => ({ x, y })))))}`).join(' '));
