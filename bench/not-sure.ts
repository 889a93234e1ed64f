// "Not sure — doesn't look like a digit" (issue #12): trains the app's default model as it is
// (10 digits) and with an 11th "not a digit" output learnt from generated non-digits, then
// compares ways to flag non-digits side by side:
//   (a) a threshold on the plain model's max probability, entropy or energy,
//   (b) the 11th output alone (p > 0.5),
//   (c) both: the 11th output, or the top digit's probability below a threshold,
// and the app's rule (worker/notdigit/verdict.ts DEFAULT_RULE). Thresholds are calibrated on
// MNIST test digits (they flag --calibrate of them), never on the sets reported.
// Usage: npm run bench:not-sure -- [--epochs N] [--seed N] [--mixes F:G[:M],…] [--count N]
//          [--calibrate 0.005] [--backend auto|wasm|ts]
//   --mixes: one 11-class model per F:G — F of each batch generated non-digits, G generated
//   digits (default: the app's, from worker/train/presets.ts); M 0 or 1 turns the mixer's hard
//   example mining off or on (default: the app's).
// The last line printed is one JSON object with the figures.
import { parseArgs } from 'node:util';
import { loadKernels } from '../worker/nn/backend.ts';
import { Rng } from '../worker/nn/rng.ts';
import { NonDigitMixer } from '../worker/notdigit/mixer.ts';
import { NOT_A_DIGIT_MIX, withNotADigit } from '../worker/notdigit/preset.ts';
import { DEFAULT_RULE, verdict } from '../worker/notdigit/verdict.ts';
import { preset, type Preset } from '../worker/train/presets.ts';
import { readMnist } from '../scripts/mnist-node.ts';
import { readUnipen, UNIPEN_PATH } from '../scripts/unipen-node.ts';
import { digitAccuracy, flaggedBy, flaggedByRule, mnistInputs, score, thresholdFor, values, type ScoreName, type Scored } from './not-sure-score.ts';
import { generatedDigits, generatedSet, handDrawnSet, unipenSet, type InputSet } from './not-sure-sets.ts';
import { OursRun } from './ours.ts';

const { values: opt } = parseArgs({
  options: {
    epochs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    mixes: { type: 'string' },
    count: { type: 'string', default: '2000' },
    calibrate: { type: 'string', default: '0.005' },
    backend: { type: 'string', default: 'auto' },
  },
});
const seed = Number(opt.seed), count = Number(opt.count), calib = Number(opt.calibrate);
const mixes = (opt.mixes ?? `${NOT_A_DIGIT_MIX.fraction}:${NOT_A_DIGIT_MIX.digits ?? 0}`).split(',').map((m) => m.split(':').map(Number) as [number, number, number?]);
const unipen = readUnipen();
if (!unipen) throw new Error(`no ${UNIPEN_PATH}: the bench needs the UNIPEN dev digits`);

const kernels = await loadKernels({ backend: (opt.backend === 'ts' ? 'typescript' : opt.backend) as 'auto' });
const data = readMnist();

// --- the sets ---
const t0 = performance.now();
const mnist = mnistInputs(data.test);
const sets: Record<string, InputSet> = {
  unipen: unipenSet(unipen),
  genDigits: generatedDigits(1000, 77),
  genTrain: generatedSet('generated, training styles', 'train', count, 1001),
  genHeldOut: generatedSet('generated, held-out styles', 'test', count, 2002),
  handDrawn: handDrawnSet(false),
  genAmbiguous: generatedSet('generated ambiguous letters', 'ambiguous', 500, 3003),
  handAmbiguous: handDrawnSet(true),
};
console.log(`sets painted in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` + Object.values(sets).map((s) => `${s.name} ${s.inputs.length}`).join(', '));

// --- what the generator costs a training batch ---
{
  const p = preset('default'), mixer = new NonDigitMixer({ fraction: 0.1, classIndex: 10 }, new Rng(9));
  const x = new Float32Array(p.batchSize * 784), y = new Uint8Array(p.batchSize);
  for (let i = 0; i < 50; i++) mixer.mix(x, y, p.batchSize);
  const c0 = performance.now();
  for (let i = 0; i < 300; i++) mixer.mix(x, y, p.batchSize);
  const ms = (performance.now() - c0) / 300;
  console.log(`mixer: ${ms.toFixed(2)} ms per batch of ${p.batchSize} (${(ms / 2).toFixed(2)} ms per generated drawing, 2 fresh per batch)`);
}

function train(p: Preset, label: string): { scored: Record<string, Scored>; mnist: Scored; seconds: number } {
  if (opt.epochs) {
    p.epochs = Number(opt.epochs);
    p.optimizer.totalSteps = Math.ceil(60000 / p.batchSize) * p.epochs;
  }
  const run = new OursRun(p, seed, kernels, data);
  run.trainUntil(Infinity);
  const model = run.trainer.model;
  const scored = Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, score(model, s.inputs, s.pens)]));
  console.log(`trained ${label}: ${p.epochs} epochs, ${run.trainSeconds.toFixed(1)} s`);
  return { scored, mnist: score(model, mnist.inputs), seconds: run.trainSeconds };
}

