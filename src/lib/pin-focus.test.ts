import { describe, expect, it } from 'vitest';
import { followPin, type PairNow, type PendingPin, type Which } from './pin-focus.ts';

// Buttons as plain objects: what the pair shows is decided by the test.
type Button = { name: string; row: Which; connected: boolean };
const button = (name: string, row: Which): Button => ({ name, row, connected: true });

function pair(buttons: Button[], state: { pinned: boolean; answering: Which | null; focused: Button | null }): PairNow<Button> {
  return {
    ...state,
    connected: (b) => b.connected && buttons.includes(b),
    buttonOf: (which) => buttons.find((b) => b.row === which) ?? buttons[0] ?? null,
  };
}

describe('followPin', () => {
  it('waits while the pressed button is still there', () => {
    const press = button('Answer with this', 'companion');
    const p: PendingPin<Button> = { which: 'companion', to: 'companion', from: press, placed: null };
    expect(followPin(p, pair([press], { pinned: false, answering: 'main', focused: press }))).toEqual({ focus: null, settled: false });
  });

  it('focuses the row’s new button once the pin is reported', () => {
    const press = button('Answer with this', 'companion');
    const p: PendingPin<Button> = { which: 'companion', to: 'companion', from: press, placed: null };
    const back = button('Let the better one answer', 'companion');
    const other = button('Answer with this', 'main');
    expect(followPin(p, pair([other, back], { pinned: true, answering: 'companion', focused: null }))).toEqual({ focus: back, settled: true });
  });

  it('a takeover reported before the pin: the focus waits on another button, then moves to the new one', () => {
    const press = button('Answer with this', 'companion');
    const p: PendingPin<Button> = { which: 'companion', to: 'companion', from: press, placed: null };
    // The convolutional network tested better and answers: its button went, the pin is not in yet.
    const dense = button('Answer with this', 'main');
    const first = followPin(p, pair([dense], { pinned: false, answering: 'companion', focused: null }));
    expect(first).toEqual({ focus: dense, settled: false });
    p.placed = first.focus;
    // The pin arrives: the focus moves from where it waited to the pressed row's new button.
    const back = button('Let the better one answer', 'companion');
    expect(followPin(p, pair([dense, back], { pinned: true, answering: 'companion', focused: dense }))).toEqual({ focus: back, settled: true });
  });

  it('leaves the focus where the person moved it meanwhile', () => {
    const press = button('Answer with this', 'companion');
    const p: PendingPin<Button> = { which: 'companion', to: 'companion', from: press, placed: null };
    const dense = button('Answer with this', 'main');
    p.placed = followPin(p, pair([dense], { pinned: false, answering: 'companion', focused: null })).focus;
    const elsewhere = button('Clear', 'main');
    expect(followPin(p, pair([dense], { pinned: true, answering: 'companion', focused: elsewhere }))).toEqual({ focus: null, settled: true });
  });

  it('a click elsewhere after the focus was placed (the page holds it) ends it', () => {
    const press = button('Answer with this', 'companion');
    const p: PendingPin<Button> = { which: 'companion', to: 'companion', from: press, placed: null };
    const dense = button('Answer with this', 'main');
    p.placed = followPin(p, pair([dense], { pinned: false, answering: 'companion', focused: null })).focus;
    expect(followPin(p, pair([dense], { pinned: false, answering: 'main', focused: null }))).toEqual({ focus: null, settled: true });
  });

  it('letting the better one answer again settles once nothing is pinned', () => {
    const press = button('Let the better one answer', 'companion');
    const p: PendingPin<Button> = { which: 'companion', to: null, from: press, placed: null };
    const dense = button('Answer with this', 'main');
    expect(followPin(p, pair([dense], { pinned: false, answering: 'companion', focused: null }))).toEqual({ focus: dense, settled: true });
  });
});
