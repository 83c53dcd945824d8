import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { badRequest } from '../../http/errors.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { parsePhone } from '../../../shared/registry/phone.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import type { TResidentListItem } from '../../../shared/schemas/registry.ts';
import { localDate } from '../../../shared/time.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { findRegionInScope, inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { hardshipInForce } from './hardship-in-force.ts';
import { responsibleCadres } from './paired-cadres.ts';
import { classifyQuery } from './name-pinyin.ts';

export interface ResidentFilter {
  q?: string | undefined;
  regionCode?: string | undefined;
  category?: string | undefined;
  paired?: boolean | undefined;
}

/** A search reads hashed and encrypted numbers: the context carries the cipher. */
export type RegistryReadContext = ReadContext & { cipher: FieldCipher };

/** How many "ends with" candidates are decrypted to check a query longer than the stored tail. */
const TAIL_CANDIDATES = 2000;

/**
 * The filtered, scoped resident query (without paging), shared by the list and the export.
 * Region scope comes first: nothing outside the actor's subtree can match.
 *
 * @example
 * const query = await residentQuery({ db, actor, cipher }, { q: 'zs', regionCode: '370921104' });
 */
export async function residentQuery({ db, cipher, actor }: RegistryReadContext, filter: ResidentFilter) {
  const scope = filter.regionCode ? await findRegionInScope(db, actor, filter.regionCode) : null;
  const scopePath = scope?.path ?? actor.regionPath;
  const today = localDate();
  let query = db
    .selectFrom('resident as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .innerJoin('region as t', 't.id', 'v.parent_id')
    .where((eb) => inSubtree(eb.ref('v.path'), scopePath))
    .where('r.active', '=', true);
  // The search indexes lead with county_code: naming the county lets prefix searches use them.
  const countyCode = scope?.county_code ?? actor.countyCode;
  if (countyCode) query = query.where('r.county_code', '=', countyCode);

  const q = filter.q ? classifyQuery(filter.q) : null;
  if (q?.kind === 'name') query = query.where('r.name', 'like', `${escapeLike(q.value)}%`);
  if (q?.kind === 'pinyin') {
    const prefix = `${escapeLike(q.value)}%`;
    query = query.where((eb) => eb.or([eb('r.name_pinyin', 'like', prefix), eb('r.name_initials', 'like', prefix)]));
  }
  if (q?.kind === 'id') query = query.where('r.id_number_hash', '=', cipher.lookupHash('id', q.value));
  if (q?.kind === 'phone') {
    const phone = parsePhone(q.value);
    const hash = cipher.lookupHash('phone', phone.ok ? phone.phone : q.value);
    // The phone's hash index finds the few residents first; the scope filters still apply.
    let phones = db.selectFrom('resident_phone').select('resident_id').where('phone_hash', '=', hash);
    if (countyCode) phones = phones.where('county_code', '=', countyCode);
    const owners = (await phones.execute()).map((p) => p.resident_id);
    query = owners.length ? query.where('r.id', 'in', owners) : query.where(sql<boolean>`false`);
  }
  if (q?.kind === 'digits') {
    if (q.value.length < 4) throw badRequest('validation_failed', [{ path: 'q', message: 'at least the last 4 digits' }]);
    const ids = await residentsEndingWith(db, cipher, { scopePath, countyCode }, q.value);
    query = ids.length ? query.where('r.id', 'in', ids) : query.where(sql<boolean>`false`);
  }
  if (filter.category) {
    const category = filter.category;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_hardship as hh')
          .select('hh.id')
          .whereRef('hh.household_id', '=', 'h.id')
          .where('hh.category_code', '=', category)
          .where(hardshipInForce('hh', today)),
      ),
    );
  }
  if (filter.paired !== undefined) {
    const paired = filter.paired;
    query = query
      .where((eb) => eb.exists(eb.selectFrom('household_hardship as hh').select('hh.id').whereRef('hh.household_id', '=', 'h.id').where(hardshipInForce('hh', today))))
      .where((eb) => {
        const responsible = eb.selectFrom('pairing as pr').select('pr.id').whereRef('pr.household_id', '=', 'h.id').where('pr.role', '=', 'responsible').where('pr.ended_on', 'is', null);
        return paired ? eb.exists(responsible) : eb.not(eb.exists(responsible));
      });
  }
  return query.select([
    'r.id',
    'r.county_code',
    'r.name',
    'r.gender',
    'r.birth_date',
    'r.relationship',
    'r.id_number_masked',
    'h.id as household_id',
    'h.household_no',
    'h.address',
    'v.code as village_code',
    'v.name as village_name',
    't.code as township_code',
    't.name as township_name',
  ]);
}

/**
 * Residents of the subtree whose ID number or a phone ends with `digits` (≥ 4 characters):
 * the stored tail narrows it by index, decryption confirms a longer query.
 */
