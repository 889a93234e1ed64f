// The inference worker's copy of the answering model. A snapshot goes out when the weights'
// version changes or when the person's pen habits do (a correction, a deletion), never twice
// for the same pair.
import type { ModelSnapshot } from '../api.ts';
import type { Network } from '../nn/network.ts';
import type { PenHabits } from '../notdigit/habits.ts';

export type SendSnapshot = (s: ModelSnapshot, transfer: Transferable[]) => void;

export class Snapshots {
  #send: SendSnapshot | null = null;
  #version = -1;
  #habitsVersion = -1;

  /** Snapshots go to `send` from now on; the next publish sends whatever there is. */
  connect(send: SendSnapshot): void {
    this.#send = send;
    this.#version = this.#habitsVersion = -1;
  }

  /** Sends `net`'s weights (copies: training goes on with its own) unless this pair was sent. */
  publish(version: number, net: Network | null, habits: { version: number; habits: PenHabits }): void {
    if (!this.#send || (this.#version === version && this.#habitsVersion === habits.version)) return;
    this.#version = version;
    this.#habitsVersion = habits.version;
    const values = net ? net.params.map((p) => p.value.slice()) : [];
    this.#send({ version, spec: net?.spec ?? null, values, habits: habits.habits }, values.map((v) => v.buffer));
  }
}
