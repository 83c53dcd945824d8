/**
 * The case rates module's front door (issue 11, points 5 and 10): the county's case settings,
 * the three rates per unit and month with their ranking and export, and the cases' workbench
 * items.
 */
export { getCaseSettings } from './get-case-settings.ts';
export { updateCaseSettings } from './update-case-settings.ts';
/** Other case modules read the county's settings (due soon, call-back attempts, auto-escalation) through it. */
export { loadCaseSettings } from './case-settings.ts';
export { getCaseRates } from './get-case-rates.ts';
/** The leaders' dashboard: the county's townships and departments in one statement. */
export { getCountyCaseRates } from './get-county-case-rates.ts';
export { exportCaseRates, RATES_EXPORT_HEADERS } from './export-case-rates.ts';
/** The benchmark runs the rates' aggregate statement straight on the database beside the use case. */
export { ratesQuery } from './rates-sql.ts';
export { countCaseTodos } from './count-case-todos.ts';
export { countOverdueCases } from './count-overdue-cases.ts';
export { caseRatesWorkbench } from './workbench.ts';
