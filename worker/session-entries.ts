// What a new run is called on the shelf: the default model, a lesson, or a custom network.
import type { EntryKind, LessonName, RunConfig } from './api.ts';
import { describe } from './nn/network.ts';
import type { EntryInfo, Shelf } from './persist/shelf.ts';
import { matchLesson, presetFor } from './train/run-config.ts';

const LESSON_TITLES: Record<LessonName, string> = {
  healthy: 'Default model',
  vanishing: 'Lesson: vanishing gradients',
  dying: 'Lesson: dying ReLU',
};

export function entryFor(shelf: Shelf, config: RunConfig, now: number): EntryInfo {
  const lesson = matchLesson(config);
  const kind: EntryKind = lesson === 'healthy' ? 'default' : lesson ? 'lesson' : 'custom';
  const name = lesson ? LESSON_TITLES[lesson] : `Custom ${describe(presetFor(config).spec)}`;
  return shelf.newInfo(kind, lesson === 'healthy' ? null : lesson, name, now);
}
