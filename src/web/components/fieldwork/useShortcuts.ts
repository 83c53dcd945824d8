import { useEffect, useRef } from 'react';

/**
 * Whether a key press belongs to a field the interviewer is typing in (text inputs, text areas,
 * the search box of a select, a date picker, anything editable): shortcuts stay out of those.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/** Keys a focused control already acts on by itself: Enter and Space on a button or link, arrows on a radio. */
function isNativeKey(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  const control = target.closest('button, a[href], [role=button], [role=tab], [role=option], [role=menuitem], [role=switch]');
  if (control && (event.key === 'Enter' || event.key === ' ')) return true;
  if (target instanceof HTMLInputElement && target.type === 'radio' && event.key.startsWith('Arrow')) return true;
  return false;
}

/**
 * The workstation's keyboard shortcuts, on the whole page: `handler` gets the key ('n', 'd',
 * '1'…'9', 'Enter', 'Backspace', 'ArrowLeft' …) and says whether it used it. Never while typing
 * in a field, never with Ctrl / Alt / ⌘ (the browser's own shortcuts), never inside a dialog or an
 * open dropdown.
 *
 * @example
 * useShortcuts((key) => (key === 'n' ? (next(), true) : false));
 */
export function useShortcuts(handler: (key: string, event: KeyboardEvent) => boolean) {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTypingTarget(event.target) || isNativeKey(event)) return;
      if (event.target instanceof HTMLElement && event.target.closest('.ant-modal, .ant-select-dropdown, .ant-picker-dropdown')) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (current.current(key, event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
