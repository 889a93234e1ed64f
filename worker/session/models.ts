// The models on the shelf, as a person handles them: save now, export, import, use, pin, rename,
// delete. session.ts adds training choices, your digits and tabs; session/core.ts is the engine.
import type { AfterDelete, ImportedModel, NetworkKind, RunConfig, SaveReason, SaveResult, ShelfEntry } from '../api.ts';
import { DigitPadError } from '../errors.ts';
import { describe } from '../nn/network.ts';
import { networkDigest, sameNetwork } from '../nn/serialize.ts';
import { decodeCheckpoint, named } from '../persist/checkpoint.ts';
import type { Restored } from '../persist/shelf.ts';
import { bestDefault } from '../persist/shelf-index.ts';
import { defaultConfig, matchLesson, presetFor } from '../train/run-config.ts';
import { freeName } from '../session-entries.ts';
import { SessionCore, type FreshDense } from './core.ts';

export abstract class ModelsSession extends SessionCore {
  /** A new main run (Session.configure): what deleting the last model leaves before MNIST has loaded. */
  abstract configure(config: RunConfig, fromLessons?: boolean): void;

  /**
   * The page is hidden: the latest test points are written now (it may be closed any moment).
   * An update is about to reload it: training stops, the current weights are tested and saved.
   */
  checkpoint(reason: SaveReason): Promise<SaveResult> {
    if (this.role !== 'writer') return Promise.resolve({ ok: true }); // the writing tab has it
    if (reason === 'update') return this.stopAndSave(reason);
    return Promise.all(this.slots().map((s) => s.autosave.save(reason))).then((r) => r.find((x) => !x.ok) ?? { ok: true });
  }

  /** A model file: the answering model's (no id), or a shelf entry's. */
  async exportModel(id?: string): Promise<Uint8Array> {
    const slot = id === undefined ? this.answering : this.slots().find((s) => s.id === id);
    if (slot) return slot.file(this.wall());
    if (id !== undefined) return named(await this.shelf.bytes(id), this.shelf.entries.find((e) => e.id === id)?.name);
    throw new DigitPadError('busy', 'There is no trained model to export yet: MNIST is still loading');
  }

  /**
   * A file becomes a new shelf entry and answers; a bad file throws and the current model stays.
   * The model it replaces is saved first, as when switching to a saved one (useModel). A file of
   * a network already on the shelf (exported, then brought back), or one imported before (which
   * trained on since), makes no copy: that entry answers.
   */
  async importModel(bytes: unknown, name?: string): Promise<ImportedModel> {
    this.mustWrite('import a model');
    const cp = decodeCheckpoint(bytes, this.kernels ?? undefined);
    const source = networkDigest(bytes as Uint8Array) ?? undefined;
    const same = await this.onShelf(bytes as Uint8Array, describe(cp.net.spec));
    const before = same ? undefined : this.shelf.entries.find((e) => e.source === source);
    const found = same ?? before;
    if (found) {
      await this.useModel(found.id);
      return { id: found.id, name: found.name, already: same ? 'same' : 'trained on' };
    }
    // The name the person sees is the file's, when they named it; the one the export gave it
    // ("digitpad-my-sigmoid-tower", maybe with a browser's " (1)") gives back the saved name.
    // Either may be on the shelf already (the model itself, trained on since its export): "… 2".
    const chosen = name !== undefined && !/^digitpad-/i.test(name) ? name : undefined;
    const wanted = (chosen ?? cp.metrics.name ?? name ?? 'Imported model').slice(0, 80);
    const info = { ...this.shelf.newInfo('import', matchLesson(cp.metrics.config), freeName(wanted, this.shelf.entries.map((e) => e.name))), source };
    await this.switchTo(async () => {
      await this.handOverModels();
      this.stillWriting('import a model');
      this.useSaved({ info, cp, bytes: bytes as Uint8Array });
    });
    const result = await this.shelf.save(info, bytes as Uint8Array, cp.metrics, 'import', { answering: true, pair: null });
    this.tellReaders();
    if (!result.ok) throw new DigitPadError('storage', `The model answers now, but it could not be saved: ${result.error.message}`);
    return { id: info.id, name: info.name, already: false };
  }

  /** The shelf entry whose stored file holds this network (same architecture `model`), if any. */
  private async onShelf(bytes: Uint8Array, model: string): Promise<ShelfEntry | undefined> {
    for (const { id } of this.shelf.entries.filter((e) => e.model === model)) {
      // A stored file that cannot be read is no match; loading it is where that gets reported.
      const stored = await this.shelf.bytes(id).catch(() => null);
      if (stored && sameNetwork(bytes, stored)) return this.shelf.entry(id);
    }
    return undefined;
  }

