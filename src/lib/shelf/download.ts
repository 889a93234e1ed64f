// Hands bytes to the browser as a file download (a model export, a set-aside record).

/** Transferred from the worker: backed by a plain ArrayBuffer, never a shared one. */
export function download(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Lesson: dying ReLU" → "digitpad-lesson-dying-relu.dpnn" */
export function fileNameFor(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
  return `digitpad-${slug || 'model'}.dpnn`;
}
