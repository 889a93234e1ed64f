// Builds worker/notdigit/fixtures/hand-drawn.json: non-digit test drawings made with a method that
// shares nothing with the training generator (worker/notdigit/): glyph shapes designed by other
// people (the Hershey fonts, 1967, and the EMS single-line fonts — letters, Greek, kana,
// symbols, map and weather markers), written by a simulated pen instead of a template writer:
// a mass-spring-damper pen chasing a target that runs along the glyph's path (corners are
// rounded or overshot by the pen's own dynamics), with tremor and its own slant, stretch and
// rotation. Run once; the JSON is committed (see fixtures/NOTICE.md):
//
//   (cd /tmp && npm pack hersheytext@2.0.0 && tar xzf hersheytext-2.0.0.tgz)
//   node --import tsx scripts/hand-drawn-fixture.ts /tmp/package
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../worker/nn/rng.ts';

type Poly = [number, number][];
interface Glyph { set: string; char: string; strokes: Poly[]; ambiguous: boolean }

const dir = process.argv[2];
if (!dir) throw new Error('usage: hand-drawn-fixture.ts <unpacked hersheytext package>');

/**
 * Letters that are digits in all but name (as worker/notdigit/letters.ts), plus i and j (a 1
 * with a dot) and brackets and braces, which several of these fonts draw as a curved 1.
 */
const AMBIGUOUS = new Set([...'OoIlSsZzBbGgqyaij[]{}']);
/** Latin letters and the symbols that are not digit-like (no / | ( ) \ . , ' `). */
const LATIN = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%&*+<=>?@[]{}~!-:'];

/** "M x,y L x,y x,y …" (SVG path, lines only) → polylines. */
function parsePath(d: string, flipY: boolean): Poly[] {
  const out: Poly[] = [];
  const tokens = d.match(/[ML]|-?[\d.]+(?:e-?\d+)?/g) ?? [];
  let cmd = '';
  for (let i = 0; i < tokens.length; ) {
    if (tokens[i] === 'M' || tokens[i] === 'L') cmd = tokens[i++];
    const x = Number(tokens[i++]), y = Number(tokens[i++]) * (flipY ? -1 : 1);
    if (cmd === 'M') out.push([[x, y]]);
    else out[out.length - 1].push([x, y]);
  }
  return out.filter((s) => s.length > 0);
}

const glyphs: Glyph[] = [];
const hershey = JSON.parse(readFileSync(join(dir, 'hersheytext.json'), 'utf8')) as Record<string, { chars: { d: string }[] }>;
const add = (set: string, char: string, d: string | undefined, flipY: boolean, ambiguous: boolean) => {
  if (!d) return;
  const strokes = parsePath(d, flipY);
  if (strokes.length) glyphs.push({ set, char, strokes, ambiguous });
};
for (const font of ['futural', 'scripts', 'cursive']) {
  for (const c of LATIN) add(`hershey-${font}`, c, hershey[font].chars[c.charCodeAt(0) - 33]?.d, false, AMBIGUOUS.has(c));
}
/**
 * Glyphs of the symbol fonts kept after looking at every one (the fonts map them to ASCII
 * positions). Left out: the fonts' own Latin letters and digits, and everything a person would
 * take for a digit once written: circles and teardrops (0), upright or slanted bars, brackets and
 * arcs (1), a comma-like 9, δ and σ (6), ϑ and ρ (9), Β, Ζ, Ο, Ι, §, ∫, ♋ (69), ♃ (4), kana
 * that are a 7 (フ ワ ク ア ヲ ラ), a 3 (ろ る ヨ), a 1 (ノ イ リ り) or a 5 (ち ら う).
 */
const KEEP: Record<string, string> = {
  greek: 'ACDEFGHJKLMNPRSTUWXYcefghjklmnptuvwxy',
  symbolic: '!%+/2368:9<=>ACDEFGILMNOPQRSTUVWXYZ[]^_`abcdefghjklmnopuxyz{|~\x7f',
  meteorology: '"#$%&()*+-:;?@[]_`|\x7f',
  astrology: "!$%&'+-/:;<=>?@[]_`{|}~\x7f",
  music: "'(*+,./:;<=>?@_~",
};
for (const [font, keep] of Object.entries(KEEP)) {
  for (const c of keep) add(`hershey-${font}`, c, hershey[font].chars[c.charCodeAt(0) - 33]?.d, false, false);
}
const KANA_DROP = new Set([0, 26, 27, 28, 29, 30, 31, 34, 48, 49, 50, 56, 72, 73, 74, 76, 79, 83, 84, 85, 86, 112, 113, 119, 136, 139, 142, 148, 151, 152, 153, 157, 161, 163, 164, 165, 166]);
hershey.japanese.chars.forEach((ch, i) => !KANA_DROP.has(i) && i % 3 === 0 && add('hershey-japanese', String(i), ch.d, false, false));
for (const [font, file] of [['ems-allure', 'EMSAllure.svg'], ['ems-felix', 'EMSFelix.svg'], ['ems-elfin', 'EMSElfin.svg'], ['ems-nixish', 'EMSNixish.svg'], ['ems-tech', 'EMSTech.svg']]) {
  const svg = readFileSync(join(dir, 'svg_fonts', file), 'utf8');
  for (const m of svg.matchAll(/<glyph unicode="([^"]+)"[^>]*?\sd="([^"]*)"/g)) {
    const c = m[1].replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(parseInt(h, 16))).replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>');
    if (LATIN.includes(c)) add(font, c, m[2], true, AMBIGUOUS.has(c));
  }
}

