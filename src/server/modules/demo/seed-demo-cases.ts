/**
 * The demo's cases (民情诉求, issue 11 point 11): a few hundred problems over the last three
 * months from every channel (window, phone, visit, 12345 hotline, Open311, the resident page),
 * in every township, routed to villages, townships and county departments — each one lived
 * through the real use cases of the cases module as the accounts that would have acted, on a
 * moving clock (`now` of each step): registered, dispatched, accepted, noted, escalated,
 * returned and dispatched again, resolved, called back (solved, or not solved and reopened to
 * the same unit), closed, merged. A case's life stops at the present, so every state is there,
 * and cases whose unit has not acted in time are overdue. Units differ on purpose (a seeded
 * tier per unit: quick and thorough, ordinary, slow and careless), so the three rates' monthly
 * ranking has something to rank.
 */
import { sql } from 'kysely';
import type { Actor } from '../../http/context.ts';
import type { AuditSource } from '../audit/index.ts';
import {
  acceptCase,
  addCaseNote,
  callbackCase,
  closeCase,
  dispatchCase,
  escalateCase,
  mergeCase,
  registerCase,
  resolveCase,
  returnCase,
  type CaseWriteContext,
} from '../cases/index.ts';
import { OPEN_CASE_STATUSES, type TCaseChannel, type TCaseStatus } from '../../../shared/cases/index.ts';
import { localDate } from '../../../shared/time.ts';
import { addDays, localInstant } from './demo-clock.ts';
import { CASE_TEXTS, ESCALATE_REASONS, GENERAL_TEXTS, NOTES, RETURN_REASONS } from './demo-case-texts.ts';
import { ensureDemoCaseUnits, type DemoCaseUnits } from './demo-case-units.ts';
import { seededRandom, weighted, type Random } from './random.ts';
import { DEMO_COUNTY_CODE, demoVillages } from './seed-demo.ts';

import { DEMO_CASES, DEMO_CASE_DAYS } from './demo-defaults.ts';

export { DEMO_CASES, DEMO_CASE_DAYS };

const CHANNEL_WEIGHTS: Record<Exclude<TCaseChannel, 'survey'>, number> = { window: 0.16, phone: 0.22, visit: 0.1, hotline_12345: 0.24, open311: 0.08, resident_page: 0.2 };

type Tier = 'good' | 'ordinary' | 'poor';
/** How a unit of each tier behaves: hours to accept, working days to resolve, chances. */
const TIERS: Record<Tier, { acceptHours: [number, number]; resolveDays: [number, number]; solved: number; satisfied: number; escalate: number; silent: number }> = {
  good: { acceptHours: [0.3, 3], resolveDays: [0.5, 4], solved: 0.94, satisfied: 0.85, escalate: 0.08, silent: 0 },
  ordinary: { acceptHours: [1, 10], resolveDays: [2, 8], solved: 0.8, satisfied: 0.62, escalate: 0.15, silent: 0.03 },
  poor: { acceptHours: [6, 40], resolveDays: [5, 16], solved: 0.55, satisfied: 0.35, escalate: 0.25, silent: 0.12 },
};
/** Departments' tiers are fixed, so the ranking's story is the same on every machine. */
const DEPARTMENT_TIERS: Record<string, Tier> = { mzj: 'good', zjj: 'good', rsj: 'ordinary', ybj: 'ordinary', wjj: 'ordinary', gaj: 'good', jtj: 'ordinary', wlj: 'ordinary', nyj: 'poor', sthj: 'poor' };

export interface SeedDemoCasesResult {
  created: boolean;
  cases: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  overdue: number;
  merged: number;
  reopened: number;
  ms: number;
}

interface Clock {
  /** The present: no step happens after it. */
  now: Date;
}

