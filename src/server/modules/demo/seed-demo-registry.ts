/**
 * The demo county's registry: a small synthetic household file, imported through the real
 * importer (so the demo exercises the same path as a county's spreadsheets), and the demo
 * cadre made responsible for the hardship households of their village.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../../shared/time.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { DEMO_HOUSEHOLDS } from './demo-defaults.ts';
import { importHouseholds } from '../imports/index.ts';
import { generateHouseholds } from './generate-households.ts';
import { DEMO_COUNTY_CODE, demoLogins } from './seed-demo.ts';
import { writeHouseholdFile } from './write-household-file.ts';


/**
 * @example
 * const { households, residents } = await seedDemoRegistry({ db, actor: null, source: cliAuditSource('serve'), cipher });
 */
export async function seedDemoRegistry(ctx: WriteContext<null> & { cipher: FieldCipher }, options: { households?: number; seed?: number } = {}) {
  const { db, cipher, source } = ctx;
  const existing = await db.selectFrom('household').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: false, households: 0, residents: 0, paired: 0 };
  const county = await db.selectFrom('region').select('id').where('code', '=', DEMO_COUNTY_CODE).executeTakeFirstOrThrow();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-demo-'));
  const file = path.join(dir, '宁阳县户籍台账（演示）.csv');
  try {
    const households = options.households ?? DEMO_HOUSEHOLDS;
    const residents = await writeHouseholdFile(generateHouseholds({ households, seed: options.seed ?? 2026, today: localDate() }), { path: file, format: 'csv' });
    const result = await importHouseholds({ db, actor: null, source, cipher }, {
      input: fs.createReadStream(file),
      fileName: path.basename(file),
      totalBytes: fs.statSync(file).size,
      mode: 'all_or_nothing',
      regionId: county.id,
    });
    if (result.status !== 'succeeded') throw new Error(`the demo registry did not import: ${JSON.stringify(result.rows)}`);
    const paired = await pairDemoCadre(db);
    return { created: true, households, residents, paired };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo village cadre becomes responsible for the hardship households of their village. */
async function pairDemoCadre(db: Kysely<DB>): Promise<number> {
  const login = demoLogins().find((l) => l.roles.includes('village_cadre'))!;
  const cadre = await db.selectFrom('app_user').select('id').where('username', '=', login.username).executeTakeFirst();
  const village = await db.selectFrom('region').select('id').where('code', '=', login.regionCode).executeTakeFirst();
  if (!cadre || !village) return 0;
  const households = await db
    .selectFrom('household as h')
    .select(['h.id', 'h.county_code'])
    .where('h.village_id', '=', village.id)
    .where((eb) => eb.exists(eb.selectFrom('household_hardship as hh').select('hh.id').whereRef('hh.household_id', '=', 'h.id').where('hh.valid_to', 'is', null)))
    .execute();
  if (!households.length) return 0;
  await db
    .insertInto('pairing')
    .values(households.map((h) => ({ county_code: h.county_code, household_id: h.id, cadre_id: cadre.id, role: 'responsible' as const, started_on: localDate(), start_reason: '演示数据：包村干部' })))
    .execute();
  return households.length;
}
