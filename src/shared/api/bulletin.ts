/**
 * The assessment's bulletin (通报, issue 12 point 5) and the county's working notes (工作备注,
 * point 7). Served by `src/server/modules/bulletin/`.
 *
 *   GET /api/assessments/:id/bulletin            → ZBulletinModel (the preview)   ASSESSMENT_READ_ROLES
 *   GET /api/assessments/:id/bulletin.docx       → the official document (GB/T 9704-2012)
 *   GET /api/assessments/:id/bulletin.xlsx       → the bulletin's tables
 *   GET /api/assessments/:id/working-notes.docx  → gaming flags and internal remarks  GAMING_READ_ROLES
 *
 * A township admin reads only published assessments (a draft answers 404, as on the assessment's
 * own page). The issuing office, the document number and the date are options of the request; a
 * draft's latest result may be previewed, and everything built from it is marked 征求意见稿.
 * The working notes are never part of the bulletin: the model has no field that could hold them.
 */
import { z } from 'zod';
import { ZId, ZIsoDate } from '../schemas/common.ts';
import { ZBilingual } from '../schemas/survey.ts';
import { ZAssessmentComponentKey } from '../assessment/assessment-schemas.ts';
import { defineContract } from './contract.ts';

export const ZBulletinParams = z.strictObject({ id: ZId });

/** The document's own particulars; each has a default (the county's office, no number, today or the publication date). */
export const ZBulletinQuery = z.strictObject({
  /** 发文机关: e.g. 宁阳县联系服务群众工作领导小组办公室. */
  issuer: z.string().trim().min(2).max(40).optional(),
  /** 发文字号: e.g. 宁联办〔2026〕12号. */
  number: z.string().trim().min(1).max(40).optional(),
  /** 成文日期 (Asia/Shanghai calendar date). */
  date: ZIsoDate.optional(),
});
export type TBulletinQuery = z.infer<typeof ZBulletinQuery>;

/** Where a figure came from: the web page that shows it (a route of the web app) and what that page is. */
export const ZBulletinSource = z.object({ page: z.string(), label: ZBilingual });
export type TBulletinSource = z.infer<typeof ZBulletinSource>;

const ZInterval = z.object({ lower: z.number(), upper: z.number() });

/** A number as the bulletin prints it, with everything needed to trace and qualify it. */
export const ZBulletinFigure = z.object({
  value: z.number(),
  /** How it prints: '78.4' for an index or points, '86.2%' for a share. */
  text: z.string(),
  n: z.number().int().nullable(),
  interval: ZInterval.nullable(),
  /** The interval as printed ('76.9–79.8', '83.0%–89.1%'), '' when there is none. */
  intervalText: z.string(),
  source: ZBulletinSource,
});
export type TBulletinFigure = z.infer<typeof ZBulletinFigure>;

export const ZBulletinComponent = z.object({
  key: ZAssessmentComponentKey,
  label: ZBilingual,
  weight: z.number(),
  figure: ZBulletinFigure.nullable(),
  points: ZBulletinFigure,
});

export const ZBulletinRankingRow = z.object({
  townshipId: ZId,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  rank: z.number().int(),
  bestRank: z.number().int(),
  worstRank: z.number().int(),
  /** '1' when the place is certain, '1–3' when the uncertainty allows several. */
  rankText: z.string(),
  composite: ZBulletinFigure,
  adjustmentTotal: z.number(),
  components: z.array(ZBulletinComponent),
  /** Names of the townships this one cannot be told apart from. */
  notSeparableFrom: z.array(z.string()),
});
export type TBulletinRankingRow = z.infer<typeof ZBulletinRankingRow>;

/** A domain where a township is significantly above (strength) or below (weak) the county. */
export const ZBulletinDomainFinding = z.object({
  domain: z.string(),
  label: ZBilingual,
  waveId: ZId,
  waveName: z.string(),
  township: ZBulletinFigure,
  county: ZBulletinFigure,
  /** The rest of the county (the other townships, weighted by population): what the township is tested against. */
  rest: ZBulletinFigure,
  /** township − rest of the county, with the difference's interval (excludes 0, or it would not be listed). */
  difference: ZBulletinFigure,
  /** The test's p, Holm-adjusted across the townships of this domain and wave. */
  pAdjusted: z.number(),
});
export type TBulletinDomainFinding = z.infer<typeof ZBulletinDomainFinding>;