  /**
   * A saved model becomes the main one (alone: no companion), and trains on in the writing tab.
   * The app's own models come back as the default pair: its convolutional network with `fresh`
   * the dense network that trains beside it, its dense network with the convolutional network
   * `cnn` beside it (and `pinned`, the dense one's id, when the person chose it over a better one).
   */
  private useSaved(saved: Restored, pair: { fresh?: FreshDense | null; cnn?: Restored | null; pinned?: string | null } = {}): void {
    const fresh = pair.fresh ?? null;
    this.wanted = null;
    for (const s of this.slots()) s.autosave.stop();
    const slot = this.slot(saved.info, { kind: 'saved', saved });
    const cnn = pair.cnn ? this.slot(pair.cnn.info, { kind: 'saved', saved: pair.cnn }) : null;
    [this.main, this.companion] = fresh ? [null, slot] : [slot, cnn];
    this.pinned = pair.pinned ?? null;
    this.config = structuredClone(fresh?.config ?? saved.cp.metrics.config);
    this.freshDense = fresh;
    if (this.data && this.role === 'writer') for (const s of this.slots()) if (s.state.kind === 'saved') this.adopt(s, s.state.saved);
    this.modelVersion++;
    // Without MNIST yet, train() starts the dense network once it has loaded.
    if (fresh && this.data && this.role === 'writer') return this.newDenseBeside(fresh);
    this.settle();
  }

  /** The entry answers from now on (and trains on, in the writing tab). */
  async useModel(id: string): Promise<void> {
    if (this.answering?.id === id) return;
    // A reading tab follows the writer's choice: its own would be undone at the writer's next save.
    this.mustWrite('switch models');
    if (this.companion?.id === id || this.main?.id === id) return this.pinModel(this.main?.id === id ? 'main' : 'companion');
    const saved = await this.shelf.load(id, this.kernels ?? undefined);
    const own = saved.info.kind === 'default', isCnn = saved.cp.metrics.config.kind === 'cnn';
    // The app's own models come back as the pair they were: the other member is the trained one
    // (held, else the best on the shelf), not a fresh one to train from the start.
    const otherOf = () => (own ? this.savedDefault(isCnn ? 'mlp' : 'cnn') : null);
    // The convolutional network with no dense network saved ("Back to" it after the dense one was
    // deleted): a fresh one trains beside it, as after deleting the pair's dense network.
    let fresh: FreshDense | null = null;
    const pairOf = (otherId: string | null) => {
      fresh = own && isCnn && !otherId ? (fresh ?? this.freshDenseEntry()) : null;
      return fresh ? { main: fresh.info.id, companion: id } : !otherId ? null : isCnn ? { main: otherId, companion: id } : { main: id, companion: otherId };
    };
    // The chosen one answers: pinned when the other tests better (else it answers anyway, until
    // the other overtakes it, as in the default pair).
    const best = (r: Restored) => r.cp.metrics.best ?? r.cp.metrics.testAccuracy ?? -1;
    const pinnedOver = (otherBest: number | null | undefined) => (otherBest != null && otherBest > best(saved) ? id : null);
    await this.switchTo(async () => {
      this.stillWriting('switch models');
      // The choice is stored before the held models' test and save, which take seconds for a
      // convolutional network: a reload meanwhile brings back what the person chose.
      const before = otherOf();
      await this.shelf.setActive(id, pairOf(before), pinnedOver(before ? this.shelf.entry(before)?.testAccuracy : null));
      this.tellReaders();
      await this.handOverModels();
      // Held, it is loaded as the handover just saved it.
      const otherId = otherOf();
      const other = otherId ? await this.shelf.load(otherId, this.kernels ?? undefined).catch(() => null) : null;
      this.stillWriting('switch models');
      const pinned = pinnedOver(other && best(other));
      await this.shelf.setActive(id, pairOf(other?.info.id ?? null), pinned);
      this.tellReaders();
      this.stillWriting('switch models');
      if (!other) this.useSaved(saved, { fresh });
      else if (isCnn) this.useSaved(other, { cnn: saved, pinned });
      else this.useSaved(saved, { cnn: other, pinned });
    });
  }

  /**
   * Other models take the held ones' place. Meanwhile the page says so ('switching'), not
   * "Paused" for the seconds their test and save take, and Pause and Resume wait for it.
   */
  private async switchTo(change: () => Promise<void>): Promise<void> {
    this.switching++;
    try {
      await change();
    } catch (e) {
      this.switching--;
      this.settle(); // a failed switch leaves the held models training (or paused) as they were
      throw e;
    }
    this.switching--;
    this.report(true);
  }

  /** Another tab took over during a switch's awaits: it restores what was saved, so the switch is not made here. */
  private stillWriting(what: string): void {
    if (this.role !== 'writer') throw new DigitPadError('busy', `DigitPad started training in another tab; take over here to ${what}.`);
  }

  /** The held models stop, are tested and saved as they are now; a pause or a resume stays as it was. */
  protected async handOverModels(): Promise<void> {
    const paused = this.paused;
    try {
      await this.stopAndSave('handover');
    } finally {
      this.paused = paused;
    }
  }

