import { sql } from 'kysely';
import type { TMissingVisit } from '../../../shared/visits/visit-report-schemas.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { householdCoverageCtes, withReportMemory } from './coverage-sql.ts';
import { findReportScope } from './find-report-campaign.ts';
import { headJoins } from './household-head.ts';

export interface ListMissingVisitsOptions {
  campaignId: string;
  regionCode?: string | undefined;
  status: 'overdue' | 'due';
  limit: number;
  offset: number;
  now?: Date;
}

/**
 * The target households still missing visits (overdue after the deadline, or due before it),
 * paged, by village and household number: the head's name and masked phone only, the assigned
 * cadre, visits counted against those required. Same counting as the coverage report.
 *
 * @example
 * const page = await listMissingVisits({ db, actor }, { campaignId: '7', status: 'overdue', limit: 50, offset: 0 });
 * page.items[0]; // { householdNo: '370921000000123', headName: '王秀英', phoneMasked: '139****1234', missing: 1, … }
 */
export async function listMissingVisits({ db, actor }: ReadContext, options: ListMissingVisitsOptions): Promise<{ items: TMissingVisit[]; total: number; limit: number; offset: number }> {
  const now = options.now ?? new Date();
  const { campaign, region } = await findReportScope({ db, actor }, options);
  const input = { campaignId: campaign.id, countyCode: campaign.countyCode, regionPath: region.path, definition: campaign.definition, now };
  const result = await withReportMemory(db, (trx) => sql<{
    household_id: string;
    household_no: string;
    head_name: string | null;
    phone_masked: string | null;
    village_code: string;
    village_name: string;
    village_level: string;
    cadre_id: string | null;
    cadre_name: string | null;
    cadre_username: string | null;
    hardship: boolean;
    required: number;
    on_time: number;
    late: number;
    total: number;
  }>`WITH ${householdCoverageCtes(input)},
    page AS (
      SELECT hh.*, v.code AS village_code, v.name AS village_name, v.level AS village_level, h.household_no, count(*) OVER ()::int AS total
      FROM hh JOIN region v ON v.id = hh.village_id JOIN household h ON h.id = hh.household_id AND h.county_code = ${campaign.countyCode}
      WHERE hh.status = ${options.status}
      ORDER BY v.code, h.household_no
      LIMIT ${options.limit} OFFSET ${options.offset}
    )
    SELECT page.household_id, page.household_no, page.village_code, page.village_name, page.village_level, page.cadre_id,
           page.hardship, page.required, page.on_time, page.late, page.total,
           u.display_name AS cadre_name, u.username AS cadre_username, head.name AS head_name, ph.phone_masked
    FROM page LEFT JOIN app_user u ON u.id = page.cadre_id ${headJoins('page', campaign.countyCode)}
    ORDER BY page.village_code, page.household_no`.execute(trx));
  let total = result.rows[0]?.total ?? 0;
  if (result.rows.length === 0 && options.offset > 0) {
    const counted = await sql<{ n: number }>`WITH ${householdCoverageCtes(input)} SELECT count(*)::int AS n FROM hh WHERE status = ${options.status}`.execute(db);
    total = counted.rows[0]?.n ?? 0;
  }
  return {
    items: result.rows.map((r) => ({
      householdId: r.household_id,
      householdNo: r.household_no,
      headName: r.head_name,
      phoneMasked: r.phone_masked,
      village: { code: r.village_code, name: r.village_name, level: r.village_level },
      cadre: r.cadre_id === null ? null : { id: r.cadre_id, displayName: r.cadre_name ?? '', username: r.cadre_username ?? '' },
      hardship: r.hardship,
      required: r.required,
      onTime: r.on_time,
      late: r.late,
      missing: Math.max(0, r.required - r.on_time - r.late),
    })),
    total,
    limit: options.limit,
    offset: options.offset,
  };
}
