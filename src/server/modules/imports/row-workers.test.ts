/**
 * The import's row workers (row-workers.ts): a file staged by worker threads gives exactly the
 * registry rows, issues and counts of the same file done on the importing thread, and a worker
 * that dies fails its import cleanly (job failed, registry untouched) without harming the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber } from '../../../../test/support/registry-fixture.ts';
import { testCipher } from '../../../../test/support/test-app.ts';
import type { Database } from '../../db/database.ts';
import { dataKeyOf } from '../../security/field-cipher.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from '../demo/index.ts';
import { importHouseholds, type ImportHouseholdsOptions } from './import-households.ts';
import { chunked, csvFile } from '../../spreadsheets/testing/spreadsheet-files.ts';

const TODAY = '2026-05-01';
const HEADER = ['户编号', '村代码', '姓名', '与户主关系', '身份证号', '性别', '出生日期', '手机', '困难类别', '家庭住址'];
const VILLAGES = ['370921104201', '370921104202'];
const NAMES = ['张三', '李梅', '单雄信', '欧阳娜娜', '王五', '曾小贤', '赵六', '区志强'];

/**
 * 1,400 households of three people (4,200 rows: several batches for each worker, answered out
 * of order), with a problem every few dozen rows: a wrong check character, an unknown village,
 * a bad phone, a gender that contradicts the ID number, one ID number twice, a household in two
 * villages. Partial mode then writes the good households and reports the rest.
 */
function sprinkledFile(): Buffer {
  const rows: string[][] = [];
  for (let h = 0; h < 1_400; h++) {
    const no = `W-${String(h).padStart(5, '0')}`;
    for (let m = 0; m < 3; m++) {
      const n = rows.length;
      // A birth date of its own for every row (60 years × 12 months × 18 days > 4,200), an odd sequence (男).
      const birth = `${1940 + (n % 60)}-${String(1 + (Math.floor(n / 60) % 12)).padStart(2, '0')}-${10 + Math.floor(n / 720)}`;
      let id = idNumber(birth, 101);
      let village = VILLAGES[h % 2]!;
      let phone = m === 0 ? `138${String(10_000_000 + n).slice(-8)}` : n % 5 === 0 ? '0538-5621234' : '';
      let gender = '男';
      if (n % 97 === 13) id = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
      if (n % 131 === 7) village = '370921104999';
      if (n % 89 === 5) phone = '12345';
      if (n % 113 === 11) gender = '女';
      if (n % 401 === 200) id = rows[n - 3]![4]!;
      if (n % 523 === 100 && m === 1) village = VILLAGES[(h + 1) % 2]!;
      rows.push([no, village, NAMES[n % NAMES.length]!, m === 0 ? '户主' : m === 1 ? '配偶' : '子', id, gender, '', phone, m === 0 && h % 7 === 0 ? '低保户' : m === 2 && h % 11 === 0 ? '残疾人' : '', `东街${h}号`]);
    }
  }
  return csvFile(HEADER, rows);
}

