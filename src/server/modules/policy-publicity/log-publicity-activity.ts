import { ZPublicityActivityInput, type TPublicityActivity, type TPublicityActivityInput } from '../../../shared/schemas/policy-publicity.ts';
import { localDate } from '../../../shared/time.ts';
import { unprocessable } from '../../http/errors.ts';
import { findRegionInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { countyOfActor, readActivities } from './publicity-queries.ts';

/**
 * Logs a publicity activity (政策宣传活动) held in a township or village of the caller's subtree
 * (404 outside it, whether or not it exists; 422 for another level), on a Shanghai date not
 * after today, explaining one or more active policies of the catalogue (422 otherwise). The
 * activity and its policies are written with the audit entry in one transaction.
 *
 * @example
 * const activity = await logPublicityActivity({ db, actor, source }, { activity: { regionCode: '370921104', kind: 'meeting', heldOn: '2026-11-20', title: '低保政策宣讲会', audience: 80, policyCodes: ['dibao'] } });
 */
export async function logPublicityActivity({ db, actor, source }: WriteContext, options: { activity: TPublicityActivityInput; now?: Date }): Promise<TPublicityActivity> {
  const input = ZPublicityActivityInput.parse(options.activity);
  const county = await countyOfActor(db, actor);
  const region = await findRegionInScope(db, actor, input.regionCode);
  if (region.level !== 'township' && region.level !== 'village') throw unprocessable('publicity_region_level', [{ path: 'regionCode', message: 'a township or a village' }]);
  if (input.heldOn > localDate(options.now ?? new Date())) throw unprocessable('validation_failed', [{ path: 'heldOn', message: 'not after today' }]);
  const policyCodes = [...new Set(input.policyCodes)].sort();
  const active = await db.selectFrom('policy').select('code').where('code', 'in', policyCodes).where('active', '=', true).execute();
  const missing = policyCodes.filter((code) => !active.some((p) => p.code === code));
  if (missing.length) throw unprocessable('publicity_policy_unknown', missing.map((code) => ({ path: 'policyCodes', message: `no active policy ${code}` })));
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('publicity_activity')
      .values({ county_code: county.county_code!, region_id: region.id, region_path: region.path, kind: input.kind, held_on: input.heldOn, title: input.title, audience: input.audience, note: input.note, created_by: actor.id, created_at: options.now ?? new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('publicity_activity_policy').values(policyCodes.map((code) => ({ activity_id: row.id, policy_code: code }))).execute();
    await recordAudit({ db: trx, source }, {
      action: 'publicity_activity.create',
      entityType: 'publicity_activity',
      entityId: row.id,
      region: { id: region.id, path: region.path, county_code: region.county_code },
      after: { regionCode: region.code, kind: input.kind, heldOn: input.heldOn, title: input.title, audience: input.audience, policyCodes },
    });
    return row.id;
  });
  return (await readActivities(db, [id], county))[0]!;
}
