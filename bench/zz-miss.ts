// scratch: which drawings a dumped CNN misjudges under the app's whole pen-up rule
import { readFileSync } from 'node:fs';
import { loadKernels } from '../worker/nn/backend.ts';
import { deserialize } from '../worker/nn/serialize.ts';
import { CONV_RULE, verdict } from '../worker/notdigit/verdict.ts';
import { closerLook } from '../worker/infer/closer-look.ts';
import { padInput } from '../worker/notdigit/render.ts';
import { penOf, type Pen } from '../worker/notdigit/pen.ts';
import { readUnipen } from '../scripts/unipen-node.ts';
import { handDrawnSet, unipenSet, TEST_SCALE, type InputSet } from './not-sure-sets.ts';
const kernels = await loadKernels({ backend: 'auto' });
const files = process.argv.slice(2);
const u = unipenSet(readUnipen()!), hand = handDrawnSet(false);
const ow = JSON.parse(readFileSync('e2e/fixtures/other-writer.json', 'utf8')) as { samples: { name: string; group: string; label: string; strokes: [number, number][][] }[] };
const other: InputSet = { name: 'other', inputs: [], labels: null, names: [], pens: [] as Pen[] };
const otherDigits: InputSet = { name: 'otherDigits', inputs: [], labels: [], names: [], pens: [] as Pen[] };
for (const s of ow.samples) {
  if (s.group === 'ambiguous') continue;
  const strokes = s.strokes.map((l) => l.map(([x, y]) => ({ x, y })));
  const set = s.group === 'digit' ? otherDigits : other;
  set.inputs.push(padInput(strokes, TEST_SCALE)!); set.names.push(s.name); set.pens.push(penOf(strokes));
  if (s.group === 'digit') set.labels!.push(Number(s.label));
}
for (const f of files) {
  const net = deserialize(new Uint8Array(readFileSync(f)), kernels).net;
  const judge = (s: InputSet) => s.inputs.map((x, i) => verdict(closerLook(net, x, true).probabilities, CONV_RULE, s.pens[i], true, null, x));
  const U = judge(u), H = judge(hand), O = judge(other), D = judge(otherDigits);
  const uFlag = U.map((v, i) => v.notADigit ? `${u.labels![i]}#${i}(${v.reason})` : null).filter(Boolean);
  const uWrong = U.map((v, i) => !v.notADigit && v.top !== u.labels![i] ? `${u.labels![i]}→${v.top}#${i}` : null).filter(Boolean);
  const hMiss = H.map((v, i) => v.notADigit ? null : `${hand.names[i].split(' ')[1]}→${v.top}`).filter(Boolean) as string[];
  const oMiss = O.map((v, i) => v.notADigit ? null : `${other.names[i]}→${v.top}`).filter(Boolean);
  const dBad = D.map((v, i) => v.notADigit || v.top !== otherDigits.labels![i] ? `${otherDigits.names[i]}→${v.notADigit ? 'ns' : v.top}` : null).filter(Boolean);
  console.log(`\n== ${f}\nUNIPEN flagged ${uFlag.length}/${U.length}: ${uFlag.join(' ')}\nUNIPEN wrong ${uWrong.length}: ${uWrong.join(' ')}`);
  console.log(`hand flagged ${H.length - hMiss.length}/${H.length} = ${(100 * (1 - hMiss.length / H.length)).toFixed(1)}%`);
  const byDigit = new Map<string, string[]>();
  for (const m of hMiss) { const [c, d] = m.split('→'); byDigit.set(d, [...(byDigit.get(d) ?? []), c]); }
  for (const [d, cs] of [...byDigit].sort()) console.log(`  read ${d} (${cs.length}): ${cs.sort().join(' ')}`);
  console.log(`other flagged ${O.length - oMiss.length}/${O.length}: missed ${oMiss.join(' ')}\nother digits bad: ${dBad.join(' ') || 'none'}`);
}
