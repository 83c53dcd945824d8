/** A question or option code: a letter, then letters, digits or underscores (as the server's schema says). */
export const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** The kinds of question the editor offers. */
export const KINDS = ['single', 'township', 'open'] as const;
