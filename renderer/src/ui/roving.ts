import type { KeyboardEvent } from 'react';

/**
 * Arrow keys move between the rows of a list (roving tabindex), Home/End jump, Enter opens.
 * Rows carry `data-row` and are focusable; the container takes the key handler.
 */
export function rovingKeyDown(event: KeyboardEvent<HTMLElement>, onOpen: (index: number) => void): void {
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[data-row]'));
  if (rows.length === 0) return;
  const index = rows.findIndex((row) => row === document.activeElement || row.contains(document.activeElement));
  let next: number | null = null;
  if (event.key === 'ArrowDown') next = index === -1 ? 0 : Math.min(rows.length - 1, index + 1);
  else if (event.key === 'ArrowUp') next = index === -1 ? 0 : Math.max(0, index - 1);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = rows.length - 1;
  else if ((event.key === 'Enter' || event.key === ' ') && index !== -1 && rows[index] === document.activeElement) {
    event.preventDefault();
    onOpen(index);
    return;
  }
  if (next === null) return;
  event.preventDefault();
  rows[next]!.focus();
}

export function focusFirstRow(container: HTMLElement | null): void {
  container?.querySelector<HTMLElement>('[data-row]')?.focus();
}
