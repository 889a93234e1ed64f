import { describe, expect, it } from 'vitest';
import { freeName } from './session-entries.ts';

describe('freeName', () => {
  it('keeps a name no entry has, and numbers one the shelf has already', () => {
    expect(freeName('Default model', [])).toBe('Default model');
    expect(freeName('Default model', ['Convolutional network'])).toBe('Default model');
    expect(freeName('Default model', ['Default model'])).toBe('Default model 2');
    expect(freeName('Default model', ['Default model', 'Default model 2', 'Default model 4'])).toBe('Default model 3');
  });

  it('takes the plain name again once it is free (its entry deleted), and leaves other names alone', () => {
    expect(freeName('Default model', ['Default model 2'])).toBe('Default model');
    expect(freeName('Default model 2', ['Default model 2'])).toBe('Default model 2 2');
    expect(freeName('Lesson: dying ReLU', ['Default model', 'Lesson: dying ReLU (mine)'])).toBe('Lesson: dying ReLU');
  });
});
