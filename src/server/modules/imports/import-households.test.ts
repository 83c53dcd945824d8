import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber } from '../../../../test/support/registry-fixture.ts';
import { testCipher } from '../../../../test/support/test-app.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { cliAuditSource } from '../audit/index.ts';
import { demoVillages, seedDemo } from '../demo/index.ts';
import { failInterruptedImports } from './fail-interrupted-imports.ts';
import { importHouseholds, type ImportHouseholdsOptions } from './import-households.ts';
import { chunked, csvFile, fullWidth, xlsxFile } from '../../spreadsheets/testing/spreadsheet-files.ts';

const G1 = '370921104201'; // villages of 堽城镇
const G2 = '370921104202';
const J1 = '370921105201'; // a village of 蒋集镇
const TODAY = '2026-05-01';
const HEADER = ['户编号', '村代码', '姓名', '与户主关系', '身份证号', '性别', '出生日期', '手机', '困难类别', '家庭住址'];

/** An ID number whose check character is wrong. */
const badCheck = (good: string) => good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;

// The main fixture: households H-001 and H-002 are good; every other row has a problem.
const ID = {
  zhang: idNumber('1960-01-01', 111),
  li: idNumber('1962-02-02', 112),
  xiaoming: idNumber('1990-03-03', 113),
  wang: idNumber('1970-04-04', 115),
  zhao: badCheck(idNumber('1971-04-04', 115)),
  xiaoliu: idNumber('1995-05-05', 117),
  qian: idNumber('1972-04-04', 115),
  sun: idNumber('1980-06-06', 119),
  dup: idNumber('1981-07-07', 121),
  zheng: idNumber('1975-08-08', 123),
  zheng11: idNumber('2000-09-09', 125),
  feng1: idNumber('1950-10-10', 127),
  feng2: idNumber('1975-11-11', 129),
};
const MAIN_ROWS = [
  /* 3 */ ['H-001', G1, '张三', '户主', ID.zhang, '男', '1960-01-01', '13800000001', '低保户', '东街1号'],
  /* 4 */ ['H-001', G1, '李梅', '配偶', ID.li, '女', '', '0538-5621234', '', ''],
  /* 5 */ ['H-001', G1, '张小明', '子', ID.xiaoming, '', '', '', '残疾人', ''],
  /* 6 */ ['H-002', G2, '王五', '户主', fullWidth(ID.wang), '男', '', fullWidth('13900000002'), '', ''],
  /* 7 */ ['H-003', G2, '赵六', '户主', ID.zhao, '男', '', '', '', ''],
  /* 8 */ ['H-003', G2, '赵小六', '子', ID.xiaoliu, '女', '', '', '', ''],
  /* 9 */ ['H-004', '370921104999', '钱七', '户主', ID.qian, '', '', '', '', ''],
  /* 10 */ ['H-005', G1, '孙七', '户主', ID.sun, '', '', '12345', '', ''],
  /* 11 */ ['H-006', G1, '周八', '户主', ID.dup, '', '', '', '', ''],
  /* 12 */ ['H-007', G1, '吴九', '户主', ID.dup, '', '', '', '', ''],
  /* 13 */ ['H-008', J1, '郑十', '户主', ID.zheng, '', '', '', '', ''],
  /* 14 */ ['H-008', G1, '郑十一', '子', ID.zheng11, '', '', '', '', ''],
  /* 15 */ ['H-009', G2, '冯一', '户主', ID.feng1, '男', '', '', '', ''],
  /* 16 */ ['H-009', G2, '冯二', '子', ID.feng2, '', '1975-11-12', '', '', ''],
];
const MAIN_FILE = csvFile(HEADER, MAIN_ROWS, { title: '宁阳县堽城镇户籍台账（2026年）' });
const MAIN_ISSUES = [
  [7, '身份证号', masked(ID.zhao), 'id_check_character'],
  [8, '性别', '女', 'gender_mismatch'],
  [9, '村代码', '370921104999', 'village_not_found'],
  [10, '手机', '*****', 'phone_format'],
  [11, '身份证号', masked(ID.dup), 'id_duplicate_in_file'],
  [12, '身份证号', masked(ID.dup), 'id_duplicate_in_file'],
  [13, '户编号', 'H-008', 'household_village_conflict'],
  [14, '户编号', 'H-008', 'household_village_conflict'],
  [16, '出生日期', '1975-11-12', 'birth_date_mismatch'],
];

