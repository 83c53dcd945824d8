import { sql } from 'kysely';
import type { TFlagReview } from '../../../shared/visits/visit-report-schemas.ts';
import { notFound } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { listVisitFlags } from './list-visit-flags.ts';

export interface ReviewVisitFlagOptions {
  campaignId: string;
  flagKey: string;
  conclusion: 'explained' | 'confirmed';
  note: string;
  /** The settings the flag was listed with (a burst's key depends on them). */
  burstLimit?: number;
  burstMinutes?: number;
  waveId?: string | undefined;
  now?: Date;
}

/**
 * The county's review of one paper-visit flag: explained (情况属实、已说明) or confirmed (确认为
 * 虚假走访), with a note. Only a flag the campaign shows now can be reviewed (404 otherwise); a
 * second review replaces the first, and both are in the audit log with before and after. The
 * review concludes nothing by itself: no visit is voided and no one is penalised here.
 *
 * @example
 * await reviewVisitFlag({ db, actor, source }, { campaignId: '7', flagKey: 'night:12:2026-12-01', conclusion: 'explained', note: '夜间送医，有村委会证明' });
 */
export async function reviewVisitFlag({ db, actor, source }: WriteContext, options: ReviewVisitFlagOptions): Promise<{ flagKey: string; review: TFlagReview }> {
  const flags = await listVisitFlags({ db, actor }, options);
  const flag = flags.items.find((f) => f.key === options.flagKey);
  if (!flag) throw notFound();
  const campaign = await db
    .selectFrom('visit_campaign as c')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .select(['c.county_code', 'r.id', 'r.path', 'r.county_code as region_county'])
    .where('c.id', '=', options.campaignId)
    .executeTakeFirstOrThrow();
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('visit_flag_review')
      .select(['conclusion', 'note', 'reviewed_by', 'reviewed_at'])
      .where('campaign_id', '=', options.campaignId)
      .where('flag_key', '=', options.flagKey)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('visit_flag_review')
      .values({ campaign_id: options.campaignId, flag_key: options.flagKey, county_code: campaign.county_code, conclusion: options.conclusion, note: options.note, reviewed_by: actor.id })
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'flag_key']).doUpdateSet({ conclusion: options.conclusion, note: options.note, reviewed_by: actor.id, reviewed_at: sql`now()` }),
      )
      .returning(['reviewed_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(
      { db: trx, source },
      {
        action: 'visit_flag.review',
        entityType: 'visit_campaign',
        entityId: options.campaignId,
        region: { id: campaign.id, path: campaign.path, county_code: campaign.region_county },
        before: before ? { flagKey: options.flagKey, conclusion: before.conclusion, note: before.note } : null,
        after: { flagKey: options.flagKey, kind: flag.kind, conclusion: options.conclusion, note: options.note },
      },
    );
    return { flagKey: options.flagKey, review: { conclusion: options.conclusion, note: options.note, reviewedBy: { id: actor.id, displayName: actor.displayName }, reviewedAt: new Date(row.reviewed_at).toISOString() } };
  });
}