async function residentsEndingWith(db: Kysely<DB>, cipher: FieldCipher, scope: { scopePath: string; countyCode: string | null }, digits: string): Promise<string[]> {
  const tail = digits.slice(-4);
  // The tail indexes lead with county_code: without it each lookup read the whole index.
  let ids = db
    .selectFrom('resident as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['r.id', 'r.id_number_cipher as cipher'])
    .where('r.id_number_tail', '=', tail)
    .where((eb) => inSubtree(eb.ref('v.path'), scope.scopePath))
    .limit(TAIL_CANDIDATES);
  let phones = db
    .selectFrom('resident_phone as p')
    .innerJoin('resident as r', 'r.id', 'p.resident_id')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['r.id', 'p.phone_cipher as cipher'])
    .where('p.phone_tail', '=', tail)
    .where((eb) => inSubtree(eb.ref('v.path'), scope.scopePath))
    .limit(TAIL_CANDIDATES);
  if (scope.countyCode) {
    ids = ids.where('r.county_code', '=', scope.countyCode);
    phones = phones.where('p.county_code', '=', scope.countyCode);
  }
  const idRows = await ids.execute();
  const phoneRows = /^\d+$/.test(digits) ? await phones.execute() : [];
  const matches = [...idRows, ...phoneRows].filter((row) => digits.length === 4 || cipher.decrypt(row.cipher).endsWith(digits));
  return [...new Set(matches.map((r) => r.id))];
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export type ResidentQuery = Awaited<ReturnType<typeof residentQuery>>;
type ResidentRow = Awaited<ReturnType<ResidentQuery['execute']>>[number];

/** Adds phones (masked), active hardship categories and the responsible cadre to a page of resident rows. */
export async function toResidentItems(db: Kysely<DB>, rows: ResidentRow[]): Promise<TResidentListItem[]> {
  if (!rows.length) return [];
  const phones = await db
    .selectFrom('resident_phone')
    .select(['id', 'resident_id', 'kind', 'phone_masked'])
    .where('county_code', 'in', [...new Set(rows.map((r) => r.county_code))])
    .where('resident_id', 'in', rows.map((r) => r.id))
    .orderBy('id')
    .execute();
  const labels = await db
    .selectFrom('household_hardship')
    .select(['household_id', 'category_code'])
    .where('county_code', 'in', [...new Set(rows.map((r) => r.county_code))])
    .where('household_id', 'in', [...new Set(rows.map((r) => r.household_id))])
    .where(hardshipInForce())
    .execute();
  const cadres = await responsibleCadres(db, { countyCodes: rows.map((r) => r.county_code), householdIds: rows.map((r) => r.household_id) });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    relationship: r.relationship,
    idNumberMasked: r.id_number_masked,
    phones: phones.filter((p) => p.resident_id === r.id).map((p) => ({ id: p.id, kind: p.kind, masked: p.phone_masked })),
    household: { id: r.household_id, householdNo: r.household_no, address: r.address },
    village: { code: r.village_code, name: r.village_name },
    township: { code: r.township_code, name: r.township_name },
    hardship: [...new Set(labels.filter((l) => l.household_id === r.household_id).map((l) => l.category_code))],
    pairedCadre: cadres.get(r.household_id) ?? null,
  }));
}

export interface SearchResidentsOptions extends ResidentFilter {
  cursor?: string | undefined;
  limit: number;
  offset?: number | undefined;
  /** The filtered query when the caller already built it (to count on it too); built from the filter otherwise. */
  query?: ResidentQuery;
}

/**
 * One page of residents matching the filter inside the actor's scope, masked.
 *
 * @example
 * const { items } = await searchResidents({ db, actor, cipher }, { q: 'zs', limit: 20 });
 */
export async function searchResidents(ctx: RegistryReadContext, options: SearchResidentsOptions) {
  const { db } = ctx;
  // ZId, not any digits: an id past int8 would fail in SQL (a 500) instead of as a bad cursor.
  const after = decodeCursor(options.cursor, z.object({ id: ZId }));
  // A caller that also counts the matches (list-residents.ts) builds the query once and passes it.
  let query = options.query ?? (await residentQuery(ctx, options));
  if (after) query = query.where('r.id', '>', after.id);
  const today = localDate();
  // One statement per page: the phones and labels of the page's rows come with it (as toResidentItems
  // would fetch them), which halved the round trips a search costs the server under load.
  // `offset` reaches a page by its number (list-residents.ts); the cursor is the keyset way on.
  const page = query
    .orderBy('r.id')
    .limit(options.limit + 1)
    .$if(!!options.offset, (q) => q.offset(options.offset!))
    .as('page');
  const rows = await db
    .selectFrom(page)
    .selectAll('page')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('resident_phone as ph')
          .select([sql<string>`ph.id::text`.as('id'), 'ph.kind', 'ph.phone_masked as masked'])
          .whereRef('ph.county_code', '=', 'page.county_code')
          .whereRef('ph.resident_id', '=', 'page.id')
          .orderBy('ph.id'),
      ).as('phones'),
      eb
        .selectFrom('household_hardship as hh')
        .select(sql<string[]>`coalesce(json_agg(DISTINCT hh.category_code), '[]')`.as('codes'))
        .whereRef('hh.county_code', '=', 'page.county_code')
        .whereRef('hh.household_id', '=', 'page.household_id')
        .where(hardshipInForce('hh', today))
        .as('hardship'),
    ])
    .orderBy('page.id')
    .execute();
  const { items, nextCursor } = pageOf(rows, options.limit, (r) => r, (r) => ({ id: r.id }));
  return {
    items: items.map(
      (r): Omit<TResidentListItem, 'pairedCadre'> => ({
        id: r.id,
        name: r.name,
        gender: r.gender,
        birthDate: r.birth_date,
        relationship: r.relationship,
        idNumberMasked: r.id_number_masked,
        phones: r.phones,
        household: { id: r.household_id, householdNo: r.household_no, address: r.address },
        village: { code: r.village_code, name: r.village_name },
        township: { code: r.township_code, name: r.township_name },
        hardship: r.hardship ?? [],
      }),
    ),
    nextCursor,
  };
}
