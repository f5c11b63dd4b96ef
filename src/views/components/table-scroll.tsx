import type { ComponentChildren } from 'preact';

/**
 * The box a wide table scrolls in, so that on a phone the table scrolls sideways inside it and the
 * page never does. It is a named region that takes keyboard focus, so it can be scrolled without a
 * pointer (axe's "scrollable-region-focusable").
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}
