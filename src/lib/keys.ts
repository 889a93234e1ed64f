/** Input types that take no typing: a key pressed on them is the page's shortcut, not their text. */
const NO_TEXT = new Set(['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/**
 * Whether keys pressed on `target` are text for it (a text or number field, a text area, a select
 * list), so the page's shortcuts (0–9, Escape, Delete, Ctrl+Z) leave them alone. A radio button
 * or a slider just picked with the mouse keeps focus; the shortcuts still work there.
 */
export function takesTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NO_TEXT.has(target.type);
}

/**
 * The digit a key press says, for the "what is it" shortcuts: a plain 0–9 (no Ctrl, Cmd or Alt,
 * so browser shortcuts pass), not already handled, and not typed into a field. Otherwise null.
 */
export function pressedDigit(e: KeyboardEvent): number | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || !/^[0-9]$/.test(e.key)) return null;
  return takesTyping(e.target) ? null : Number(e.key);
}
