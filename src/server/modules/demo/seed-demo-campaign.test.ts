import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import fs from 'node:fs';
import { testCipher, testVisitFiles } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import { cliAuditSource } from '../audit/index.ts';
import { loadActor } from '../auth/index.ts';
import { getMyWork } from '../campaigns/index.ts';
import { getCampaignCoverage, summarizeCampaignCoverage } from '../visit-reports/index.ts';
import { storedFilePath } from '../visit-files/index.ts';
import { seedDemo } from './seed-demo.ts';
import { seedDemoCampaign, type SeedDemoCampaignResult } from './seed-demo-campaign.ts';
import { seedDemoRegistry } from './seed-demo-registry.ts';

const source = cliAuditSource('test');
const NOW = new Date('2026-12-06T04:00:00Z');

for (const dialect of DIALECTS) {
  describe(`demo campaign [${dialect.name}]`, () => {
    let database: Awaited<ReturnType<typeof dialect.open>>;
    let db: Kysely<DB>;
    let seeded: SeedDemoCampaignResult;
    const files = testVisitFiles();

    beforeAll(async () => {
      database = await dialect.open();
      db = database.db;
      await seedDemo({ db, actor: null, source });
      await seedDemoRegistry({ db, actor: null, source, cipher: testCipher }, { households: 3_000 });
      seeded = await seedDemoCampaign({ db, actor: null, source }, { now: NOW, files });
    }, 600_000);
    afterAll(async () => database?.close());

    it('keeps its coverage (visit_coverage, written by the opening and the visits’ own use cases) as the rollup counts it', async () => {
      const actor = (await loadActor({ db, actor: null }, { username: 'admin' }))!;
      const pick = (r: { targets: number; visited: number; visitedLate: number; hardshipTargets: number; hardshipVisited: number; due: number; overdue: number }) =>
        [r.targets, r.visited, r.visitedLate, r.hardshipTargets, r.hardshipVisited, r.due, r.overdue];
      // At the seed's now, visits recorded by the wall clock lie after it: counted from scratch.
      for (const [now, source] of [[NOW, 'counted'], [new Date('2030-01-01T00:00:00Z'), 'kept']] as const) {
        const kept = await summarizeCampaignCoverage({ db, actor }, { campaignId: seeded.campaignId!, now });
        const counted = await getCampaignCoverage({ db, actor }, { campaignId: seeded.campaignId!, now });
        expect(kept.source).toBe(source);
        expect(kept.total.visited).toBeGreaterThan(0);
        expect(pick(kept.total)).toEqual(pick(counted.total));
        expect(kept.rows.map((r) => [r.region.code, ...pick(r)])).toEqual(counted.rows.map((r) => [r.region!.code, ...pick(r)]));
      }
    });

    it('opens the winter campaign of every hardship household, as the county admin, on its first morning', async () => {
      expect(seeded).toMatchObject({ created: true, skipped: null });
      const campaign = await db.selectFrom('visit_campaign').selectAll().where('id', '=', seeded.campaignId!).executeTakeFirstOrThrow();
      expect(campaign).toMatchObject({ name: '2026年冬季集中走访慰问', kind: 'hardship', status: 'open', starts_on: '2026-11-15', ends_on: '2026-12-31', deadline: '2026-12-31', grace_days: 7 });
      expect(campaign.opened_at?.toISOString()).toBe('2026-11-15T00:30:00.000Z');
      const definition = readJson('visit_campaign.definition', campaign.definition);
      expect(definition.done).toEqual({ deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2 });
      expect(definition.aidStandards.find((s) => s.categoryCode === 'tekun')?.items[0]).toMatchObject({ amountFen: 50_000, goods: [{ name: '大米', quantity: 1 }, { name: '食用油', quantity: 1 }] });
      expect(definition.budgets.length).toBe(seeded.townships);
      expect(definition.budgets.every((b) => b.budgetFen > 0 && b.budgetFen % 1_000_000 === 0)).toBe(true);
      const hardship = await db
        .selectFrom('household as h')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where((eb) => eb.exists(eb.selectFrom('household_hardship as hh').select('hh.id').whereRef('hh.household_id', '=', 'h.id').where('hh.valid_to', 'is', null)))
        .executeTakeFirstOrThrow();
      expect(seeded.targets).toBe(Number(hardship.n));
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_type', '=', 'visit_campaign').orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['visit_campaign.create', 'visit_campaign.open']);
    });

    it('gives the demo cadre their paired families by name and their village’s others as a group', async () => {
      const cadre = (await loadActor({ db, actor: null }, { username: 'cadre' }))!;
      const work = await getMyWork({ db, actor: cadre }, { now: NOW });
      expect(work.campaigns.map((c) => c.name)).toEqual(['2026年冬季集中走访慰问']);
      const paired = await db.selectFrom('pairing').select('household_id').where('cadre_id', '=', cadre.id).where('ended_on', 'is', null).execute();
      const mine = work.households.filter((h) => h.assignedToMe).map((h) => h.householdId).sort();
      expect(mine).toEqual(paired.map((p) => p.household_id).sort());
      // The simulated visits (simulate-visits.ts) have already reached some of them.
      expect(work.households.every((h) => ['due', 'done'].includes(h.status) && h.required === 2 && h.villageCode === `${cadre.regionCode}`)).toBe(true);
    });

    it('stores its photos and signatures as real images on disk', async () => {
      const stored = await db.selectFrom('stored_file').select(['sha256', 'kind', 'perceptual_hash']).execute();
      expect(stored.filter((f) => f.kind === 'photo').length).toBeGreaterThan(3);
      expect(stored.filter((f) => f.kind === 'signature').length).toBeGreaterThan(0);
      for (const f of stored) expect(fs.existsSync(storedFilePath(files.dir, f.sha256)), f.sha256).toBe(true);
    });

    it('is seeded once', async () => {
      expect(await seedDemoCampaign({ db, actor: null, source }, { now: NOW, files })).toMatchObject({ created: false, skipped: 'exists' });
    });

    it('simulates visits through recordVisit: partly done, aid acknowledged, one aid conflict, paper-visit signs', async () => {
      const v = seeded.visits!;
      expect(v.visits).toBeGreaterThan(0);
      expect(v.aidConflicts).toBe(1);
      const targets = Number((await db.selectFrom('visit_target').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', seeded.campaignId!).executeTakeFirstOrThrow()).n);
      const visited = Number((await db.selectFrom('visit').select((eb) => eb.fn.count('household_id').distinct().as('n')).where('campaign_id', '=', seeded.campaignId!).executeTakeFirstOrThrow()).n);
      expect(visited / targets).toBeGreaterThan(0.4);
      expect(visited / targets).toBeLessThan(0.8);
      const twice = await db.selectFrom('visit').select('household_id').where('campaign_id', '=', seeded.campaignId!).groupBy('household_id').having((eb) => eb.fn.countAll(), '>', 1).execute();
      expect(twice.length).toBeGreaterThan(0);
      // The same photo on two households, and visits at 23:00 Shanghai time.
      const shared = await db.selectFrom('visit_photo').select('sha256').groupBy('sha256').having((eb) => eb.fn.count('household_id').distinct(), '>', 1).execute();
      expect(shared).toHaveLength(1);
      const visits = await db.selectFrom('visit').select(['visited_at', 'recorded_by']).where('campaign_id', '=', seeded.campaignId!).execute();
      expect(visits.filter((x) => x.visited_at.getUTCHours() === 15 && x.visited_at.getUTCMinutes() === 0).length).toBeGreaterThanOrEqual(1);
      expect(v.problems).toBeGreaterThan(0);
      expect(v.proposals).toBeGreaterThan(0);
      expect(await db.selectFrom('aid_delivery').select('acknowledgement').where('campaign_id', '=', seeded.campaignId!).execute()).not.toHaveLength(0);
    });
  });
}