const HOUR = 3_600_000;
/** The same instant moved into office hours (09:00–17:00 Shanghai, Monday to Friday), later if needed. */
function officeHours(at: Date, rnd: Random): Date {
  let t = at;
  for (let i = 0; i < 10; i += 1) {
    const local = new Date(t.getTime() + 8 * HOUR);
    const day = local.getUTCDay();
    const hour = local.getUTCHours();
    if (day === 0 || day === 6) t = localInstant(addDays(localDate(t), day === 6 ? 2 : 1), `09:${String(rnd.int(5, 55)).padStart(2, '0')}`);
    else if (hour < 9) t = localInstant(localDate(t), `09:${String(rnd.int(5, 55)).padStart(2, '0')}`);
    else if (hour >= 17) t = localInstant(addDays(localDate(t), 1), `09:${String(rnd.int(5, 55)).padStart(2, '0')}`);
    else return t;
  }
  return t;
}
const later = (at: Date, hours: number, rnd: Random) => officeHours(new Date(at.getTime() + hours * HOUR), rnd);
const between = (rnd: Random, [min, max]: [number, number]) => min + rnd.next() * (max - min);

const sourceOf = (actor: Actor): AuditSource => ({ actorId: actor.id, actorName: actor.username, requestId: null, clientIp: null });

/**
 * Loads the demo cases into the demo county (idempotent: nothing when it has cases already).
 *
 * @example
 * const r = await seedDemoCases({ db, actor: null, source, cipher }, {});
 * r.cases; // 320
 */
