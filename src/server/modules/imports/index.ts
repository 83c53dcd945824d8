/**
 * The imports module's front door: a registry file imported as a job (the command line's
 * `import`, the demo's registry), its report, and the failing of jobs whose process died.
 */
export { confirmImport, findConfirmablePreview } from './confirm-import.ts';
export { failInterruptedImports } from './fail-interrupted-imports.ts';
// The command line's `import`: its scope region, and what it prints of the job.
export { findImportRegion } from './find-import-region.ts';
export { summarizeImportJob } from './summarize-import-job.ts';
export { importHouseholds } from './import-households.ts';
export type { ImportContext, ImportProgress, ImportResult } from './import-households.ts';
export { listImportIssueGroups } from './list-import-issue-groups.ts';
export { writeImportReport } from './write-import-report.ts';
// How many worker threads an import uses here (the benchmark prints it beside its figures).
export { defaultRowWorkers } from './row-workers.ts';
export { importsWorkbench } from './workbench.ts';