interface Row {
  method: string;
  threshold: string;
  mnistAcc: number;
  mnistFlagged: number;
  unipenAcc: number;
  unipenFlagged: number;
  genDigitsFlagged: number;
  genTrain: number;
  genHeldOut: number;
  handDrawn: number;
  genAmbiguous: number;
  handAmbiguous: number;
}
const rows: Row[] = [];

function addRow(method: string, threshold: string, m: { scored: Record<string, Scored>; mnist: Scored }, flagged: (s: Scored) => number): Row {
  const r: Row = {
    method, threshold,
    mnistAcc: digitAccuracy(m.mnist, mnist.labels),
    mnistFlagged: flagged(m.mnist),
    unipenAcc: digitAccuracy(m.scored.unipen, sets.unipen.labels!),
    unipenFlagged: flagged(m.scored.unipen),
    genDigitsFlagged: flagged(m.scored.genDigits),
    genTrain: flagged(m.scored.genTrain),
    genHeldOut: flagged(m.scored.genHeldOut),
    handDrawn: flagged(m.scored.handDrawn),
    genAmbiguous: flagged(m.scored.genAmbiguous),
    handAmbiguous: flagged(m.scored.handAmbiguous),
  };
  rows.push(r);
  return r;
}

/** A threshold on one score, calibrated to flag `calib` of MNIST test digits. */
function thresholdRow(method: string, m: { scored: Record<string, Scored>; mnist: Scored }, name: ScoreName): void {
  const t = thresholdFor(values(m.mnist, name), calib);
  addRow(method, `${name} > ${t.toFixed(3)}`, m, (s) => flaggedBy(values(s, name), t));
}

/**
 * p(not a digit) > t1, or the renormalised top digit below t2: t1 flags half the calibration
 * share of MNIST digits, t2 the other half.
 */
function bothRow(method: string, m: { scored: Record<string, Scored>; mnist: Scored }): void {
  const t1 = thresholdFor(values(m.mnist, 'pNotDigit'), calib / 2);
  const top = (p: Float32Array) => verdict(p).topProbability;
  const rest = m.mnist.probs.filter((p) => p[10] <= t1).map(top).sort((a, b) => a - b);
  const need = Math.max(0, Math.round(calib * m.mnist.probs.length) - (m.mnist.probs.length - rest.length));
  const t2 = need > 0 ? rest[need - 1] : 0;
  addRow(method, `p10 > ${t1.toFixed(3)} or top < ${t2.toFixed(3)}`, m, (s) => flaggedByRule(s, { notDigitAbove: t1, digitBelow: t2 }));
}

const plain = train(preset('default'), 'plain 10-class');
for (const name of ['maxProb', 'entropy', 'energy'] as const) thresholdRow(`(a) plain, ${name}`, plain, name);
addRow('(a) plain, app rule', `top < ${DEFAULT_RULE.digitBelow}`, plain, (s) => flaggedByRule(s, DEFAULT_RULE));

let chosen: Row | null = null;
const withNonDigits: Record<string, { scored: Record<string, Scored>; mnist: Scored }> = {};
for (const [f, g, mine] of mixes) {
  const mining = mine === undefined ? NOT_A_DIGIT_MIX.mining : mine === 1;
  const p = withNotADigit(preset('default'), { ...NOT_A_DIGIT_MIX, fraction: f, digits: g, mining });
  const key = `f=${f} g=${g}${mining ? ' mined' : ''}`;
  const m = train(p, `11-class, ${f} non-digits and ${g} generated digits per batch`);
  withNonDigits[key] = m;
  addRow(`(b) 11-class ${key}, p(not digit)`, 'p10 > 0.5', m, (s) => flaggedBy(values(s, 'pNotDigit'), 0.5));
  thresholdRow(`    11-class ${key}, maxProb only`, m, 'maxProb');
  bothRow(`(c) 11-class ${key}, both`, m);
  const app = addRow(`    11-class ${key}, app rule`, `p10 > ${DEFAULT_RULE.notDigitAbove} or top < ${DEFAULT_RULE.digitBelow}, strokes, shape`, m, (s) => flaggedByRule(s, DEFAULT_RULE));
  addRow(`    11-class ${key}, no stroke or shape tests`, `p10 > ${DEFAULT_RULE.notDigitAbove} or top < ${DEFAULT_RULE.digitBelow}`, m, (s) => flaggedByRule({ ...s, pens: undefined, inputs: undefined }, DEFAULT_RULE));
  const u = m.scored.unipen, as = (n: number) => (100 * flaggedByRule({ ...u, pens: u.pens!.map((pen) => ({ ...pen, strokes: n })) }, DEFAULT_RULE)).toFixed(1);
  console.log(`  UNIPEN digits flagged by the app rule as if every one took three / four strokes: ${as(3)} / ${as(4)}%`);
  chosen ??= app;
}