export async function seedDemoCases(ctx: CaseWriteContext<null>, options: { now?: Date; seed?: number; cases?: number } = {}): Promise<SeedDemoCasesResult> {
  const started = Date.now();
  const { db } = ctx;
  const now = options.now ?? new Date();
  const empty: SeedDemoCasesResult = { created: false, cases: 0, byStatus: {}, byChannel: {}, overdue: 0, merged: 0, reopened: 0, ms: 0 };
  const county = await db.selectFrom('region').select('id').where('code', '=', DEMO_COUNTY_CODE).executeTakeFirst();
  if (!county) return empty;
  const any = await db.selectFrom('resident_case').select('id').where('county_code', '=', DEMO_COUNTY_CODE).limit(1).executeTakeFirst();
  if (any) return { ...empty, ms: Date.now() - started };

  const rnd = seededRandom(options.seed ?? 20261206);
  const units = await ensureDemoCaseUnits(ctx);
  const tiers = unitTiers(units, rnd);
  const categories = await db
    .selectFrom('case_category as c')
    .select(['c.code', 'c.start_level', 'c.department_id'])
    .where('c.county_code', '=', DEMO_COUNTY_CODE)
    .where('c.active', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_category as k').select('k.id').whereRef('k.parent_id', '=', 'c.id'))))
    .orderBy('c.code')
    .execute();
  const villages = demoVillages();
  const cadreVillages = new Set(units.cadreVillages);
  const visitProblems = await db
    .selectFrom('visit_problem as p')
    .innerJoin('region as v', 'v.id', 'p.village_id')
    .innerJoin('visit as vi', 'vi.id', 'p.visit_id')
    .select(['p.id', 'v.code as village_code', 'vi.visited_at'])
    .where('p.county_code', '=', DEMO_COUNTY_CODE)
    .where('p.case_id', 'is', null)
    .orderBy('p.id')
    .execute();
  const clock: Clock = { now };
  const start = new Date(now.getTime() - DEMO_CASE_DAYS * 24 * HOUR);
  const total = options.cases ?? DEMO_CASES;
  // Registration instants, oldest first, so case numbers follow the calendar.
  const instants = Array.from({ length: total }, () => officeHours(new Date(start.getTime() + rnd.next() * (now.getTime() - start.getTime() - HOUR)), rnd))
    .filter((t) => t.getTime() < now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());

  const filed: { id: string; category: string; village: string; at: Date }[] = [];
  for (const [i, at] of instants.entries()) {
    // The newest case is a 12345 work order that has just come in and waits for the township (registered).
    const newest = i === instants.length - 1;
    const channel = newest ? 'hotline_12345' : weighted(rnd, CHANNEL_WEIGHTS);
    // Now and then the same problem again (same village and category within 20 days): filed, then merged.
    const recent = filed.filter((f) => at.getTime() - f.at.getTime() < 20 * 24 * HOUR);
    const repeat = !newest && recent.length && rnd.next() < 0.05 ? rnd.pick(recent) : null;
    const category = repeat ? categories.find((c) => c.code === repeat.category)! : rnd.pick(categories);
    // A problem the demo campaign's visits raised, while there are some (the demo without a registry has none).
    const problemAt = channel === 'visit' ? visitProblems.findIndex((p) => new Date(p.visited_at).getTime() < at.getTime()) : -1;
    const problem = problemAt >= 0 ? visitProblems.splice(problemAt, 1)[0] : undefined;
    // Most problems come from villages whose cadre works cases; the rest wait on nobody and go overdue.
    const village = repeat?.village ?? problem?.village_code ?? (rnd.next() < 0.85 ? rnd.pick(units.cadreVillages) : rnd.pick(villages.filter((v) => !cadreVillages.has(v.code))).code);
    const texts = CASE_TEXTS[category.code] ?? GENERAL_TEXTS;
    const description = rnd.pick(texts.problems);
    const phone = rnd.next() < 0.75 ? `13${rnd.int(5, 9)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}` : undefined;
    const intake = {
      categoryCode: category.code,
      regionCode: village,
      title: description.length > 30 ? `${description.slice(0, 30)}…` : description,
      description,
      urgent: rnd.next() < 0.04,
      ...(phone ? { contactPhone: phone, contactName: rnd.pick(['张', '王', '李', '刘', '陈', '杨', '赵', '孙']) + rnd.pick(['先生', '女士', '大爷', '大娘']) } : {}),
      consentContact: phone !== undefined,
    };
    const township = village.slice(0, 9);
    // The window and the phone are the township's (or county's) clerks; a visit's problem is the village cadre's.
    const townshipClerk = units.townshipAdmins.get(regionIdOf(units, township)) ?? units.countyAdmin;
    const clerk = channel === 'window' || channel === 'phone' ? townshipClerk : channel === 'visit' ? (units.regions.get(regionIdOf(units, village)) ?? townshipClerk) : null;
    const caseCtx: CaseWriteContext = clerk ? { ...ctx, actor: clerk, source: sourceOf(clerk) } : ctx;
    // A duplicate of a recent case (same village and category): filed, then merged into it.
    const original = repeat ?? filed.find((f) => f.village === village && f.category === category.code && at.getTime() - f.at.getTime() < 20 * 24 * HOUR);
    const registered = await registerCase(caseCtx, {
      channel,
      intake,
      ...(clerk ? {} : { countyCode: DEMO_COUNTY_CODE }),
      ...(channel === 'hotline_12345' ? { externalRef: `12345-${localDate(at).replaceAll('-', '')}-${String(rnd.int(1, 99_999)).padStart(5, '0')}` } : {}),
      ...(channel === 'open311' ? { public: true } : {}),
      // A 12345 work order waits for the township to dispatch it by hand.
      ...(channel === 'hotline_12345' ? { autoDispatch: false } : {}),
      ...(problem ? { sourceVisitProblemId: problem.id } : {}),
      now: at,
    });
    if (original && !newest && (repeat || rnd.next() < 0.6)) {
      const dispatcher = dispatcherOf(units, village);
      const mergeAt = later(at, between(rnd, [0.5, 6]), rnd);
      if (mergeAt < clock.now && (await isOpen(ctx, original.id))) {
        await mergeCase({ ...ctx, actor: dispatcher, source: sourceOf(dispatcher) }, { id: registered.id, intoId: original.id, note: '同一问题重复反映，合并办理', now: mergeAt });
        continue;
      }
    }
    filed.push({ id: registered.id, category: category.code, village, at });
    if (newest) continue;
    await liveCase(ctx, { caseId: registered.id, village, category: category.code, departmentId: category.department_id, at, units, tiers, rnd, clock });
  }
  return { ...(await summarize(ctx, now)), created: true, ms: Date.now() - started };
}

function regionIdOf(units: DemoCaseUnits, code: string): string {
  for (const [id, actor] of units.regions) if (actor.regionCode === code) return id;
  return '';
}

/** Who dispatches and calls back a case of `village`: its township's admin, else the county's. */
function dispatcherOf(units: DemoCaseUnits, village: string): Actor {
  return units.townshipAdmins.get(regionIdOf(units, village.slice(0, 9))) ?? units.countyAdmin;
}

/** A tier per unit: departments fixed, regions drawn (a fifth good, a quarter poor). */
function unitTiers(units: DemoCaseUnits, rnd: Random): Map<string, Tier> {
  const tiers = new Map<string, Tier>();
  for (const [id, actor] of units.departments) {
    const code = actor.username === 'minzheng' ? 'mzj' : actor.username.replace(/^dept-/, '');
    tiers.set(`d${id}`, DEPARTMENT_TIERS[code] ?? 'ordinary');
  }
  for (const id of [...units.regions.keys()].sort()) tiers.set(`r${id}`, weighted(rnd, { good: 0.3, ordinary: 0.45, poor: 0.25 }));
  return tiers;
}

async function isOpen({ db }: CaseWriteContext<null>, id: string): Promise<boolean> {
  const c = await db.selectFrom('resident_case').select('status').where('county_code', '=', DEMO_COUNTY_CODE).where('id', '=', id).executeTakeFirstOrThrow();
  // The cases module's own list: a resolved case waits for its callback and takes no merge.
  return OPEN_CASE_STATUSES.includes(c.status as TCaseStatus);
}

async function currentUnit({ db }: CaseWriteContext<null>, id: string) {
  return db.selectFrom('resident_case').select(['status', 'unit_region_id', 'unit_department_id', 'reopen_count']).where('county_code', '=', DEMO_COUNTY_CODE).where('id', '=', id).executeTakeFirstOrThrow();
}

interface LiveCase {
  caseId: string;
  village: string;
  category: string;
  /** The category's county department, where a returned case is sent next. */
  departmentId: string | null;
  at: Date;
  units: DemoCaseUnits;
  tiers: Map<string, Tier>;
  rnd: Random;
  clock: Clock;
}

/**
 * One case's life after its registration, step by step as its unit and dispatcher would take
 * them, until it is closed or the next step would be after the present.
 */
async function liveCase(ctx: CaseWriteContext<null>, { caseId, village, category, departmentId, at, units, tiers, rnd, clock }: LiveCase): Promise<void> {
  const as = (actor: Actor): CaseWriteContext<Actor> => ({ ...ctx, actor, source: sourceOf(actor) });
  const dispatcher = dispatcherOf(units, village);
  const texts = CASE_TEXTS[category] ?? GENERAL_TEXTS;
  let t = at;
  const due = (next: Date) => next.getTime() < clock.now.getTime();
  for (let round = 0; round < 8; round += 1) {
    const c = await currentUnit(ctx, caseId);
    if (c.status === 'registered') {
      // With the dispatcher: a 12345 work order not yet dispatched goes to the village; a returned or
      // escalated case on to the category's department, or to the township.
      const next = later(t, between(rnd, [1, 20]), rnd);
      if (!due(next)) return;
      const fresh = round === 0;
      const unit = fresh ? { regionCode: village } : departmentId ? { departmentId } : { regionCode: village.slice(0, 9) };
      await dispatchCase(as(dispatcher), { id: caseId, unit, note: fresh ? '' : '重新派单', now: next });
      t = next;
      continue;
    }
    const unitActor = c.unit_department_id ? units.departments.get(c.unit_department_id) : c.unit_region_id ? units.regions.get(c.unit_region_id) : undefined;
    // A unit nobody works for (a village without a cadre account) never acts: the case goes overdue.
    if (!unitActor) return;
    const tier = TIERS[tiers.get(c.unit_department_id ? `d${c.unit_department_id}` : `r${c.unit_region_id}`) ?? 'ordinary'];
    if (c.status === 'dispatched') {
      if (rnd.next() < tier.silent) return; // never accepted: overdue
      const next = later(t, between(rnd, tier.acceptHours), rnd);
      if (!due(next)) return;
      // A few cases reach the wrong unit, which hands them back.
      if (rnd.next() < 0.04) {
        await returnCase(as(unitActor), { id: caseId, reason: rnd.pick(RETURN_REASONS), now: next });
        t = next;
        continue;
      }
      await acceptCase(as(unitActor), { id: caseId, now: next });
      t = next;
      continue;
    }
    if (c.status === 'accepted' || c.status === 'in_progress') {
      const isDepartment = c.unit_department_id !== null;
      if (!isDepartment && c.reopen_count === 0 && rnd.next() < tier.escalate) {
        const next = later(t, between(rnd, [2, 30]), rnd);
        if (!due(next)) return;
        await escalateCase(as(unitActor), { id: caseId, reason: rnd.pick(ESCALATE_REASONS), now: next });
        t = next;
        continue;
      }
      if (c.status === 'accepted' && rnd.next() < 0.5) {
        const next = later(t, between(rnd, [1, 16]), rnd);
        if (!due(next)) return;
        await addCaseNote(as(unitActor), { id: caseId, note: rnd.pick(NOTES), now: next });
        t = next;
      }
      if (rnd.next() < tier.silent) return; // stuck in progress: overdue
      const next = later(t, between(rnd, tier.resolveDays) * 8, rnd);
      if (!due(next)) return;
      const sloppy = rnd.next() > tier.solved;
      await resolveCase(as(unitActor), { id: caseId, resolution: sloppy ? '已向当事人解释相关政策' : rnd.pick(texts.resolutions), now: next });
      t = next;
      // The call back decides whether it was solved: a sloppy resolution mostly is not.
      const solved = sloppy ? rnd.next() < 0.25 : rnd.next() < 0.97;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const call = later(t, between(rnd, [4, 40]), rnd);
        if (!due(call)) return;
        t = call;
        if (rnd.next() < 0.1) {
          await callbackCase(as(dispatcher), { id: caseId, outcome: 'unreachable', now: call });
          continue;
        }
        const satisfaction = !solved ? 'dissatisfied' : rnd.next() < tier.satisfied ? 'satisfied' : rnd.next() < 0.7 ? 'basically_satisfied' : 'dissatisfied';
        // Reopened once at most: the second resolution is believed.
        const reallySolved = solved || c.reopen_count > 0;
        await callbackCase(as(dispatcher), { id: caseId, outcome: 'reached', solved: reallySolved, satisfaction: reallySolved && satisfaction === 'dissatisfied' && !solved ? 'basically_satisfied' : satisfaction, now: call });
        break;
      }
      continue;
    }
    if (c.status === 'resolved') {
      // Three unanswered call-backs: the dispatcher closes it without one.
      const next = later(t, between(rnd, [2, 24]), rnd);
      if (!due(next)) return;
      await closeCase(as(dispatcher), { id: caseId, note: '多次回访未接通，按规定结案', now: next });
      return;
    }
    if (c.status === 'called_back') {
      const next = later(t, between(rnd, [1, 30]), rnd);
      if (!due(next)) return;
      await closeCase(as(dispatcher), { id: caseId, now: next });
      return;
    }
    return;
  }
}

/** What the demo holds now: cases by status and channel, overdue open assignments, merges, reopenings. */
async function summarize({ db }: CaseWriteContext<null>, now: Date): Promise<Omit<SeedDemoCasesResult, 'created' | 'ms'>> {
  const rows = await db.selectFrom('resident_case').select(['status', 'channel', 'reopen_count']).where('county_code', '=', DEMO_COUNTY_CODE).execute();
  const byStatus: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
  }
  const overdue = await db
    .selectFrom('case_assignment')
    .select(sql<string>`count(*)::text`.as('n'))
    .where('county_code', '=', DEMO_COUNTY_CODE)
    .where('ended_at', 'is', null)
    .where('resolved_at', 'is', null)
    .where('resolve_due_at', '<', now)
    .executeTakeFirstOrThrow();
  return { cases: rows.length, byStatus, byChannel, overdue: Number(overdue.n), merged: byStatus.merged ?? 0, reopened: rows.filter((r) => r.reopen_count > 0).length };
}
