/**
 * The assessment module's front door (issue 12 points 4 and 10): the township assessment (考核)
 * — schemes in versions, bonus and penalty items, computing, publishing, corrections — and the
 * city's spot checks (市级抽查).
 */
export { createAssessment } from './create-assessment.ts';
export { getAssessment } from './get-assessment.ts';
export { listAssessments } from './list-assessments.ts';
export { saveScheme } from './save-scheme.ts';
export { listSchemeVersions } from './list-scheme-versions.ts';
export { addAdjustment } from './add-adjustment.ts';
export { removeAdjustment } from './remove-adjustment.ts';
/** The benchmark and the demo compute an assessment straight through its use case. */
export { computeAssessment } from './compute-assessment.ts';
export { publishAssessment } from './publish-assessment.ts';
export { correctAssessment } from './correct-assessment.ts';
export { listCitySpotChecks } from './list-city-spot-checks.ts';
export { saveCitySpotCheck } from './save-city-spot-check.ts';
export { importCitySpotChecks } from './import-city-spot-checks.ts';