for (const dialect of DIALECTS) {
  describe(`import row workers [${dialect.name}]`, () => {
    let database: Database;
    let countyId: string;
    const file = sprinkledFile();

    beforeAll(async () => {
      database = await dialect.open();
      await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
      countyId = (await database.db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow()).id;
    });
    afterAll(async () => database?.close());

    const run = (o: Partial<ImportHouseholdsOptions>) =>
      importHouseholds({ db: database.db, actor: null, source: cliAuditSource('test'), cipher: testCipher }, {
        input: chunked(file),
        fileName: 'sprinkled.csv',
        totalBytes: file.length,
        mode: 'partial',
        regionId: countyId,
        today: TODAY,
        ...o,
      });

    /** What the import wrote, without ids, times and IVs: ciphertexts decrypted. */
    const written = async () => {
      const { db } = database;
      const households = await db.selectFrom('household').select(['household_no', 'village_id', 'address', 'latitude', 'longitude', 'notes']).orderBy('household_no').execute();
      const residents = (
        await db
          .selectFrom('resident as r')
          .innerJoin('household as h', 'h.id', 'r.household_id')
          .select(['h.household_no', 'r.name', 'r.name_pinyin', 'r.name_initials', 'r.gender', 'r.birth_date', 'r.relationship', 'r.id_number_cipher', 'r.id_number_hash', 'r.id_number_masked', 'r.id_number_tail', 'r.active'])
          .orderBy('r.id_number_hash')
          .execute()
      ).map(({ id_number_cipher, ...r }) => ({ ...r, id: testCipher.decrypt(id_number_cipher) }));
      const phones = (
        await db
          .selectFrom('resident_phone as p')
          .innerJoin('resident as r', 'r.id', 'p.resident_id')
          .select(['r.id_number_hash', 'p.kind', 'p.phone_cipher', 'p.phone_hash', 'p.phone_masked', 'p.phone_tail'])
          .orderBy('r.id_number_hash')
          .orderBy('p.phone_hash')
          .execute()
      ).map(({ phone_cipher, ...p }) => ({ ...p, phone: testCipher.decrypt(phone_cipher) }));
      const labels = await db
        .selectFrom('household_hardship as l')
        .innerJoin('household as h', 'h.id', 'l.household_id')
        .leftJoin('resident as r', 'r.id', 'l.resident_id')
        .select(['h.household_no', 'r.id_number_hash', 'l.category_code', 'l.valid_from', 'l.source'])
        .orderBy('h.household_no')
        .orderBy('l.category_code')
        .orderBy('r.id_number_hash')
        .execute();
      return { households, residents, phones, labels };
    };
    const issuesOf = async (jobId: string) =>
      database.db.selectFrom('import_issue').select(['row_no', 'column_name', 'value', 'problem']).where('job_id', '=', jobId).orderBy('row_no').orderBy('problem').orderBy('column_name').execute();
    const emptyRegistry = async () => {
      for (const table of ['household_hardship', 'resident_phone', 'resident', 'household'] as const) await database.db.deleteFrom(table).execute();
    };
    const outcome = ({ jobId: _j, durationMs: _d, ...result }: Awaited<ReturnType<typeof run>>) => result;

    it('writes exactly the rows, issues and counts of the single-threaded path', async () => {
      expect(dataKeyOf(testCipher)).not.toBeNull();
      const single = await run({ rowWorkers: { size: 0 } });
      const singleRows = await written();
      const singleIssues = await issuesOf(single.jobId);
      await emptyRegistry();

      const pooled = await run({ rowWorkers: { size: 2 } });
      const pooledRows = await written();

      expect(single.status).toBe('succeeded');
      expect(single.rows.read).toBe(4_200);
      // The file does have problems of each kind, and good rows besides.
      expect(new Set(singleIssues.map((i) => i.problem))).toEqual(
        new Set(['id_check_character', 'village_not_found', 'phone_format', 'gender_mismatch', 'id_duplicate_in_file', 'household_village_conflict', 'household_incomplete']),
      );
      expect(singleRows.residents.length).toBeGreaterThan(3_000);
      expect(singleRows.phones.length).toBeGreaterThan(1_000);
      expect(singleRows.labels.length).toBeGreaterThan(100);

      expect(outcome(pooled)).toEqual(outcome(single));
      expect(await issuesOf(pooled.jobId)).toEqual(singleIssues);
      expect(pooledRows).toEqual(singleRows);
    });

    it('a worker that dies fails the import with a clear error, leaves the registry as it was, and the next import works', async () => {
      await emptyRegistry();
      // A heap too small to load the worker's code: it dies of it, as a worker that ran away would.
      const failed = run({ rowWorkers: { size: 2, memoryMb: 2 } });
      await expect(failed).rejects.toThrow(/import worker thread (ran out of memory|failed|stopped)/);
      const job = await database.db.selectFrom('import_job').select(['status', 'problem']).where('file_name', '=', 'sprinkled.csv').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'failed', problem: 'import_failed' });
      expect(await database.db.selectFrom('household').select('id').execute()).toEqual([]);

      const next = await run({ rowWorkers: { size: 2 } });
      expect(next).toMatchObject({ status: 'succeeded', rows: { read: 4_200 } });
    });
  });
}