for (const dialect of DIALECTS) {
  describe(`import households [${dialect.name}]`, () => {
    let database: Database;
    const regionId: Record<string, string> = {};

    beforeAll(async () => {
      database = await dialect.open();
      await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
      for (const r of await database.db.selectFrom('region').select(['id', 'code']).where('code', 'in', ['370921', '370921104', '370921105']).execute()) regionId[r.code] = r.id;
    });
    afterAll(async () => database?.close());

    const run = (bytes: Buffer, o: Partial<ImportHouseholdsOptions> = {}) =>
      importHouseholds({ db: database.db, actor: null, source: cliAuditSource('test'), cipher: testCipher }, {
        input: chunked(bytes),
        fileName: 'registry.csv',
        totalBytes: bytes.length,
        mode: 'all_or_nothing',
        regionId: regionId['370921']!,
        today: TODAY,
        ...o,
      });
    const issuesOf = async (jobId: string) =>
      (await database.db.selectFrom('import_issue').select(['row_no', 'column_name', 'value', 'problem']).where('job_id', '=', jobId).orderBy('row_no').orderBy('problem').execute()).map((i) => [
        i.row_no,
        i.column_name,
        i.value,
        i.problem,
      ]);
    /** Everything the import writes, in a comparable form. */
    const registry = async () => ({
      household: await database.db.selectFrom('household').selectAll().orderBy('id').execute(),
      resident: await database.db.selectFrom('resident').selectAll().orderBy('id').execute(),
      resident_phone: await database.db.selectFrom('resident_phone').selectAll().orderBy('id').execute(),
      household_hardship: await database.db.selectFrom('household_hardship').selectAll().orderBy('id').execute(),
    });
    const count = async () => {
      const r = await registry();
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.length]));
    };

    it('all or nothing: one bad row and nothing is written; every problem is reported with row, column, masked value', async () => {
      const before = await registry();
      const result = await run(MAIN_FILE);
      expect(result).toMatchObject({ status: 'rejected', format: 'csv', encoding: 'utf-8', headerRowNo: 2, rows: { read: 14, inserted: 0, updated: 0, unchanged: 0, rejected: 9 } });
      expect(await issuesOf(result.jobId)).toEqual(MAIN_ISSUES);
      expect(await registry()).toEqual(before);
      const job = await database.db.selectFrom('import_job').selectAll().where('id', '=', result.jobId).executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: 'rejected', problem: null, total_rows: 14, processed_rows: 14, rejected_rows: 9, mode: 'all_or_nothing', kind: 'households' });
      expect(job.finished_at).not.toBeNull();
    });

    it('partial: writes the good households; a household with a bad row is held back whole', async () => {
      const result = await run(MAIN_FILE, { mode: 'partial' });
      expect(result).toMatchObject({
        status: 'succeeded',
        rows: { read: 14, inserted: 4, updated: 0, unchanged: 0, rejected: 10 },
        households: { inserted: 2, updated: 0, unchanged: 0 },
        phonesAdded: 3,
        labelsAdded: 2,
      });
      expect(await issuesOf(result.jobId)).toEqual([...MAIN_ISSUES, [15, '户编号', 'H-009', 'household_incomplete']].sort((a, b) => Number(a[0]) - Number(b[0])));

      const db = database.db;
      const households = await db.selectFrom('household as h').innerJoin('region as v', 'v.id', 'h.village_id').select(['h.household_no', 'v.code', 'h.address']).orderBy('h.household_no').execute();
      expect(households).toEqual([
        { household_no: 'H-001', code: G1, address: '东街1号' },
        { household_no: 'H-002', code: G2, address: '' },
      ]);
      const residents = await db.selectFrom('resident').selectAll().orderBy('id').execute();
      expect(residents.map((r) => [r.name, r.name_pinyin, r.gender, r.birth_date, r.relationship, r.id_number_masked])).toEqual([
        ['张三', 'zhangsan', 'M', '1960-01-01', '户主', masked(ID.zhang)],
        ['李梅', 'limei', 'F', '1962-02-02', '配偶', masked(ID.li)],
        ['张小明', 'zhangxiaoming', 'M', '1990-03-03', '子', masked(ID.xiaoming)],
        ['王五', 'wangwu', 'M', '1970-04-04', '户主', masked(ID.wang)],
      ]);
      // Encrypted at rest, and the full-width digits of row 6 were normalised before hashing.
      expect(residents.map((r) => testCipher.decrypt(r.id_number_cipher))).toEqual([ID.zhang, ID.li, ID.xiaoming, ID.wang]);
      expect(residents[3]!.id_number_hash).toBe(testCipher.lookupHash('id', ID.wang));
      const stored = JSON.stringify(await registry());
      for (const plain of [...Object.values(ID), '13800000001', '05385621234', '13900000002']) expect(stored).not.toContain(plain);
      const phones = await db.selectFrom('resident_phone').select(['kind', 'phone_masked']).orderBy('id').execute();
      expect(phones).toEqual([
        { kind: 'mobile', phone_masked: '138****0001' },
        { kind: 'landline', phone_masked: '0538****1234' },
        { kind: 'mobile', phone_masked: '139****0002' },
      ]);
      // The head's label is the household's; a member's is that member's.
      const labels = await db
        .selectFrom('household_hardship as l')
        .leftJoin('resident as r', 'r.id', 'l.resident_id')
        .select(['l.category_code', 'r.name', 'l.valid_from', 'l.valid_to', 'l.source'])
        .orderBy('l.id')
        .execute();
      expect(labels).toEqual([
        { category_code: 'dibao', name: null, valid_from: TODAY, valid_to: null, source: 'import:registry.csv' },
        { category_code: 'disability', name: '张小明', valid_from: TODAY, valid_to: null, source: 'import:registry.csv' },
      ]);
    });

    it('importing the same file again changes nothing, and counts it all unchanged', async () => {
      const before = await registry();
      const result = await run(MAIN_FILE, { mode: 'partial' });
      expect(result).toMatchObject({
        status: 'succeeded',
        rows: { read: 14, inserted: 0, updated: 0, unchanged: 4, rejected: 10 },
        households: { inserted: 0, updated: 0, unchanged: 2 },
        phonesAdded: 0,
        labelsAdded: 0,
      });
      expect(await registry()).toEqual(before);
      const audited = await database.db.selectFrom('audit_log').select('action').where('after', 'is not', null).where(sql<boolean>`after->>'jobId' = ${result.jobId}`).execute();
      expect(audited).toEqual([]);
    });

    it('updates only what changed, and audits each changed household without personal numbers', async () => {
      const changed = csvFile(HEADER, [
        ['H-001', G1, '张三', '户主', ID.zhang, '', '', '13800000001', '低保户', ''],
        ['H-001', G1, '李美', '配偶', ID.li, '', '', '', '', ''],
        ['H-001', G1, '张小明', '子', ID.xiaoming, '', '', '13700000003', '', ''],
        ['H-002', G2, '王五', '户主', ID.wang, '', '', '', '', '西街2号'],
        ['H-002', G2, '王小五', '子', idNumber('2001-01-01', 131), '', '', '', '', ''],
      ]);
      const result = await run(changed);
      expect(result).toMatchObject({
        status: 'succeeded',
        rows: { read: 5, inserted: 1, updated: 2, unchanged: 2, rejected: 0 },
        households: { inserted: 0, updated: 2, unchanged: 0 },
        phonesAdded: 1,
        labelsAdded: 0,
      });
      const db = database.db;
      // An empty address cell kept H-001's address; H-002 got one.
      expect(await db.selectFrom('household').select(['household_no', 'address']).orderBy('household_no').execute()).toEqual([
        { household_no: 'H-001', address: '东街1号' },
        { household_no: 'H-002', address: '西街2号' },
      ]);
      expect((await db.selectFrom('resident').select('name').where('id_number_hash', '=', testCipher.lookupHash('id', ID.li)).executeTakeFirstOrThrow()).name).toBe('李美');

      const audit = await db.selectFrom('audit_log').selectAll().where('entity_type', 'in', ['household', 'import']).where(sql<boolean>`(entity_id = ${result.jobId} OR after->>'jobId' = ${result.jobId})`).orderBy('id').execute();
      expect(audit.map((a) => [a.action, a.entity_type])).toEqual([
        ['household.imported', 'household'],
        ['household.imported', 'household'],
        ['import.households', 'import'],
      ]);
      expect(audit[1]).toMatchObject({ before: { address: '' }, after: { change: 'updated', householdNo: 'H-002', address: '西街2号', residentsInserted: 1 }, actor_name: 'cli:test' });
      expect(audit[2]!.after).toMatchObject({ status: 'succeeded', fileName: 'registry.csv', rows: { inserted: 1, updated: 2, unchanged: 2 } });
      const text = JSON.stringify(audit);
      for (const plain of [...Object.values(ID), '13700000003', '13800000001']) expect(text).not.toContain(plain);
    });

    it('reads UTF-8, UTF-8 with BOM, GBK, XLSX with a merged title, English headers and village names alike', async () => {
      const village = demoVillages().find((v) => v.code === G2)!;
      const rows = [
        ['E-001', G1, '欧阳娜娜', '户主', idNumber('1985-01-15', 142), '女', '1985/1/15', '13800000011', '低保户、特困供养（五保）', '南街3号'],
        ['E-001', G1, '欧阳明', '子', idNumber('2010-06-01', 141), '男', '', '', '', ''],
        ['E-002', G2, '孔祥', '户主', idNumber('1955-12-31', 143), '男', '', '0538-5620000', '', ''],
      ];
      const first = await run(csvFile(HEADER, rows), { fileName: 'e.csv' });
      expect(first).toMatchObject({ status: 'succeeded', rows: { inserted: 3, updated: 0, unchanged: 0 }, labelsAdded: 2 });
      const snapshot = await registry();
      const english = ['Household No', 'Village Code', 'Name', 'Relationship', 'ID Number', 'Gender', 'Birth Date', 'Mobile', 'Hardship', 'Address'];
      const byName = ['户号', '乡镇', '村', '姓名', '关系', '公民身份号码'];
      const variants: [string, Buffer, string | null][] = [
        ['utf-8-bom', csvFile(HEADER, rows, { encoding: 'utf-8-bom', title: '户籍台账' }), 'utf-8-bom'],
        ['gbk', csvFile(HEADER, rows, { encoding: 'gbk', title: '宁阳县堽城镇户籍台账（2026年）' }), 'gbk'],
        ['xlsx', await xlsxFile(HEADER, rows), null],
        ['english', csvFile(english, rows.map((r) => r.map((c) => fullWidth(c)))), 'utf-8'],
        ['names', csvFile(byName, rows.map((r) => [r[0]!, '堽城镇', r[1] === G1 ? demoVillages().find((v) => v.code === G1)!.name : village.name, r[2]!, r[3]!, r[4]!])), 'utf-8'],
      ];
      for (const [label, bytes, encoding] of variants) {
        const result = await run(bytes, { fileName: `e-${label}` });
        expect({ label, status: result.status, encoding: result.encoding, rows: result.rows }).toEqual({ label, status: 'succeeded', encoding, rows: { read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 } });
      }
      expect(await registry()).toEqual(snapshot);
    });

    it('refuses a broken, empty, cut or wrongly encoded file with a file-level problem, and writes nothing', async () => {
      const good = csvFile(HEADER, [['B-001', G1, '甲', '户主', idNumber('1966-03-03', 151), '', '', '', '', '']]);
      const birth = (i: number) => new Date(Date.UTC(1930, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const manyRows = csvFile(HEADER, Array.from({ length: 1500 }, (_, i) => [`B-${i}`, G1, '乙', '户主', idNumber(birth(i), 201), '', '', '', '', '']));
      const book = await xlsxFile(HEADER, [['B-001', G1, '甲', '户主', idNumber('1966-03-03', 151), '', '', '', '', '']]);
      const cases: [string, Buffer, string][] = [
        ['empty', Buffer.alloc(0), 'import_file_empty'],
        ['header only', csvFile(HEADER, []), 'import_no_rows'],
        ['no header', Buffer.from('a,b,c\r\n1,2,3\r\n'), 'import_header_missing'],
        ['garbage', Buffer.from([0, 159, 146, 150, 0, 1, 2, 3]), 'import_file_unreadable'],
        ['cut XLSX', book.subarray(0, Math.floor(book.length / 2)), 'import_file_unreadable'],
        // Rows are staged before the broken part is reached: still nothing is written.
        ['GBK in a UTF-8 file', Buffer.concat([manyRows, gbkLine('B-X,370921104201,李四,户主,1\r\n')]), 'import_file_encoding'],
        ['cut inside a quote', Buffer.concat([manyRows, Buffer.from('B-Y,"370921104201,李四\r\n')]), 'import_file_truncated'],
      ];
      const before = await count();
      for (const [label, bytes, code] of cases) {
        const error = await run(bytes, { fileName: label }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, label).toBeInstanceOf(AppError);
        expect({ label, status: (error as AppError).status, code: (error as AppError).code }).toEqual({ label, status: 422, code });
        const job = await database.db.selectFrom('import_job').select(['status', 'problem']).where('file_name', '=', label).executeTakeFirstOrThrow();
        expect(job, label).toEqual({ status: 'rejected', problem: code });
      }
      expect(await count()).toEqual(before);
      // The same content, unbroken, imports.
      expect((await run(good)).status).toBe('succeeded');
      const names = (await sql<{ n: string }>`SELECT count(*) AS n FROM pg_tables WHERE tablename ~ '^import_[a-z]+_[0-9a-f]{32}$'`.execute(database.db)).rows[0]!.n;
      expect(Number(names), 'staging tables are dropped').toBe(0);
    });

    it('keeps a township admin inside their township; finds registry conflicts', async () => {
      // A Jiangji household, imported by the county.
      const jiangji = await run(csvFile(HEADER, [['S-J', J1, '蒋一', '户主', idNumber('1958-08-08', 161), '', '', '', '', '']]));
      expect(jiangji.status).toBe('succeeded');
      const file = csvFile(HEADER, [
        /* 2 */ ['S-1', J1, '外村人', '户主', idNumber('1959-09-09', 163), '', '', '', '', ''],
        /* 3 */ ['S-J', G1, '冒用', '户主', idNumber('1960-10-10', 165), '', '', '', '', ''],
        /* 4 */ ['S-2', G1, '另一户', '户主', ID.zhang, '', '', '', '', ''],
        /* 5 */ ['S-3', G1, '本镇人', '户主', idNumber('1961-11-11', 167), '', '', '', '', ''],
      ]);
      const result = await run(file, { mode: 'partial', regionId: regionId['370921104']! });
      expect(result.rows).toEqual({ read: 4, inserted: 1, updated: 0, unchanged: 0, rejected: 3 });
      expect(await issuesOf(result.jobId)).toEqual([
        [2, '村代码', J1, 'village_not_found'],
        // A Jiangji household number: the neutral issue, no column, no value (the county gets the details).
        [3, '', '', 'conflict_outside_scope'],
        [4, '身份证号', masked(ID.zhang), 'id_in_other_household'],
      ]);
      const job = await database.db.selectFrom('import_job').select(['region_id', 'county_code']).where('id', '=', result.jobId).executeTakeFirstOrThrow();
      expect(job).toEqual({ region_id: regionId['370921104'], county_code: '370921' });
    });

    it('stores issues up to a cap, counts the rest, and says the list is incomplete', async () => {
      const dup = idNumber('1962-06-06', 171);
      const file = csvFile(HEADER, [
        ['T-1', G1, '甲', '户主', idNumber('1962-06-07', 173), '', '', '1', '', ''],
        ['T-2', G1, '乙', '户主', idNumber('1962-06-08', 175), '', '', '2', '', ''],
        ['T-3', G1, '丙', '户主', idNumber('1962-06-09', 177), '', '', '3', '', ''],
        ['T-4', G1, '丁', '户主', dup, '', '', '', '', ''],
        ['T-5', G1, '戊', '户主', dup, '', '', '', '', ''],
      ]);
      const result = await run(file, { maxStoredIssues: 3 });
      expect(result).toMatchObject({ status: 'rejected', rows: { rejected: 5 }, issues: { found: 5, stored: 3, truncated: true } });
      expect((await issuesOf(result.jobId)).map((i) => [i[0], i[3]])).toEqual([
        [0, 'issues_truncated'],
        [2, 'phone_format'],
        [3, 'phone_format'],
        [4, 'phone_format'],
      ]);
    });

    it('marks jobs a crashed server left running as failed, and leaves live ones alone', async () => {
      const db = database.db;
      await db.insertInto('import_job').values({ id: '00000000-0000-4000-8000-000000000001', kind: 'households', file_name: 'crashed.csv', mode: 'partial', status: 'running', region_id: regionId['370921']! }).execute();
      expect(await failInterruptedImports({ db }, {})).toEqual(['00000000-0000-4000-8000-000000000001']);
      expect(await db.selectFrom('import_job').select(['status', 'problem']).where('id', '=', '00000000-0000-4000-8000-000000000001').executeTakeFirstOrThrow()).toEqual({
        status: 'failed',
        problem: 'import_interrupted',
      });
      if (dialect.name === 'postgres') {
        // A job another server is running holds its advisory lock: not touched.
        const { openImportSession } = await import('./import-session.ts');
        await db.insertInto('import_job').values({ id: '00000000-0000-4000-8000-000000000002', kind: 'households', file_name: 'live.csv', mode: 'partial', status: 'running', region_id: regionId['370921']! }).execute();
        const session = await openImportSession(db, '00000000-0000-4000-8000-000000000002');
        try {
          expect(await failInterruptedImports({ db }, {})).toEqual([]);
        } finally {
          await session.release(false);
        }
        expect(await failInterruptedImports({ db }, {})).toEqual(['00000000-0000-4000-8000-000000000002']);
      }
    });
  });
}

function gbkLine(text: string) {
  // A GBK line inside a UTF-8 file, as when two exports are pasted together.
  return Buffer.from([...Buffer.from(text.split('李四')[0]!), 0xc0, 0xee, 0xcb, 0xc4, ...Buffer.from(text.split('李四')[1]!)]);
}
