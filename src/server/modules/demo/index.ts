/**
 * The demo module's front door: the demo county, its synthetic registry, its survey and its
 * winter visiting campaign.
 * `demo-defaults.ts` is also a light door: the command line shows its constants in `--help`
 * without loading the demo.
 */
export { DEMO_HOUSEHOLDS, DEMO_PASSWORD } from './demo-defaults.ts';
export { generateHouseholds } from './generate-households.ts';
export type { GeneratedRow } from './generate-households.ts';
export { isDeploymentEmpty } from './is-deployment-empty.ts';
export { DEMO_CAMPAIGN_NAME, DEMO_CAMPAIGN_PERIOD, demoCampaignDefinition, seedDemoCampaign } from './seed-demo-campaign.ts';
export type { SeedDemoCampaignResult } from './seed-demo-campaign.ts';
// The demo cases (issue 11 point 11), simulated through the cases module's use cases; loaded at first start.
export { DEMO_CASES, DEMO_CASE_DAYS, seedDemoCases } from './seed-demo-cases.ts';
export type { SeedDemoCasesResult } from './seed-demo-cases.ts';
// The closed loop (issue 12 point 8): rectification, a second wave, publicity, the assessment, gaming flags.
export { formatDemoLoop, seedDemoLoop } from './seed-demo-loop.ts';
export type { SeedDemoLoopResult } from './seed-demo-loop.ts';
export { seedDemoRegistry } from './seed-demo-registry.ts';
export { seedDemoSurvey } from './seed-demo-survey.ts';
export type { SeedDemoSurveyResult } from './seed-demo-survey.ts';
export { DEMO_COUNTY_CODE, demoTownshipCodes, demoVillages, seedDemo } from './seed-demo.ts';
/** The demo county's hand-made tile map layout (the dashboard's tests check it is valid). */
export { DEMO_TILE_LAYOUT } from './demo-tile-layout.ts';
export type { SeedDemoResult } from './seed-demo.ts';
export { writeHouseholdFile } from './write-household-file.ts';
