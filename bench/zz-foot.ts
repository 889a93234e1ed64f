// scratch: a foot only to one side of the stem (an L), for 1s
import { readFileSync } from 'node:fs';
import { readUnipen } from '../scripts/unipen-node.ts';
import { boxOf } from '../worker/number/geometry.ts';
type P = { x: number; y: number };
function evenly(s: readonly P[], step: number): P[] {
  const out: P[] = s.length > 0 ? [s[0]] : []; let since = 0;
  for (let i = 1; i < s.length; i++) { const a = s[i - 1], b = s[i], d = Math.hypot(b.x - a.x, b.y - a.y); let t = step - since;
    for (; t <= d; t += step) out.push({ x: a.x + ((b.x - a.x) * t) / d, y: a.y + ((b.y - a.y) * t) / d }); since = d - (t - step); }
  return out;
}
// ink in the bottom 15 % of the height: its extent left and right of the stem, over the height.
// stem x: median x of the ink in the middle band (30–70 % of the height)
function foot(strokes: P[][]) {
  const ink = boxOf(strokes.flat()); const w = ink.x1 - ink.x0, h = ink.y1 - ink.y0; const step = Math.max(w, h) / 50;
  const pts = strokes.flatMap((s) => evenly(s, step));
  const mid = pts.filter((p) => p.y > ink.y0 + 0.3 * h && p.y < ink.y0 + 0.7 * h).map((p) => p.x).sort((a, b) => a - b);
  if (!mid.length) return { l: 0, r: 0 };
  const stem = mid[mid.length >> 1];
  const low = pts.filter((p) => p.y > ink.y1 - 0.15 * h);
  const l = Math.max(0, ...low.map((p) => stem - p.x)) / h, r = Math.max(0, ...low.map((p) => p.x - stem)) / h;
  return { l, r };
}
const f = (o: { l: number; r: number }) => `${o.l.toFixed(2)}/${o.r.toFixed(2)}`;
const u = readUnipen()!;
const ones = u.filter((s) => s.label === 1).map((s) => foot(s.strokes.map((l) => l.map(([x, y]) => ({ x, y })))));
console.log('UNIPEN 1s r sorted top:', ones.map((o) => o.r).sort((a, b) => b - a).slice(0, 10).map((x) => x.toFixed(2)).join(' '));
console.log('UNIPEN 1s with r>0.25:', ones.filter((o) => o.r > 0.25).map(f).join(' '));
console.log('UNIPEN 1s l sorted top:', ones.map((o) => o.l).sort((a, b) => b - a).slice(0, 10).map((x) => x.toFixed(2)).join(' '));
const hd = JSON.parse(readFileSync('worker/notdigit/fixtures/hand-drawn.json', 'utf8')).samples as { set: string; char: string; strokes: [number, number][][] }[];
for (const ch of ['L', 'J', 'l', 'I', '1']) console.log(ch, hd.filter((s) => s.char === ch).map((s) => `${s.set.slice(0, 10)}:${f(foot(s.strokes.map((l) => l.map(([x, y]) => ({ x, y })))))}`).join(' '));
const ow = JSON.parse(readFileSync('e2e/fixtures/other-writer.json', 'utf8')).samples as { name: string; strokes: [number, number][][] }[];
console.log('other:', ow.filter((s) => /^(L|d1|J|l_|I)/.test(s.name)).map((s) => `${s.name}:${f(foot(s.strokes.map((l) => l.map(([x, y]) => ({ x, y })))))}`).join(' '));