// --- the table ---
const pct = (v: number) => `${(100 * v).toFixed(1)}`.padStart(5);
console.log(`\nflagged = share called "not a digit" (%); acc = top digit right (%); thresholds calibrated to flag ${100 * calib}% of MNIST test`);
console.log('method                               rule                           MNIST acc/flag  UNIPEN acc/flag  gen-digits  gen-train  gen-held-out  hand-drawn  ambig gen/hand');
for (const r of rows) {
  console.log(
    `${r.method.padEnd(36)} ${r.threshold.padEnd(31)}${pct(r.mnistAcc)} /${pct(r.mnistFlagged)}   ${pct(r.unipenAcc)} /${pct(r.unipenFlagged)}   ${pct(r.genDigitsFlagged)}      ${pct(r.genTrain)}      ${pct(r.genHeldOut)}       ${pct(r.handDrawn)}     ${pct(r.genAmbiguous)} /${pct(r.handAmbiguous)}`,
  );
}

// --- the rule's two thresholds: what each pair flags (UNIPEN digits / hand-drawn / held-out) ---
for (const [key, m] of Object.entries(withNonDigits)) {
  console.log(`\nrule grid, 11-class ${key}: UNIPEN flagged / hand-drawn flagged / held-out flagged (%); top = renormalised top digit`);
  const t2s = [0, 0.3, 0.4, 0.5];
  console.log('p10 >   ' + t2s.map((t) => `top < ${t}`.padEnd(19)).join(''));
  for (const t1 of [0.5, 0.7, 0.8, 0.85, 0.9, 0.95]) {
    const cells = t2s.map((t2) => {
      const rule = { notDigitAbove: t1, digitBelow: t2 };
      return `${pct(flaggedByRule(m.scored.unipen, rule))}/${pct(flaggedByRule(m.scored.handDrawn, rule))}/${pct(flaggedByRule(m.scored.genHeldOut, rule))}`.padEnd(19);
    });
    console.log(`${String(t1).padEnd(8)}${cells.join('')}`);
  }
}

// --- where the first 11-class model with the app rule misses ---
function breakdown(setKey: string, m: { scored: Record<string, Scored> }, part?: 0 | 1): string {
  const by = new Map<string, [number, number]>();
  const s = m.scored[setKey];
  sets[setKey].names.forEach((n, i) => {
    const key = part === undefined ? n : n.split(' ')[part];
    const [hit, all] = by.get(key) ?? [0, 0];
    by.set(key, [hit + Number(flaggedByRule({ ...s, probs: [s.probs[i]], logits: [s.logits[i]], pens: s.pens && [s.pens[i]], inputs: s.inputs && [s.inputs[i]] }, DEFAULT_RULE) > 0), all + 1]);
  });
  return [...by].sort((a, b) => a[1][0] / a[1][1] - b[1][0] / b[1][1]).slice(0, 20).map(([k, [h, a]]) => `${k} ${h}/${a}`).join(', ');
}
const firstKey = Object.keys(withNonDigits)[0], first = withNonDigits[firstKey];
console.log(`\nleast flagged, 11-class ${firstKey} with the app rule:`);
for (const k of ['genHeldOut', 'genAmbiguous']) console.log(`  ${sets[k].name}: ${breakdown(k, first)}`);
console.log(`  ${sets.handDrawn.name}, by font: ${breakdown('handDrawn', first, 0)}`);
console.log(`  ${sets.handDrawn.name}, by character (all fonts): ${breakdown('handDrawn', first, 1)}`);
const unipenFlags = sets.unipen.labels!.map((l, i) => ({ l, i, p: first.scored.unipen.probs[i] })).filter((u) => flaggedByRule({ classes: 11, probs: [u.p], logits: [], pens: [sets.unipen.pens[u.i]], inputs: [sets.unipen.inputs[u.i]] }, DEFAULT_RULE) > 0);
console.log(`  UNIPEN digits flagged, by label: ${unipenFlags.map((u) => u.l).sort().join(' ') || 'none'}`);

const r4 = (v: number) => Number(v.toFixed(4));
console.log(JSON.stringify({
  seed, epochs: opt.epochs ? Number(opt.epochs) : preset('default').epochs, calibrate: calib, rule: DEFAULT_RULE,
  rows: rows.map((r) => ({ ...r, mnistAcc: r4(r.mnistAcc), mnistFlagged: r4(r.mnistFlagged), unipenAcc: r4(r.unipenAcc), unipenFlagged: r4(r.unipenFlagged), genDigitsFlagged: r4(r.genDigitsFlagged), genTrain: r4(r.genTrain), genHeldOut: r4(r.genHeldOut), handDrawn: r4(r.handDrawn), genAmbiguous: r4(r.genAmbiguous), handAmbiguous: r4(r.handAmbiguous) })),
  chosen: chosen && { method: chosen.method, mnistAcc: r4(chosen.mnistAcc), unipenAcc: r4(chosen.unipenAcc), unipenFlagged: r4(chosen.unipenFlagged), genHeldOut: r4(chosen.genHeldOut), handDrawn: r4(chosen.handDrawn) },
}));
