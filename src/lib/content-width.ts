import type { Attachment } from 'svelte/attachments';

/**
 * Reports an element's content width whenever it changes, as a ResizeObserver sees it after a
 * frame's layout. `bind:clientWidth` reads the width as the element mounts, which forces the
 * browser to lay out the page being built there and then: one forced layout per chart, each
 * after the DOM grew again, in the task that builds the page.
 */
export function contentWidth(set: (width: number) => void): Attachment<HTMLElement> {
  return (el) => {
    const observer = new ResizeObserver(([entry]) => set(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  };
}