  /** The app's own dense or convolutional network on the shelf: the one held here, else the best saved. */
  private savedDefault(kind: NetworkKind): string | null {
    const held = this.slots().find((s) => s.info.kind === 'default' && (s.config.kind ?? 'mlp') === kind && this.shelf.entry(s.id));
    // The app's own (kind 'default'): not an imported or custom one of the same shape.
    const own = this.shelf.entries.filter((e) => e.kind === 'default');
    return held?.id ?? bestDefault(own, describe(presetFor(defaultConfig(0, kind)).spec))?.id ?? null;
  }

  /** Which model of the pair answers; null lets the better-testing one answer again. */
  async pinModel(which: 'main' | 'companion' | null): Promise<void> {
    this.mustWrite('choose the answering model');
    const slot = which === 'main' ? this.main : which === 'companion' ? this.companion : null;
    if (which !== null && !slot) throw new DigitPadError('input', `There is no ${which} model to pin`);
    // Its weights are still random: it could answer anything (answeringOf passes over it anyway).
    if (slot && !slot.hasTest) throw new DigitPadError('busy', 'That model has not been tested yet; it can answer once it has');
    this.pinned = slot?.id ?? null;
    await this.shelf.setPinned(this.pinned);
    this.tellReaders();
    this.report(true);
  }

  async renameModel(id: string, name: string): Promise<void> {
    this.mustWrite('rename models');
    const clean = String(name).trim().slice(0, 80);
    if (!clean) throw new DigitPadError('input', 'A name cannot be empty');
    // Two rows of one name cannot be told apart, nor their buttons (QA).
    if (this.shelf.entries.some((e) => e.id !== id && e.name === clean)) throw new DigitPadError('input', `Another saved model is called “${clean}”`);
    await this.shelf.rename(id, clean);
    this.tellReaders();
    const slot = this.slots().find((s) => s.id === id);
    if (slot) slot.info.name = clean;
  }

  /**
   * Deletes an entry. Deleting a held model drops it; with none left the person's own best saved
   * model answers again (a lesson or an import deleted: what "Back to" offered), and only with none
   * saved a fresh default model trains. Says who answers after.
   */
  async deleteModel(id: string): Promise<AfterDelete> {
    await this.deleteEntry(id);
    const a = this.answering;
    return { answering: a?.info.name ?? null, fresh: !a || (a.run !== null && a.run.trainer.samplesSeen === 0 && a.run.history.length === 0) };
  }

  private async deleteEntry(id: string): Promise<void> {
    this.mustWrite('delete models');
    const slot = this.slots().find((s) => s.id === id);
    // The pair's dense network: a fresh one takes its place beside the convolutional one, in the
    // stored pair too, so a reload before the fresh one's first save still brings back a pair.
    const beside = slot === this.main && this.companion?.info.kind === 'default' ? this.companion : null;
    const fresh = beside && this.freshDenseEntry();
    // Stopped first: a save queued behind the delete would write the entry back.
    slot?.autosave.stop();
    try {
      // A CNN not saved yet cannot come back: then there is no pair to keep.
      await this.shelf.delete(id, fresh && this.shelf.entry(beside.id) ? { main: fresh.info.id, companion: beside.id } : null, !!slot);
    } catch (e) {
      // Not deleted: it carries on being saved.
      if (slot?.run) slot.autosave.resume(slot.run, slot.info);
      throw e;
    }
    this.tellReaders();
    if (!slot) return;
    this.pinned = null;
    if (fresh && this.data) return this.newDenseBeside(fresh);
    // MNIST still loading: the fresh one starts with training (train()).
    if (fresh) [this.main, this.config, this.freshDense] = [null, fresh.config, fresh];
    else if (slot === this.main) [this.main, this.companion] = [this.companion, null];
    else this.companion = null;
    this.modelVersion++;
    if (this.main || fresh) return this.settle();
    const own = this.shelf.status.ownId;
    if (own !== null && this.shelf.entry(own)) {
      try {
        return await this.useModel(own);
      } catch {
        // Unreadable (it is set aside and the shelf says so): a fresh one, as with none saved.
      }
    }
    const config = defaultConfig(this.randomSeed());
    if (this.data) this.newRun(config);
    else this.configure(config);
  }

  exportQuarantine(): Promise<Uint8Array> {
    return this.shelf.exportQuarantine();
  }

  discardQuarantine(): Promise<void> {
    this.mustWrite('delete the set-aside record');
    return this.shelf.discardQuarantine();
  }

  dismissNotice(): void {
    this.shelf.dismissNotice();
    for (const s of this.slots()) if (s.run) s.run.notice = null;
  }

  /** A reading tab re-reads the shelf (and your digits): it follows what this tab changed. */
  protected tellReaders(): void {
    this.deps.lock.post({ type: 'saved' });
  }

  protected mustWrite(what: string): void {
    if (this.role === 'reader') {
      throw new DigitPadError('busy', `DigitPad is training in another tab; take over here to ${what}.`);
    }
  }
}