const rng = new Rng(20250101);
const between = (a: number, b: number) => a + (b - a) * rng.next();

/** The glyph written by a simulated pen, on a pad of side 1. */
function penWrite(g: Glyph): Poly[] {
  const pts = g.strokes.flat();
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs), y0 = Math.min(...ys), size = Math.max(Math.max(...xs) - x0, Math.max(...ys) - y0, 1e-9);
  const omega = between(25, 60), zeta = between(0.45, 1), speed = between(1.2, 3), tremor = between(0, 8), dt = 0.004;
  const slant = between(-0.3, 0.3), aspect = Math.exp(between(-0.25, 0.25)), rot = between(-0.15, 0.15);
  const out: Poly[] = [];
  for (const s of g.strokes) {
    const path = s.map(([x, y]): [number, number] => [(x - x0) / size, (y - y0) / size]);
    let px = path[0][0], py = path[0][1], vx = 0, vy = 0, seg = 0, along = 0;
    const line: Poly = [[px, py]];
    for (let step = 0, settle = 0; settle < 30 && step < 20000; step++) {
      // The target runs along the path at constant speed, then waits at its end.
      let move = speed * dt;
      while (seg < path.length - 1 && move > 0) {
        const [ax, ay] = path[seg], [bx, by] = path[seg + 1];
        const len = Math.hypot(bx - ax, by - ay), left = len - along;
        if (move < left) (along += move), (move = 0);
        else (move -= left), seg++, (along = 0);
      }
      const [ax, ay] = path[seg], [bx, by] = path[Math.min(seg + 1, path.length - 1)];
      const len = Math.hypot(bx - ax, by - ay) || 1, t = along / len;
      const tx = ax + (bx - ax) * t, ty = ay + (by - ay) * t;
      vx += (omega * omega * (tx - px) - 2 * zeta * omega * vx + tremor * rng.normal()) * dt;
      vy += (omega * omega * (ty - py) - 2 * zeta * omega * vy + tremor * rng.normal()) * dt;
      px += vx * dt;
      py += vy * dt;
      // A pointer reports a point every few pixels of movement.
      const [lx, ly] = line[line.length - 1];
      if (Math.hypot(px - lx, py - ly) >= 0.03) line.push([px, py]);
      if (seg >= path.length - 1) settle++;
    }
    line.push([px, py]);
    out.push(line);
  }
  // Writer's slant, stretch and rotation, then a size and place on the pad.
  const shaped = out.map((l) => l.map(([x, y]): [number, number] => {
    const sx = (x - 0.5 + slant * (0.5 - y)) * aspect, sy = y - 0.5;
    return [Math.cos(rot) * sx - Math.sin(rot) * sy, Math.sin(rot) * sx + Math.cos(rot) * sy];
  }));
  const all = shaped.flat();
  const bx0 = Math.min(...all.map((p) => p[0])), by0 = Math.min(...all.map((p) => p[1]));
  const w = Math.max(...all.map((p) => p[0])) - bx0, h = Math.max(...all.map((p) => p[1])) - by0;
  const k = between(0.4, 0.85) / Math.max(w, h, 1e-9);
  const ox = between(0.05, 0.95 - w * k), oy = between(0.05, 0.95 - h * k);
  return shaped.map((l) => l.map(([x, y]): [number, number] => [Number((ox + (x - bx0) * k).toFixed(3)), Number((oy + (y - by0) * k).toFixed(3))]));
}

const kept = glyphs;
// About 450 non-digits and 100 ambiguous letters, spread over the sets.
const nonDigits = kept.filter((g) => !g.ambiguous), ambiguous = kept.filter((g) => g.ambiguous);
const pickSome = (list: Glyph[], n: number) => list.filter(() => rng.next() < n / list.length);
const samples = [...pickSome(nonDigits, 450), ...pickSome(ambiguous, 100)].map((g) => ({
  set: g.set, char: g.char, ambiguous: g.ambiguous, strokes: penWrite(g),
}));
const meta = {
  method: 'glyph paths from the Hershey fonts (hersheytext 2.0.0 JSON) and the EMS single-line SVG fonts, written by a simulated mass-spring-damper pen with tremor, slant, stretch and rotation (scripts/hand-drawn-fixture.ts)',
  coordinates: 'pad fractions of a square pad: (0, 0) top left, (1, 1) bottom right',
  count: samples.length,
  nonDigits: samples.filter((s) => !s.ambiguous).length,
};
writeFileSync(new URL('../worker/notdigit/fixtures/hand-drawn.json', import.meta.url), JSON.stringify({ meta, samples }) + '\n');
console.log(`${samples.length} drawings (${meta.nonDigits} non-digits) from ${glyphs.length} glyphs`);
