import type { Actor } from '../../http/context.ts';
import { DUPLICATE_SIMILARITY_THRESHOLD, OPEN_CASE_STATUSES, caseTextSimilarity, type TCaseIntake } from '../../../shared/cases/index.ts';
import { parsePhone } from '../../../shared/registry/phone.ts';
import type { TCaseDuplicateCandidate } from '../../../shared/schemas/cases.ts';
import { caseVisible } from './case-access.ts';
import { iso } from './case-views.ts';
import { findResidentToLink, type CaseWriteContext } from './register-case.ts';

/** How far back a duplicate is looked for. */
export const DUPLICATE_WINDOW_DAYS = 30;
/** The most candidates offered. */
const MAX_CANDIDATES = 10;

/**
 * Likely duplicates of a case about to be registered (重复诉求): open cases in the actor's area,
 * registered within 30 days, of the same category, about the same resident (as the intake would
 * link them) or from the same phone, whose title and description read alike
 * (`caseTextSimilarity` ≥ `DUPLICATE_SIMILARITY_THRESHOLD`). Most alike first; contacts masked.
 *
 * @example
 * const candidates = await findDuplicateCases(ctx, { intake });
 * candidates[0]?.similarity; // 0.62
 */
export async function findDuplicateCases(ctx: CaseWriteContext<Actor>, { intake, now = new Date() }: { intake: TCaseIntake; now?: Date }): Promise<TCaseDuplicateCandidate[]> {
  const { db, actor, cipher } = ctx;
  if (actor.countyCode === null) return [];
  const countyCode = actor.countyCode;
  const phone = intake.contactPhone === undefined ? null : parsePhone(intake.contactPhone);
  const canonicalPhone = phone?.ok ? phone.phone : null;
  const phoneHash = canonicalPhone === null ? null : cipher.lookupHash('phone', canonicalPhone);
  const residentId = await findResidentToLink(ctx, { countyCode, intake, canonicalPhone });
  if (residentId === null && phoneHash === null) return [];
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 24 * 3600 * 1000);
  const rows = await db
    .selectFrom('resident_case as c')
    .innerJoin('case_category as cat', 'cat.id', 'c.category_id')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.case_no', 'c.title', 'c.description', 'c.status', 'cat.code as category_code', 'cat.name as category_name', 'r.code as region_code', 'r.name as region_name', 'c.registered_at', 'c.contact_name', 'c.contact_phone_masked', 'c.resident_id', 'c.contact_phone_hash'])
    .where('c.county_code', '=', countyCode)
    .where('cat.code', '=', intake.categoryCode)
    .where('c.status', 'in', [...OPEN_CASE_STATUSES])
    .where('c.registered_at', '>=', since)
    .where((eb) => {
      const same = [];
      if (residentId !== null) same.push(eb('c.resident_id', '=', residentId));
      if (phoneHash !== null) same.push(eb('c.contact_phone_hash', '=', phoneHash));
      return eb.or(same);
    })
    .where((eb) => caseVisible(eb, actor))
    .orderBy('c.registered_at', 'desc')
    .limit(100)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      caseNo: r.case_no,
      title: r.title,
      status: r.status,
      categoryCode: r.category_code,
      categoryName: r.category_name,
      regionCode: r.region_code,
      regionName: r.region_name,
      registeredAt: iso(r.registered_at)!,
      contactName: r.contact_name,
      contactPhoneMasked: r.contact_phone_masked,
      similarity: Math.round(caseTextSimilarity(r, intake) * 1000) / 1000,
      sameResident: residentId !== null && r.resident_id === residentId,
      samePhone: phoneHash !== null && r.contact_phone_hash === phoneHash,
    }))
    .filter((c) => c.similarity >= DUPLICATE_SIMILARITY_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity || b.registeredAt.localeCompare(a.registeredAt))
    .slice(0, MAX_CANDIDATES);
}