export const ZBulletinTownshipFindings = z.object({
  townshipId: ZId,
  name: z.string(),
  strengths: z.array(ZBulletinDomainFinding),
  weaknesses: z.array(ZBulletinDomainFinding),
  /** Domains compared (reportable in both the township and the county). */
  compared: z.number().int(),
  /** Domains left out: the township's base too small to report, or nothing to compare it with (no rest of the county, no variance). */
  suppressed: z.number().int(),
  source: ZBulletinSource,
});

export const ZBulletinRectificationRow = z.object({
  townshipId: ZId.nullable(),
  name: z.string(),
  total: z.number().int(),
  open: z.number().int(),
  submitted: z.number().int(),
  accepted: z.number().int(),
  /** Open or submitted with the deadline passed (as of asOf). */
  overdue: z.number().int(),
  /** Accepted, submitted on or before the deadline. */
  acceptedOnTime: z.number().int(),
  source: ZBulletinSource,
});
export type TBulletinRectificationRow = z.infer<typeof ZBulletinRectificationRow>;

export const ZBulletinCityRow = z.object({
  figure: z.enum(['index', 'satisfaction', 'dissatisfaction']),
  label: ZBilingual,
  county: ZBulletinFigure.nullable(),
  city: ZBulletinFigure.nullable(),
  cityDocument: z.string().nullable(),
  cityRank: z.number().int().nullable(),
  cityCounties: z.number().int().nullable(),
  verdict: z.enum(['county_higher', 'no_measurable_difference', 'county_lower']).nullable(),
  /** The sentence the bulletin prints, in Chinese (the document's language). */
  sentence: z.string(),
});
export type TBulletinCityRow = z.infer<typeof ZBulletinCityRow>;

/** The best or the lagging townships, said honestly: several when the uncertainty cannot separate them. */
export const ZBulletinNamed = z.object({
  townships: z.array(z.object({ townshipId: ZId, name: z.string(), rank: z.number().int(), rankText: z.string() })),
  /** True when exactly one township can hold the place (first, or last). */
  separable: z.boolean(),
  sentence: z.string(),
});

export const ZBulletinModel = z.object({
  assessment: z.object({ id: ZId, name: z.string(), status: z.enum(['draft', 'published']), resultId: ZId, periodStart: ZIsoDate, periodEnd: ZIsoDate, publishedAt: z.string().nullable() }),
  /** A draft's result: the document says 征求意见稿 on every page. */
  draft: z.boolean(),
  header: z.object({ issuer: z.string(), number: z.string().nullable(), date: ZIsoDate, dateText: z.string(), signature: z.string() }),
  title: z.string(),
  county: z.object({ code: z.string(), name: z.string() }),
  /** 主送机关. */
  addressee: z.string(),
  lead: z.string(),
  city: z.array(ZBulletinCityRow),
  /** Said instead of the comparison when the result has no city figures. */
  cityNote: z.string().nullable(),
  components: z.array(z.object({ key: ZAssessmentComponentKey, label: ZBilingual, weight: z.number() })),
  ranking: z.array(ZBulletinRankingRow),
  best: ZBulletinNamed.nullable(),
  lagging: ZBulletinNamed.nullable(),
  townships: z.array(ZBulletinTownshipFindings),
  /** Waves named by the assessment whose results could not be read (none closed, or removed). */
  wavesMissing: z.array(z.string()),
  rectification: z.object({ asOf: ZIsoDate, rows: z.array(ZBulletinRectificationRow), total: ZBulletinRectificationRow.nullable(), sentence: z.string() }),
  method: z.array(z.string()),
  sources: z.array(ZBulletinSource),
  generatedAt: z.string(),
});
export type TBulletinModel = z.infer<typeof ZBulletinModel>;

export const bulletinApi = {
  getBulletin: defineContract({ method: 'GET', url: '/api/assessments/:id/bulletin', params: ZBulletinParams, querystring: ZBulletinQuery, response: ZBulletinModel }),
  /** The bulletin as a Word document in the form of GB/T 9704-2012. */
  exportBulletinDocx: defineContract({ method: 'GET', url: '/api/assessments/:id/bulletin.docx', params: ZBulletinParams, querystring: ZBulletinQuery }),
  /** The bulletin's tables as XLSX, safe against formula injection. */
  exportBulletinXlsx: defineContract({ method: 'GET', url: '/api/assessments/:id/bulletin.xlsx', params: ZBulletinParams, querystring: ZBulletinQuery }),
  /** County only: the signs of gaming and internal remarks, never part of the bulletin. */
  exportWorkingNotes: defineContract({ method: 'GET', url: '/api/assessments/:id/working-notes.docx', params: ZBulletinParams }),
};
