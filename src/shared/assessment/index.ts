/**
 * Shared contracts of closing the loop (issue 12): the assessment's scheme and frozen result,
 * rectification's statuses and evidence, gaming flags' evidence.
 */
export * from './assessment-schemas.ts';
export * from './rectification-schemas.ts';
export * from './gaming-schemas.ts';
export * from './rectification-deadline.ts';
export * from './scheme-changes.ts';
