import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import { sql } from 'kysely';
import { applyMigration, appliedMigrations, listMigrations, migrate } from './migrate.ts';

for (const dialect of DIALECTS) {
  describe(`migrations [${dialect.name}]`, () => {
    it('apply every shipped migration once; running again changes nothing', async () => {
      const database = await dialect.open(); // opened migrated
      try {
        expect(await appliedMigrations(database.db)).toEqual(listMigrations().map((m) => m.version));
        expect(await migrate(database.db)).toEqual([]);
      } finally {
        await database.close();
      }
    });

    it('refuses to make usernames case-insensitive over accounts that clash, naming them', async () => {
      const database = await dialect.open();
      try {
        const { db } = database;
        await sql`DROP INDEX app_user_username_lower_key`.execute(db);
        const region = await db.insertInto('region').values({ code: '370921', name: '宁阳县', level: 'county', path: '/', depth: 0, county_code: '370921', opened_on: '2026-01-01' }).returning('id').executeTakeFirstOrThrow();
        const account = { display_name: 'x', password_hash: 'x', roles: ['interviewer'], region_id: region.id, county_code: '370921' };
        await db.insertInto('app_user').values([{ ...account, username: 'Wang' }, { ...account, username: 'wang' }, { ...account, username: 'li' }]).execute();
        const migration = listMigrations().find((m) => m.version === '0007_accounts_username_ci')!;
        const attempt = db.transaction().execute((trx) => applyMigration(trx, { ...migration, version: 'again' }));
        await expect(attempt).rejects.toThrow(/these accounts clash: Wang \(id \d+\), wang \(id \d+\)\. Rename all but one/);
        await db.updateTable('app_user').set({ username: 'wang2' }).where('username', '=', 'wang').execute();
        await db.transaction().execute((trx) => applyMigration(trx, { ...migration, version: 'again' }));
      } finally {
        await database.close();
      }
    });
  });
}
