import { describe, expect, it } from 'vitest';
import type { EntryKind, ShelfEntry, StorageStatus } from '../../../worker/api.ts';
import { backToEntry, otherAnswering } from './back-to.ts';

const entry = (id: string, kind: EntryKind): ShelfEntry => ({
  id, name: id, kind, lesson: null, model: '784-256-128-10 relu', defaultArchitecture: kind === 'default',
  testAccuracy: 0.97, samplesSeen: 10_000, converged: false, createdAt: 0, savedAt: 0, bytes: 1,
});
const status = (activeId: string | null, ownId: string | null): StorageStatus => ({
  entries: [entry('own', 'default'), entry('lesson', 'lesson'), entry('file', 'import')],
  activeId, companionId: null, bestIds: ['own'], ownId, savedAt: null, reason: null, error: null,
  notice: null, restoredAt: null, quarantine: null, rule: '',
});

describe('backToEntry', () => {
  it('is the own model while a lesson or an import answers, in the writer tab only', () => {
    expect(backToEntry(status('lesson', 'own'), 'writer')?.id).toBe('own');
    expect(backToEntry(status('file', 'own'), 'writer')?.id).toBe('own');
    expect(backToEntry(status('lesson', 'own'), 'reader')).toBeNull();
    expect(backToEntry(status('lesson', 'own'), 'starting')).toBeNull();
  });
  it('is nothing while the own model answers, or when there is none to go back to', () => {
    expect(backToEntry(status('own', 'own'), 'writer')).toBeNull();
    expect(backToEntry(status('lesson', null), 'writer')).toBeNull();
    expect(backToEntry(status(null, 'own'), 'writer')).toBeNull();
    expect(backToEntry(null, 'writer')).toBeNull();
  });
});

describe('otherAnswering', () => {
  it('is the answering lesson or import, nothing while the own model answers or none is saved yet', () => {
    expect(otherAnswering(status('lesson', 'own'))?.id).toBe('lesson');
    expect(otherAnswering(status('file', 'own'))?.id).toBe('file');
    expect(otherAnswering(status('own', 'own'))).toBeNull();
    expect(otherAnswering(status(null, 'own'))).toBeNull();
    expect(otherAnswering(null)).toBeNull();
  });
});
