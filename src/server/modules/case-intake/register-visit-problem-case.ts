import type { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';
import type { TIntakeCase } from '../../../shared/cases/case-channel-schemas.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { isInScope } from '../../scope/index.ts';
import { registerCase, type CaseWriteContext } from '../cases/index.ts';

export interface RegisterVisitProblemCaseOptions {
  /** The visit problem (visit_problem.id). */
  id: string;
  /** The category; by default the first active category of the problem's survey domain. */
  categoryCode?: string | undefined;
  urgent?: boolean | undefined;
  now?: Date;
}

const TITLE_LENGTH = 30;

/**
 * Makes a problem a family raised in a visit (走访问题) a case: the problem's text, its village,
 * the household's head as the resident (linked, with the head's first phone for call-backs),
 * channel 'visit'. The problem must be inside the actor's area (404) and still open (409
 * visit_problem_not_open); it is locked while the case is registered, and registerCase marks it
 * case_opened with the case's id in the same transaction, so two clicks make one case.
 *
 * @example
 * const c = await registerVisitProblemCase({ db, actor, source, cipher }, { id: '17', categoryCode: 'env-road-light' });
 * c.caseNo; // 'MQ20261206000051'
 */
export async function registerVisitProblemCase(ctx: CaseWriteContext<Actor>, options: RegisterVisitProblemCaseOptions): Promise<TIntakeCase> {
  const { actor } = ctx;
  if (!actor.countyCode) throw notFound();
  const county = actor.countyCode;
  return ctx.db.transaction().execute(async (trx) => {
    const problem = await trx
      .selectFrom('visit_problem as p')
      .innerJoin('region as vr', 'vr.id', 'p.village_id')
      .innerJoin('visit as v', 'v.id', 'p.visit_id')
      .select(['p.id', 'p.text', 'p.domain', 'p.status', 'p.household_id', 'vr.code as village_code', 'vr.path', 'v.voided_at'])
      .where('p.county_code', '=', county)
      .where('v.county_code', '=', county)
      .where('p.id', '=', options.id)
      .forUpdate('p')
      .executeTakeFirst();
    if (!problem || problem.voided_at !== null || !isInScope(actor, problem.path)) throw notFound();
    if (problem.status !== 'open') throw new AppError(409, 'visit_problem_not_open');

    let categoryCode = options.categoryCode;
    if (categoryCode === undefined) {
      const first = await trx
        .selectFrom('case_category as c')
        .select('c.code')
        .where('c.county_code', '=', county)
        .where('c.active', '=', true)
        .where('c.domain', '=', problem.domain as (typeof SURVEY_DOMAINS)[number])
        // A leaf (a category without active children) before its branch.
        .orderBy((eb) => eb.exists(eb.selectFrom('case_category as k').select('k.id').whereRef('k.parent_id', '=', 'c.id').where('k.active', '=', true)), 'asc')
        .orderBy('c.sort')
        .orderBy('c.code')
        .executeTakeFirst();
      if (!first) throw new AppError(422, 'case_category_unknown');
      categoryCode = first.code;
    }

    const head = await trx
      .selectFrom('resident as r')
      .leftJoin('resident_phone as ph', (j) => j.onRef('ph.resident_id', '=', 'r.id').onRef('ph.county_code', '=', 'r.county_code'))
      .select(['r.id', 'r.name', 'ph.phone_cipher'])
      .where('r.county_code', '=', county)
      .where('r.household_id', '=', problem.household_id)
      .where('r.relationship', '=', '户主')
      .where('r.active', '=', true)
      .orderBy('ph.id')
      .executeTakeFirst();

    const text = problem.text.trim();
    const made = await registerCase(
      { ...ctx, db: trx },
      {
        channel: 'visit',
        sourceVisitProblemId: problem.id,
        ...(options.now ? { now: options.now } : {}),
        intake: {
          categoryCode,
          regionCode: problem.village_code,
          title: text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH)}…` : text,
          description: text,
          ...(options.urgent !== undefined ? { urgent: options.urgent } : {}),
          ...(head ? { residentId: head.id, contactName: head.name } : {}),
          ...(head?.phone_cipher ? { contactPhone: ctx.cipher.decrypt(head.phone_cipher) } : {}),
        },
      },
    );
    return { id: made.id, caseNo: made.caseNo, status: made.status };
  });
}
