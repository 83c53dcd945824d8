/**
 * The bulletin module's front door (issue 12 points 5 and 7): an assessment's bulletin (通报) as
 * a model for the preview, a Word document in the form of GB/T 9704-2012 and an XLSX of its
 * tables, and the county's working notes (gaming flags, internal remarks), never part of it.
 */
export { bulletinModel } from './bulletin-model.ts';
export type { BulletinInput, BulletinTask, BulletinWave } from './bulletin-model.ts';
export { getBulletin } from './get-bulletin.ts';
/** The benchmark measures the DOCX of 13 townships through it. */
export { renderBulletinDocx } from './render-bulletin-docx.ts';
export { exportBulletinXlsx } from './export-bulletin-xlsx.ts';
export { renderWorkingNotes } from './render-working-notes.ts';
