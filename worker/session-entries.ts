// What a new run is called on the shelf: the default model, a lesson, or a custom network.
import type { EntryKind, LessonName, RunConfig } from './api.ts';
import { describe } from './nn/network.ts';
import type { EntryInfo, Shelf } from './persist/shelf.ts';
import { defaultConfig, matchLesson, presetFor } from './train/run-config.ts';

const LESSON_TITLES: Record<LessonName, string> = {
  healthy: 'Dense network',
  vanishing: 'Lesson: vanishing gradients',
  dying: 'Lesson: dying ReLU',
  cnn: 'Convolutional network',
};

export function entryFor(shelf: Shelf, config: RunConfig, now: number): EntryInfo {
  const lesson = matchLesson(config);
  const free = (name: string) => freeName(name, shelf.entries.map((e) => e.name));
  if (config.kind === 'cnn') {
    const standard = isDefaultCnn(config);
    return shelf.newInfo(standard ? 'default' : 'custom', null, free(standard ? 'Convolutional network' : `Custom ${describe(presetFor(config).spec)}`), now);
  }
  const kind: EntryKind = lesson === 'healthy' ? 'default' : lesson ? 'lesson' : 'custom';
  const name = lesson ? LESSON_TITLES[lesson] : `Custom ${describe(presetFor(config).spec)}`;
  return shelf.newInfo(kind, lesson === 'healthy' ? null : lesson, free(name), now);
}

/**
 * `name`, or `name 2`, `name 3`, … when the shelf has it already: after a reset, "Dense network"
 * and "Dense network 2" are told apart on the shelf, in its messages and in exported file names.
 */
export function freeName(name: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  let k = 2;
  while (names.has(`${name} ${k}`)) k++;
  return `${name} ${k}`;
}

/** The app's convolutional network as it comes (any seed). */
export function isDefaultCnn(config: RunConfig): boolean {
  const d = defaultConfig(config.seed, 'cnn');
  return (
    config.kind === 'cnn' && config.activation === d.activation && config.optimizer === d.optimizer &&
    config.learningRate === d.learningRate && config.batchSize === d.batchSize && config.hidden.join() === d.hidden.join()
  );
}
