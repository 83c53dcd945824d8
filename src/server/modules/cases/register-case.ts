import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { isPathInSubtree } from '../../scope/index.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import type { TCaseChannel, TCaseIntake, TCaseStatus } from '../../../shared/cases/index.ts';
import { parseIdNumber } from '../../../shared/registry/id-number.ts';
import { maskPhone, parsePhone } from '../../../shared/registry/phone.ts';
import { assignCase } from './assign-case.ts';
import { caseNumber, trackingCode } from './case-numbers.ts';
import { defaultUnit, type CaseUnit } from './case-routing.ts';

/** A change to cases: who acts (null for public intake: Open311, the resident page) and the cipher for contact numbers. */
export type CaseWriteContext<A extends Actor | null = Actor | null> = WriteContext<A> & { cipher: FieldCipher };

export interface RegisterCaseOptions {
  intake: TCaseIntake;
  channel: TCaseChannel;
  /** The county of an actor-less intake (Open311, the resident page); a signed-in actor's own otherwise. */
  countyCode?: string;
  /** Dispatch at once to the first unit of the category's default route (default true). */
  autoDispatch?: boolean;
  /** Listed by Open311's public GET requests (only cases filed through Open311 may be). */
  public?: boolean;
  open311ClientId?: string;
  batchId?: string;
  /** The 12345 work order number or an Open311 client's own id: unique per channel. */
  externalRef?: string;
  /** The visit problem this case is made from (visit_problem.case_id is set in the same transaction). */
  sourceVisitProblemId?: string;
  now?: Date;
}

export interface RegisteredCase {
  id: string;
  caseNo: string;
  trackingCode: string;
  status: TCaseStatus;
  unit: CaseUnit | null;
  responseDueAt: Date | null;
  resolveDueAt: Date | null;
  residentLinked: boolean;
}

/**
 * The intake (受理) every channel goes through: checks the category and the region (inside the
 * actor's subtree, or the given county for public intake), links the registry's resident by the
 * picked id, the ID number or the phone (keyed hashes; only residents the actor may see), encrypts
 * the contact phone, numbers the case, writes the history and the audit entry and, by default,
 * dispatches it to the first unit of the category's default route — all in one transaction.
 * Duplicates are offered by the caller before (`findDuplicateCases`), not refused here.
 *
 * @example
 * const c = await registerCase({ db, actor, source, cipher }, {
 *   channel: 'window',
 *   intake: { categoryCode: 'road', regionCode: '370921104201', title: '村口路灯不亮', description: '村口三盏路灯已坏两周', contactPhone: '13812345678' },
 * });
 * c.caseNo; // 'MQ20261206000042'
 * c.unit?.level; // 'village'
 */
