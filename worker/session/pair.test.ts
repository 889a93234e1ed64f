import { describe, expect, it } from 'vitest';
import { answeringOf } from './pair.ts';
import { noticeOf } from './report.ts';
import type { Slot } from './slot.ts';

/**
 * Only what answeringOf reads of a slot: its id, best saved test accuracy (null: none saved yet)
 * and whether it has been tested at all (by default: when a test is saved). That `best` counts
 * only saved tests is Slot's (autosave.test.ts).
 */
const slot = (id: string, best: number | null, hasTest = best !== null) => ({ id, best, hasTest }) as Slot;

describe('answeringOf: which model of the pair answers', () => {
  it('the better-testing member, the main one on a tie', () => {
    expect(answeringOf(slot('d', 0.98), slot('c', 0.99), null)?.id).toBe('c');
    expect(answeringOf(slot('d', 0.98), slot('c', 0.97), null)?.id).toBe('d');
    expect(answeringOf(slot('d', 0.98), slot('c', 0.98), null)?.id).toBe('d');
  });

  it('the pinned member, even when it tests worse', () => {
    expect(answeringOf(slot('d', 0.98), slot('c', 0.99), 'd')?.id).toBe('d');
    expect(answeringOf(slot('d', 0.99), slot('c', 0.98), 'c')?.id).toBe('c');
  });

  it('never a member with random weights: an untested one answers only when the other is untested too', () => {
    // The convolutional network starts after the dense one's test: the dense one answers meanwhile.
    expect(answeringOf(slot('d', 0.98), slot('c', null), null)?.id).toBe('d');
    // A fresh dense network beside the convolutional one (its dense network deleted, or "Back to" it).
    expect(answeringOf(slot('d', null), slot('c', 0.99), null)?.id).toBe('c');
    // Deleted before the convolutional network's first test: it has trained, the fresh one has not.
    expect(answeringOf(slot('d', null), slot('c', null), null)?.id).toBe('c');
    // A pin on an untested member waits for its test.
    expect(answeringOf(slot('d', null), slot('c', 0.99), 'd')?.id).toBe('c');
    expect(answeringOf(slot('d', 0.98), slot('c', null), 'c')?.id).toBe('d');
    // Tested, the result still being saved: no figure shown yet, but no longer random weights.
    expect(answeringOf(slot('d', null, true), slot('c', null), null)?.id).toBe('d');
    expect(answeringOf(slot('d', 0.98), slot('c', null, true), null)?.id).toBe('d');
  });


  it('a lone model answers', () => {
    expect(answeringOf(slot('d', null), null, null)?.id).toBe('d');
    expect(answeringOf(null, slot('c', 0.99), null)?.id).toBe('c');
    expect(answeringOf(null, null, null)).toBeNull();
  });
});

describe('noticeOf: what the panel says the guard did', () => {
  const withNotice = (notice: string | null) => ({ run: { notice } }) as unknown as Slot;
  it('the answering model\'s notice first: both networks of the pair learn a tap, and either may be put back', () => {
    const dense = withNotice('dense put back'), cnn = withNotice('cnn put back');
    expect(noticeOf(cnn, dense, cnn)).toBe('cnn put back');
    expect(noticeOf(dense, dense, cnn)).toBe('dense put back');
    const quiet = withNotice(null);
    expect(noticeOf(quiet, dense, quiet)).toBe('dense put back');
    expect(noticeOf(null, null, null)).toBeNull();
  });
});
