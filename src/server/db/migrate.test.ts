import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import { appliedMigrations, listMigrations, migrate } from './migrate.ts';

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
  });
}
