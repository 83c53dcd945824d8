/**
 * Every module's workbench contributions, in the order their cards appear: the figures a
 * leader reads first, then the registry's, then the survey's working cards. A new module
 * (visits, cases, rectification) appends its own list here.
 */
import { caseRatesWorkbench } from '../case-rates/index.ts';
import { rectificationWorkbench } from '../rectification/index.ts';
import { fieldworkWorkbench } from '../fieldwork/index.ts';
import { importsWorkbench } from '../imports/index.ts';
import { pairingWorkbench } from '../pairing/index.ts';
import { surveyResultsWorkbench } from '../survey-results/index.ts';
import { visitReportsWorkbench } from '../visit-reports/index.ts';
import type { WorkbenchContribution } from './contribution.ts';

export const WORKBENCH_CONTRIBUTIONS: readonly WorkbenchContribution[] = [
  ...surveyResultsWorkbench,
  ...visitReportsWorkbench,
  ...caseRatesWorkbench,
  ...rectificationWorkbench,
  ...pairingWorkbench,
  ...importsWorkbench,
  ...fieldworkWorkbench,
];