export async function registerCase(ctx: CaseWriteContext, options: RegisterCaseOptions): Promise<RegisteredCase> {
  const { db, actor, cipher } = ctx;
  const now = options.now ?? new Date();
  const { intake } = options;
  const countyCode = actor ? actor.countyCode : (options.countyCode ?? null);
  if (countyCode === null) throw new AppError(422, 'case_region_invalid');

  const region = await db
    .selectFrom('region')
    .select(['id', 'code', 'level', 'path', 'parent_id', 'county_code', 'closed_on'])
    .where('code', '=', intake.regionCode)
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  if (!region || region.closed_on !== null || (region.level !== 'village' && region.level !== 'township') || (actor && !isPathInSubtree(region.path, actor.regionPath))) {
    throw new AppError(422, 'case_region_invalid');
  }
  const category = await db.selectFrom('case_category').selectAll().where('county_code', '=', countyCode).where('code', '=', intake.categoryCode).where('active', '=', true).executeTakeFirst();
  if (!category) throw new AppError(422, 'case_category_unknown');

  const phone = intake.contactPhone === undefined ? null : parsePhone(intake.contactPhone);
  const canonicalPhone = phone?.ok ? phone.phone : null;
  const residentId = await findResidentToLink(ctx, { countyCode, intake, canonicalPhone });

  // Inside a caller's transaction (the clerk's intake that merges in the same go) it runs there.
  const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return inTransaction(async (trx) => {
    const { id } = (await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('resident_case', 'id'))::text AS id`.execute(trx)).rows[0]!;
    const caseNo = caseNumber(now, id);
    const code = trackingCode();
    await trx
      .insertInto('resident_case')
      .values({
        id,
        county_code: countyCode,
        case_no: caseNo,
        tracking_code: code,
        channel: options.channel,
        category_id: category.id,
        region_id: region.id,
        region_path: region.path,
        title: intake.title,
        description: intake.description,
        address: intake.address ?? '',
        latitude: intake.latitude === undefined ? null : String(intake.latitude),
        longitude: intake.longitude === undefined ? null : String(intake.longitude),
        urgent: intake.urgent ?? false,
        resident_id: residentId,
        contact_name: intake.contactName ?? '',
        contact_phone_cipher: canonicalPhone === null ? null : cipher.encrypt(canonicalPhone),
        contact_phone_hash: canonicalPhone === null ? null : cipher.lookupHash('phone', canonicalPhone),
        contact_phone_masked: canonicalPhone === null ? null : maskPhone(canonicalPhone),
        consent_contact: intake.consentContact ?? true,
        public: options.public ?? false,
        open311_client_id: options.open311ClientId ?? null,
        batch_id: options.batchId ?? null,
        external_ref: options.externalRef ?? null,
        source_visit_problem_id: options.sourceVisitProblemId ?? null,
        registered_by: actor?.id ?? null,
        registered_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('case_event')
      .values({ county_code: countyCode, case_id: id, kind: 'register', from_status: null, to_status: 'registered', actor_id: actor?.id ?? null, details: JSON.stringify({ channel: options.channel }), at: now })
      .execute();
    if (options.sourceVisitProblemId !== undefined) {
      await trx
        .updateTable('visit_problem')
        .set({ status: 'case_opened', case_id: id, updated_at: now })
        .where('county_code', '=', countyCode)
        .where('id', '=', options.sourceVisitProblemId)
        .execute();
    }
    const unit = options.autoDispatch === false ? null : await defaultUnit(trx, { category, region });
    const assignment = unit
      ? await assignCase(trx, { caseRow: { id, county_code: countyCode, urgent: intake.urgent ?? false, status: 'registered' }, category, unit, dispatchedBy: actor?.id ?? null, eventKind: 'dispatch', now })
      : null;
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'case.register',
      entityType: 'case',
      entityId: id,
      region: { id: region.id, path: region.path, county_code: countyCode },
      after: {
        caseNo,
        channel: options.channel,
        category: category.code,
        region: region.code,
        urgent: intake.urgent ?? false,
        contactPhone: canonicalPhone === null ? null : maskPhone(canonicalPhone),
        residentLinked: residentId !== null,
        dispatchedTo: unit ? { level: unit.level, regionId: unit.regionId ?? null, departmentId: unit.departmentId ?? null } : null,
      },
    });
    return {
      id,
      caseNo,
      trackingCode: code,
      status: assignment ? 'dispatched' : 'registered',
      unit,
      responseDueAt: assignment?.responseDueAt ?? null,
      resolveDueAt: assignment?.resolveDueAt ?? null,
      residentLinked: residentId !== null,
    };
  });
}

/**
 * The registry's resident a case is about, when the intake names one the actor may see: by the
 * picked id, else the ID number's keyed hash, else the phone's (only when exactly one resident
 * has that phone). Public intake looks within the county. Never an error: an unknown number just
 * leaves the case unlinked, and a resident outside the actor's scope is not revealed by a link.
 * The intake's duplicate check uses it too, to find earlier cases of the same resident.
 *
 * @example
 * const residentId = await findResidentToLink(ctx, { countyCode, intake, canonicalPhone: '13812345678' });
 */
export async function findResidentToLink({ db, actor, cipher }: CaseWriteContext, { countyCode, intake, canonicalPhone }: { countyCode: string; intake: TCaseIntake; canonicalPhone: string | null }): Promise<string | null> {
  const base = db
    .selectFrom('resident as r')
    .innerJoin('household as h', (j) => j.onRef('h.id', '=', 'r.household_id').onRef('h.county_code', '=', 'r.county_code'))
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['r.id', 'v.path'])
    .where('r.county_code', '=', countyCode);
  const visible = (rows: { id: string; path: string }[]) => rows.filter((r) => !actor || isPathInSubtree(r.path, actor.regionPath));
  if (intake.residentId !== undefined) {
    const rows = visible(await base.where('r.id', '=', intake.residentId).execute());
    if (rows.length === 0) throw new AppError(404, 'not_found');
    return rows[0]!.id;
  }
  if (intake.contactIdNumber !== undefined) {
    const parsed = parseIdNumber(intake.contactIdNumber);
    if (parsed.ok) {
      const rows = visible(await base.where('r.id_number_hash', '=', cipher.lookupHash('id', parsed.idNumber)).execute());
      if (rows.length === 1) return rows[0]!.id;
    }
  }
  if (canonicalPhone !== null) {
    const rows = visible(
      await base
        .innerJoin('resident_phone as p', (j) => j.onRef('p.resident_id', '=', 'r.id').onRef('p.county_code', '=', 'r.county_code'))
        .where('p.phone_hash', '=', cipher.lookupHash('phone', canonicalPhone))
        .execute(),
    );
    const ids = [...new Set(rows.map((r) => r.id))];
    if (ids.length === 1) return ids[0]!;
  }
  return null;
}
