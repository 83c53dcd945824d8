import type { Actor } from '../../http/context.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { CITY_SPOT_CHECK_COLUMNS, ZCitySpotCheckInput, type TCitySpotCheck } from '../../../shared/assessment/assessment-api-schemas.ts';
import { readSheetRows, SpreadsheetError } from '../../spreadsheets/index.ts';
import { recordAudit } from '../audit/index.ts';
import { countyOf, lockCountySpotChecks } from './assessment-store.ts';
import { upsertSpotCheck, type ParsedSpotCheck } from './city-spot-check-rows.ts';

/** At most this many rows: a city publishes three figures a period. */
const MAX_ROWS = 500;

const FIGURE_WORDS: Record<string, 'index' | 'satisfaction' | 'dissatisfaction'> = {
  index: 'index',
  满意度指数: 'index',
  指数: 'index',
  satisfaction: 'satisfaction',
  满意率: 'satisfaction',
  dissatisfaction: 'dissatisfaction',
  不满意率: 'dissatisfaction',
};

/** Full-width digits and spaces folded, trimmed. */
const clean = (s: string) => s.normalize('NFKC').trim();

/**
 * A date as people type it (2026-10-01, 2026/10/1, 2026年10月1日) → YYYY-MM-DD, or the text
 * unchanged for the schema to refuse.
 *
 * @example
 * normalizeDate('2026/10/1'); // '2026-10-01'
 */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(clean(text));
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : clean(text);
}

function numberOrNull(text: string): number | null | string {
  const t = clean(text).replace(/%$/, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * Imports the city's spot-check figures from an XLSX or a CSV (UTF-8 or GBK, read by the shared
 * spreadsheet worker): a header row with the columns of CITY_SPOT_CHECK_COLUMNS (Chinese or
 * English) under any title rows, then one figure a row. All rows or none: any wrong row answers
 * 422 `city_spot_check_import_invalid` with every row's problem and nothing is written. A figure
 * of a period entered before is replaced. Audited once with the rows.
 *
 * @example
 * await importCitySpotChecks({ db, actor, source }, { file: fs.createReadStream('市级抽查.xlsx') });
 */
export async function importCitySpotChecks(ctx: WriteContext<Actor | null>, options: { file: AsyncIterable<Buffer | Uint8Array>; countyCode?: string; now?: Date }): Promise<{ imported: number; items: TCitySpotCheck[] }> {
  const { db, actor, source } = ctx;
  const countyCode = actor === null ? options.countyCode : actor.countyCode;
  if (!countyCode) throw forbidden();
  const now = options.now ?? new Date();
  const county = await countyOf(db, countyCode);
  const parsed: ParsedSpotCheck[] = [];
  const issues: { path: string; message: string }[] = [];
  try {
    const { rows } = await readSheetRows(options.file);
    let columns: Map<string, number> | null = null;
    const seen = new Map<string, number>();
    for await (const row of rows) {
      const cells = row.cells.map(clean);
      if (columns === null) {
        const found = new Map<string, number>();
        cells.forEach((c, k) => {
          const col = CITY_SPOT_CHECK_COLUMNS.find((x) => x.zh === c || x.en === c.toLowerCase());
          if (col) found.set(col.key, k);
        });
        if (found.has('figure') && found.has('estimate')) columns = found;
        else if (row.rowNo > 10) break;
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      if (parsed.length + issues.length >= MAX_ROWS) {
        issues.push({ path: `rows.${row.rowNo}`, message: `row ${row.rowNo}: more than ${MAX_ROWS} rows` });
        break;
      }
      const get = (key: string) => {
        const at = columns!.get(key);
        return at === undefined ? '' : (cells[at] ?? '');
      };
      const candidate = {
        periodStart: normalizeDate(get('periodStart')),
        periodEnd: normalizeDate(get('periodEnd')),
        figure: FIGURE_WORDS[get('figure').toLowerCase()] ?? get('figure'),
        estimate: numberOrNull(get('estimate')),
        n: numberOrNull(get('n')),
        lower: numberOrNull(get('lower')),
        upper: numberOrNull(get('upper')),
        source: get('source'),
        cityRank: numberOrNull(get('cityRank')),
        cityCounties: numberOrNull(get('cityCounties')),
      };
      const result = ZCitySpotCheckInput.safeParse(candidate);
      if (!result.success) {
        for (const issue of result.error.issues) issues.push({ path: `rows.${row.rowNo}.${issue.path.join('.')}`, message: `row ${row.rowNo}: ${issue.path.join('.')} ${issue.message}`.replace(/: {2}/, ': ') });
        continue;
      }
      const key = `${result.data.figure}|${result.data.periodStart}|${result.data.periodEnd}`;
      if (seen.has(key)) {
        issues.push({ path: `rows.${row.rowNo}`, message: `row ${row.rowNo} repeats ${result.data.figure} of ${result.data.periodStart}–${result.data.periodEnd}` });
        continue;
      }
      seen.set(key, row.rowNo);
      parsed.push(result.data);
    }
    if (columns === null) issues.push({ path: 'header', message: CITY_SPOT_CHECK_COLUMNS.map((c) => c.zh).join(' ') });
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error.toAppError();
    throw error;
  }
  if (issues.length || parsed.length === 0) throw new AppError(422, 'city_spot_check_import_invalid', { issues: issues.length ? issues : [{ path: 'rows', message: 'no rows' }] });
  return db.transaction().execute(async (trx) => {
    await lockCountySpotChecks(trx, countyCode);
    const items: TCitySpotCheck[] = [];
    for (const input of parsed) items.push((await upsertSpotCheck(trx, { countyCode, input, actorId: actor?.id ?? null, now })).after);
    await recordAudit({ db: trx, source }, { action: 'city_spot_check.import', entityType: 'city_spot_check', region: county, after: { rows: items.map((i) => ({ id: i.id, figure: i.figure, periodStart: i.periodStart, periodEnd: i.periodEnd, estimate: i.estimate })) } });
    return { imported: items.length, items };
  });
}
