import type { TGamingFlag, TGamingFlagList } from '../../../shared/assessment/gaming-schemas.ts';
import { readJson } from '../../db/json-columns.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { isInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

/** The flag columns every answer about a flag reads. */
export function flagQuery(db: Kysely<DB>) {
  return db
    .selectFrom('gaming_flag as f')
    .innerJoin('region as t', 't.id', 'f.township_id')
    .leftJoin('app_user as u', 'u.id', 'f.reviewed_by')
    .select(['f.id', 'f.wave_id', 'f.county_code', 'f.signal', 'f.severity', 'f.evidence', 'f.status', 'f.review_note', 'f.reviewed_by', 'f.reviewed_at', 'f.detected_at', 't.code', 't.name', 't.name_en', 'u.display_name']);
}

type FlagRow = Awaited<ReturnType<ReturnType<typeof flagQuery>['execute']>>[number];

/** A flag row as the API answers it. */
export const toFlag = (r: FlagRow): TGamingFlag => ({
  id: r.id,
  waveId: r.wave_id,
  township: { code: r.code, name: r.name, nameEn: r.name_en },
  signal: r.signal,
  severity: r.severity,
  evidence: readJson('gaming_flag.evidence', r.evidence),
  status: r.status,
  reviewNote: r.review_note,
  reviewedBy: r.reviewed_by ? { id: r.reviewed_by, displayName: r.display_name ?? '' } : null,
  reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
  detectedAt: new Date(r.detected_at).toISOString(),
});

/** The county of a county-level actor (null for anyone else: the route admits county roles only). */
export async function countyOfActor(db: Kysely<DB>, actor: Actor): Promise<{ id: string; code: string; path: string } | null> {
  if (!actor.countyCode) return null;
  const county = await db.selectFrom('region').select(['id', 'code', 'path']).where('code', '=', actor.countyCode).where('level', '=', 'county').executeTakeFirst();
  return county && isInScope(actor, county.path) ? county : null;
}

/**
 * A closed wave's signs of gaming with their evidence (the latest closed wave when none is
 * named), worst first, filtered by review status; and the county's closed waves with their
 * counts, for the picker. County-only: an actor whose region is not a county (or above) sees
 * nothing (404). The dashboard and the bulletin's working notes read `gaming_flag` directly.
 *
 * @example
 * const list = await listGamingFlags({ db, actor }, { status: 'new' });
 * list.items[0]?.evidence.summary['zh-CN'];
 */
export async function listGamingFlags({ db, actor }: ReadContext, options: { waveId?: string | undefined; status?: TGamingFlag['status'] | undefined }): Promise<TGamingFlagList> {
  const county = await countyOfActor(db, actor);
  if (!county) throw notFound();
  const waveRows = await db
    .selectFrom('survey_wave as w')
    .leftJoin('gaming_flag as f', 'f.wave_id', 'w.id')
    .select(['w.id', 'w.name', 'w.ends_on'])
    .select((eb) => [eb.fn.count<string>('f.id').as('flags'), eb.fn.count<string>('f.id').filterWhere('f.status', '=', 'new').as('open')])
    .where('w.county_code', '=', county.code)
    .where('w.status', '=', 'closed')
    .groupBy(['w.id', 'w.name', 'w.ends_on'])
    .orderBy('w.ends_on', 'desc')
    .orderBy('w.id', 'desc')
    .execute();
  const waves = waveRows.map((w) => ({ id: w.id, name: w.name, endsOn: String(w.ends_on), flags: Number(w.flags), open: Number(w.open) }));
  const wave = options.waveId === undefined ? (waves[0] ?? null) : (waves.find((w) => w.id === options.waveId) ?? null);
  if (options.waveId !== undefined && !wave) throw notFound();
  if (!wave) return { wave: null, waves, items: [] };
  let q = flagQuery(db).where('f.wave_id', '=', wave.id).where('f.county_code', '=', county.code);
  if (options.status) q = q.where('f.status', '=', options.status);
  const rows = await q.execute();
  const severity = { review: 0, watch: 1 };
  const items = rows.map(toFlag).sort((a, b) => severity[a.severity] - severity[b.severity] || a.township.code.localeCompare(b.township.code) || a.signal.localeCompare(b.signal));
  return { wave, waves, items };
}
