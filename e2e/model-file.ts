// A model file edited in a test, sealed again as serialize.ts lays it out: "DPNN" | version |
// header length | header JSON | pad to 4 | float32 tensors | FNV-1a of everything before it.
import { fnv1a } from '../worker/checksum.ts';

/**
 * `file` with its header changed by `edit`, and with `nudge` its first weight's last bit flipped:
 * another network, one the shelf does not hold.
 */
export function editedModel(file: Buffer, edit: (header: Record<string, any>) => void = () => {}, nudge = false): Buffer {
  const len = file.readUInt32LE(8);
  const header = JSON.parse(file.subarray(12, 12 + len).toString());
  edit(header);
  const json = Buffer.from(JSON.stringify(header));
  const tensors = file.subarray((12 + len + 3) & ~3, file.length - 4);
  const at = (12 + json.length + 3) & ~3;
  const out = Buffer.alloc(at + tensors.length + 4);
  file.copy(out, 0, 0, 8);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  tensors.copy(out, at);
  if (nudge) out[at] ^= 1;
  out.writeUInt32LE(fnv1a(out.subarray(0, out.length - 4)), out.length - 4);
  return out;
}
