import type { TPolicyLinkList } from '../../../shared/schemas/policy-publicity.ts';
import { forbidden, unprocessable } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { policyLinksOf } from './list-policy-links.ts';
import { countyOfActor } from './publicity-queries.ts';

/**
 * Sets (or, with `policyCode: null`, removes) the county's link from an awareness question code
 * to a policy, for questionnaire versions published without `policyCode`. Only an administrator
 * bound to the county itself (403 for a township admin); the question code must be an awareness
 * item of one of the county's questionnaires and the policy an active entry of the catalogue
 * (422). Audited with the link before and after.
 *
 * @example
 * const item = await setPolicyLink({ db, actor: countyAdmin, source }, { questionCode: 'Q10c', policyCode: 'dibao' });
 * item.resolved; // => { policyCode: 'dibao', source: 'county_link' } (unless the question names its own)
 */
export async function setPolicyLink({ db, actor, source }: WriteContext, options: { questionCode: string; policyCode: string | null }): Promise<TPolicyLinkList['items'][number]> {
  const county = await countyOfActor(db, actor);
  if (actor.regionPath !== county.path) throw forbidden();
  const countyCode = county.county_code!;
  const current = await policyLinksOf(db, countyCode);
  const item = current.items.find((i) => i.questionCode === options.questionCode);
  if (!item) throw unprocessable('publicity_question_unknown', [{ path: 'questionCode', message: `no awareness question ${options.questionCode}` }]);
  if (options.policyCode !== null) {
    const policy = await db.selectFrom('policy').select('code').where('code', '=', options.policyCode).where('active', '=', true).executeTakeFirst();
    if (!policy) throw unprocessable('publicity_policy_unknown', [{ path: 'policyCode', message: `no active policy ${options.policyCode}` }]);
  }
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('policy_question_link').select('policy_code').where('county_code', '=', countyCode).where('question_code', '=', options.questionCode).forUpdate().executeTakeFirst();
    if (options.policyCode === null) {
      await trx.deleteFrom('policy_question_link').where('county_code', '=', countyCode).where('question_code', '=', options.questionCode).execute();
    } else {
      const values = { policy_code: options.policyCode, updated_by: actor.id, updated_at: new Date() };
      await trx
        .insertInto('policy_question_link')
        .values({ county_code: countyCode, question_code: options.questionCode, ...values })
        .onConflict((oc) => oc.columns(['county_code', 'question_code']).doUpdateSet(values))
        .execute();
    }
    await recordAudit({ db: trx, source }, {
      action: 'policy_link.update',
      entityType: 'policy_link',
      entityId: options.questionCode,
      region: { id: county.id, path: county.path, county_code: countyCode },
      before: { policyCode: before?.policy_code ?? null },
      after: { policyCode: options.policyCode },
    });
  });
  const after = await policyLinksOf(db, countyCode);
  return after.items.find((i) => i.questionCode === options.questionCode)!;
}
