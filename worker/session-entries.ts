// What a new run is called on the shelf: the default model, a lesson, or a custom network.
import type { LessonName, RunConfig } from './api.ts';
import { describe } from './nn/network.ts';
import type { EntryInfo, Shelf } from './persist/shelf.ts';
import { defaultConfig, matchLesson, presetFor } from './train/run-config.ts';

const LESSON_TITLES: Record<LessonName, string> = {
  healthy: 'Lesson: healthy ReLU',
  vanishing: 'Lesson: vanishing gradients',
  dying: 'Lesson: dying ReLU',
  cnn: 'Lesson: convolutional network',
};

/**
 * The entry of a new main run. The app's own settings make an own model ('default': the pair
 * that answers, "Back to" goes to the best of them) when it is the app's own run (a first visit,
 * Reset); `fromLessons`: the lessons panel started it, and even on those settings (a new seed, the
 * "Healthy ReLU" preset) it is a lesson beside the own models, not one of them (QA: a seed typed
 * there swapped a 99 % convolutional network for a fresh dense one, with no way back shown).
 */
export function entryFor(shelf: Shelf, config: RunConfig, now: number, fromLessons = false): EntryInfo {
  const lesson = matchLesson(config);
  const free = (name: string) => freeName(name, shelf.entries.map((e) => e.name));
  const custom = () => shelf.newInfo('custom', null, free(`Custom ${describe(presetFor(config).spec)}`), now);
  if (config.kind === 'cnn') {
    if (!isDefaultCnn(config)) return custom();
    return fromLessons ? shelf.newInfo('lesson', 'cnn', free(LESSON_TITLES.cnn), now) : shelf.newInfo('default', null, free('Convolutional network'), now);
  }
  if (lesson === 'healthy' && !fromLessons) return shelf.newInfo('default', null, free('Dense network'), now);
  return lesson ? shelf.newInfo('lesson', lesson, free(LESSON_TITLES[lesson]), now) : custom();
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
