/**
 * Pure rules of the cases modules (民情诉求, issue 11), shared by the server and the web app: the
 * lifecycle table, working-time arithmetic, deadlines, units and the intake's schema.
 */
export * from './case-lifecycle.ts';
export * from './working-calendar.ts';
export * from './case-deadlines.ts';
export * from './case-units.ts';
export * from './case-intake-schemas.ts';
export * from './text-similarity.ts';
export * from './case-batch-schemas.ts';
export * from './case-channel-schemas.ts';
export * from './case-rates-schemas.ts';
