import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { loadSession } from '../auth/index.ts';
import { countMatches } from './list-residents.ts';
import { residentQuery } from './search-residents.ts';

const G_VILLAGE = '370921104201'; // a village of 堽城镇
const J_VILLAGE = '370921105201'; // a village of 蒋集镇
const G_HOUSEHOLDS = 23;
const J_HOUSEHOLDS = 4;

interface Item {
  id: string;
  name: string;
  idNumberMasked: string;
  household: { id: string; householdNo: string };
  township: { name: string };
  pairedCadre: { id: string; displayName: string } | null;
}
interface Answer {
  items: Item[];
  nextCursor: string | null;
  total: { count: number; exact: boolean } | null;
}

for (const dialect of DIALECTS) {
  describe(`registry lists: totals, pages, paired cadres [${dialect.name}]`, () => {
    let t: TestApp;
    let paired: string;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      // 堽城镇: 23 households of two (46 residents, 朱 heads); 蒋集镇: 4 of one. Every 5th household of 堽城镇 has a hardship label.
      for (let i = 0; i < G_HOUSEHOLDS; i++) {
        const h = await insertHousehold(t.database.db, testCipher, {
          villageCode: G_VILLAGE,
          householdNo: `G-${String(i).padStart(3, '0')}`,
          members: [
            { name: `朱${'一二三四五六七八九十'[i % 10]}${i}`, idNumber: idNumber('1970-01-01', 100 + i * 2 + 1), relationship: '户主', phones: [`1381234${String(i).padStart(4, '0')}`] },
            { name: `何${i}`, idNumber: idNumber('1972-02-02', 100 + i * 2), relationship: '配偶' },
          ],
          hardship: i % 5 === 0 ? ['dibao'] : [],
        });
        if (i === 5) paired = h.householdId;
      }
      for (let i = 0; i < J_HOUSEHOLDS; i++) {
        await insertHousehold(t.database.db, testCipher, {
          villageCode: J_VILLAGE,
          householdNo: `J-${i}`,
          members: [{ name: `朱蒋${i}`, idNumber: idNumber('1965-03-03', 300 + i), relationship: '户主' }],
        });
      }
      const cadre = await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow();
      const g = await t.as('gangcheng');
      const assigned = await g.post(`/api/households/${paired}/pairings`, { cadreId: cadre.id, role: 'responsible', startedOn: '2026-01-05' });
      expect(assigned.statusCode).toBe(201);
    });
    afterAll(async () => t?.close());

    // Signing in costs an argon2 hash: one client per account for the whole file.
    const clients = new Map<string, Promise<Client>>();
    const as = (who: string) => clients.get(who) ?? clients.set(who, t.as(who)).get(who)!;
    const list = async (who: string, query: string): Promise<Answer> => {
      const res = await (await as(who)).get(`/api/residents?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    it('counts all matches exactly, inside the caller’s scope, with the filter', async () => {
      expect((await list('admin', 'limit=10&count=true')).total).toEqual({ count: G_HOUSEHOLDS * 2 + J_HOUSEHOLDS, exact: true });
      expect((await list('gangcheng', 'limit=10&count=true')).total).toEqual({ count: G_HOUSEHOLDS * 2, exact: true });
      expect((await list('gangcheng', 'q=zhu&limit=10&count=true')).total).toEqual({ count: G_HOUSEHOLDS, exact: true });
      expect((await list('admin', 'q=zhu&limit=10&count=true')).total).toEqual({ count: G_HOUSEHOLDS + J_HOUSEHOLDS, exact: true });
      expect((await list('admin', 'regionCode=370921105&limit=10&count=true')).total).toEqual({ count: J_HOUSEHOLDS, exact: true });
      expect((await list('admin', 'category=dibao&limit=10&count=true')).total).toEqual({ count: 5 * 2, exact: true });
      expect((await list('admin', 'paired=false&limit=10&count=true')).total).toEqual({ count: 4 * 2, exact: true });
      // Another township's region is 404 for a township admin, as before: no count leaks.
      expect((await (await as('gangcheng')).get('/api/residents?regionCode=370921105')).statusCode).toBe(404);
      // Only when asked: a search or a later page of a counted list does not pay for it.
      expect((await list('admin', 'limit=10&page=2&count=false')).total).toBeNull();
      expect((await list('admin', 'limit=10')).total).toBeNull();
    });

    it('stops counting at the cap and says so', async () => {
      const cookie = (await as('admin')).cookie!;
      const { actor } = (await loadSession(t.database.db, cookie.split(';')[0]!.split('=')[1]!))!;
      const query = await residentQuery({ db: t.database.db, actor, cipher: testCipher }, {});
      expect(await countMatches(t.database.db, query, 10)).toEqual({ count: 10, exact: false });
      expect(await countMatches(t.database.db, query, 50)).toEqual({ count: 50, exact: true });
      expect(await countMatches(t.database.db, query, 49)).toEqual({ count: 49, exact: false });
    });

    it('pages by number and by cursor alike: stable, complete, without repeats', async () => {
      const all = (await list('gangcheng', 'limit=200')).items.map((r) => r.id);
      expect(all).toHaveLength(G_HOUSEHOLDS * 2);
      const byNumber: string[] = [];
      for (let page = 1; page <= 5; page++) byNumber.push(...(await list('gangcheng', `limit=10&page=${page}`)).items.map((r) => r.id));
      expect(byNumber).toEqual(all);
      const byCursor: string[] = [];
      let cursor: string | null = null;
      do {
        const answer: Answer = await list('gangcheng', `limit=10${cursor ? `&cursor=${cursor}` : ''}`);
        byCursor.push(...answer.items.map((r) => r.id));
        cursor = answer.nextCursor;
      } while (cursor);
      expect(byCursor).toEqual(all);
      // The same page asked twice is the same page; past the last one is empty.
      expect((await list('gangcheng', 'limit=10&page=3')).items).toEqual((await list('gangcheng', 'limit=10&page=3')).items);
      expect((await list('gangcheng', 'limit=10&page=6')).items).toEqual([]);
      // A jump to page 3 then "next" by its cursor lands where page 4 is.
      const third = await list('gangcheng', 'limit=10&page=3');
      expect((await list('gangcheng', `limit=10&cursor=${third.nextCursor}`)).items.map((r) => r.id)).toEqual(all.slice(30, 40));
    });

    it('refuses a cursor with a page number, and a page too far to skip to', async () => {
      const g = await as('gangcheng');
      const first = await list('gangcheng', 'limit=10');
      const both = await g.get(`/api/residents?limit=10&page=2&cursor=${first.nextCursor}`);
      expect(both.statusCode).toBe(400);
      expect(both.headers['content-type']).toMatch(/problem\+json/);
      expect((await g.get('/api/residents?limit=200&page=5002')).statusCode).toBe(400);
      expect((await g.get('/api/residents?page=0')).statusCode).toBe(400);
    });

    it('shows each household’s responsible cadre, masked numbers as before', async () => {
      const items = (await list('gangcheng', 'limit=200')).items;
      const ofPaired = items.filter((r) => r.household.id === paired);
      expect(ofPaired).toHaveLength(2);
      for (const r of ofPaired) expect(r.pairedCadre).toMatchObject({ displayName: '堽城镇包村干部' });
      expect(items.filter((r) => r.household.id !== paired).every((r) => r.pairedCadre === null)).toBe(true);
      for (const r of items) expect(r.idNumberMasked).toMatch(/^370921\*{8}\d{3}[\dX]$/);
    });

    it('exports the paired cadre as its own column', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const res = await (await as('gangcheng')).get('/api/residents/export.xlsx?category=dibao');
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const values = workbook.worksheets[0]!.getSheetValues();
      const header = (values[2] as unknown[]).slice(1);
      expect(header.at(-1)).toBe('结对干部');
      const rows = values.slice(3).map((r) => (r as unknown[]).slice(1) as string[]);
      expect(rows).toHaveLength(10);
      const cadres = rows.map((r) => r[header.length - 1] ?? '');
      expect(cadres.filter((c) => c === '堽城镇包村干部')).toHaveLength(2);
      expect(cadres.filter((c) => c === '')).toHaveLength(8);
    });
  });
}
