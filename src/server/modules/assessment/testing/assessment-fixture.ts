/**
 * Assessments at each stage for route tests (access matrix, bad input): a scheme weighing only
 * rectification on time, over the first quarter of 2025 (before any test's survey wave), with one
 * accepted task per township so it computes in any county.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { cliAuditSource } from '../../audit/index.ts';
import { addAdjustment } from '../add-adjustment.ts';
import { computeAssessment } from '../compute-assessment.ts';
import { createAssessment } from '../create-assessment.ts';
import { publishAssessment } from '../publish-assessment.ts';

export const FIXTURE_PERIOD = { periodStart: '2025-01-01', periodEnd: '2025-03-31' };
export const FIXTURE_SCHEME = { components: [{ key: 'rectification_on_time' as const, weight: 1, scaling: { kind: 'fixed' as const, worst: 0, best: 1 } }], waveIds: [] };

async function ensureTasks(db: Kysely<DB>, countyCode: string) {
  const townships = await db.selectFrom('region as t').innerJoin('region as c', 'c.id', 't.parent_id').select(['t.id', 't.path']).where('c.code', '=', countyCode).where('t.level', '=', 'township').execute();
  const have = await db.selectFrom('rectification_task').select('township_id').where('county_code', '=', countyCode).where('due_on', '=', '2025-03-01').execute();
  const missing = townships.filter((t) => !have.some((h) => h.township_id === t.id));
  if (!missing.length) return;
  await db
    .insertInto('rectification_task')
    .values(
      missing.map((t) => ({
        county_code: countyCode,
        task_no: `ZG-FX-${crypto.randomUUID().slice(0, 8)}`,
        source: 'manual' as const,
        status: 'accepted' as const,
        township_id: t.id,
        region_path: t.path,
        owner_region_id: t.id,
        title: '测试整改',
        problem: '测试',
        // The column's default ('{}') is no valid evidence: a list that shows these tasks would refuse it.
        evidence: JSON.stringify({ kind: 'manual', reason: 'manual' }),
        due_on: '2025-03-01',
        submitted_at: new Date('2025-02-20T02:00:00Z'),
        accepted_at: new Date('2025-02-25T02:00:00Z'),
      })),
    )
    .execute();
}

/**
 * @example
 * const { id, adjustmentId } = await insertAssessment(db, { countyCode: '370921', stage: 'published' });
 */
export async function insertAssessment(db: Kysely<DB>, o: { countyCode: string; stage: 'draft' | 'computed' | 'published'; previousId?: string }): Promise<{ id: string; adjustmentId: string | null }> {
  const ctx = { db, actor: null, source: cliAuditSource('test') };
  await ensureTasks(db, o.countyCode);
  const created = await createAssessment(ctx, { countyCode: o.countyCode, input: { name: `测试考核 ${crypto.randomUUID().slice(0, 6)}`, ...FIXTURE_PERIOD, scheme: FIXTURE_SCHEME, previousId: o.previousId ?? null } });
  let adjustmentId: string | null = null;
  const township = created.townships[0];
  if (township) {
    const withItem = await addAdjustment(ctx, { assessmentId: created.id, input: { townshipCode: township.code, points: 1, reason: '测试加分' } });
    adjustmentId = withItem.adjustments[0]!.id;
  }
  if (o.stage !== 'draft') await computeAssessment(ctx, { assessmentId: created.id });
  if (o.stage === 'published') await publishAssessment(ctx, { assessmentId: created.id });
  return { id: created.id, adjustmentId };
}
