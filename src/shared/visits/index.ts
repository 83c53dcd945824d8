/**
 * The visits module's pure foundation (心连心大走访 · 集中走访慰问, issue 10), shared by the server
 * and the offline web app: campaign and visit schemas, coverage ("what is due"), the aid ledger
 * ("no aid given twice") and the sync rule for records made on a phone. No I/O, no Node or DOM API.
 *
 * @example
 * import { ZVisitRecord, computeCoverage, findAidConflicts, compareRecords } from '../shared/visits/index.ts';
 */
export {
  CAMPAIGN_KINDS,
  MAX_DELIVERIES_PER_HOUSEHOLD,
  MAX_FEN,
  MAX_GOODS_QUANTITY,
  MAX_GRACE_DAYS,
  MAX_REQUIRED_VISITS,
  ZAidItem,
  ZAidStandard,
  ZCampaignDefinition,
  ZCampaignKind,
  ZCampaignPeriod,
  ZCode,
  ZDoneRule,
  ZFen,
  ZGoodsQuantity,
  ZGoodsStandard,
  ZTownshipBudget,
  aidItemsByCode,
  type TAidItem,
  type TAidStandard,
  type TCampaignDefinition,
  type TCampaignDefinitionInput,
  type TCampaignKind,
  type TCampaignPeriod,
  type TDoneRule,
  type TGoodsStandard,
  type TTownshipBudget,
} from './campaign-schemas.ts';
export {
  VISIT_KINDS,
  VISIT_LIMITS,
  ZAcknowledgement,
  ZAidGiven,
  ZClientId,
  ZCompanion,
  ZContentHash,
  ZGoodsGiven,
  ZHardshipProposal,
  ZPersonMet,
  ZPhotoRef,
  ZRaisedProblem,
  ZUtcInstant,
  ZVisitKind,
  ZVisitRecord,
  type TAcknowledgement,
  type TAidGiven,
  type TRaisedProblem,
  type TVisitKind,
  type TVisitRecord,
  type TVisitRecordInput,
} from './visit-schemas.ts';
export {
  addDays,
  computeCoverage,
  visitTiming,
  type Assignment,
  type CoverageReport,
  type CoverageRollup,
  type CoverageRule,
  type CoverageTarget,
  type HouseholdCoverage,
  type HouseholdCoverageStatus,
  type VisitFact,
  type VisitTiming,
} from './visit-coverage.ts';
export {
  checkAidLine,
  findAidConflicts,
  remainingDeliveries,
  townshipAidTotals,
  type AidConflict,
  type AidDelivery,
  type AidItemRule,
  type AidLineIssue,
  type TownshipAidTotal,
} from './aid-ledger.ts';
export { MAX_CANONICAL_DEPTH, MAX_DIFF_PATHS, canonicalJson, compareRecords, type RecordComparison } from './idempotent-record.ts';
