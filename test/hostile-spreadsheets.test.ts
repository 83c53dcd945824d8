/**
 * The hardening probes against the reading of spreadsheets, over HTTP: each hostile file sent to
 * the household import and to the survey frame upload is refused within seconds with a
 * problem+json naming the limit, in Chinese and English, while /api/health keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endlessCsvLine, sharedStringsBomb, xfdSheet } from '../src/server/spreadsheets/testing/hostile-spreadsheets.ts';
import { SPREADSHEET_LIMITS } from '../src/shared/registry/spreadsheet-limits.ts';
import { DIALECTS } from './support/dialects.ts';
import { startTestApp, type Client, type TestApp } from './support/test-app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOUSEHOLD_HEADER = ['户编号', '村代码', '姓名', '与户主关系', '身份证号'];
const FRAME_HEADER = ['乡镇', '手机号码'];
/** The probes ran 1–2 minutes (heap exhausted) and 205 s; generous for a loaded CI machine. */
const REFUSED_WITHIN_MS = 20_000;
/** /api/health answered in up to 10 s during the probe. */
const HEALTH_WITHIN_MS = 1_000;

/** ~20 MB of one CSV line after the header: as endless as an upload gets. */
async function longCsvLine(header: readonly string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of endlessCsvLine(header.join(','))) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > 20 * 1024 * 1024) break;
  }
  return Buffer.concat(chunks);
}

interface Probe {
  name: string;
  bytes: Buffer;
  type: string;
  status: number;
  code: string;
  limit: { name: string; value: number };
  /** The limit as the detail names it, in Chinese and in English. */
  says: [string, string];
}

/** Sends the upload and, until it is answered, asks /api/health every 50 ms; returns the answer, its time and health's slowest. */
async function whileHealthy(anonymous: Client, send: () => ReturnType<Client['request']>) {
  let done = false;
  let slowest = 0;
  let answered = 0;
  const started = performance.now();
  const health = (async () => {
    while (!done) {
      const t0 = performance.now();
      const res = await anonymous.get('/api/health');
      expect(res.statusCode).toBe(200);
      slowest = Math.max(slowest, performance.now() - t0);
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const res = await send().finally(() => (done = true));
  const ms = performance.now() - started;
  await health;
  return { res, ms, slowest, answered };
}

for (const dialect of DIALECTS) {
  describe(`hostile spreadsheets over HTTP [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    let supervisor: Client;
    let waveId: string;
    const probes = (header: readonly string[]): Promise<Probe[]> =>
      longCsvLine(header).then((line) => [
        {
          name: '5 GB shared strings, size lied about',
          bytes: sharedStringsBomb('lie'),
          type: XLSX,
          status: 413,
          code: 'import_xlsx_part_too_large',
          limit: { name: 'sharedStringsBytes', value: SPREADSHEET_LIMITS.sharedStringsBytes },
          says: ['共享字符串上限 256 MB', 'shared strings 256 MB'],
        },
        {
          name: '5 GB shared strings, size told',
          bytes: sharedStringsBomb('truth'),
          type: XLSX,
          status: 413,
          code: 'import_xlsx_part_too_large',
          limit: { name: 'sharedStringsBytes', value: SPREADSHEET_LIMITS.sharedStringsBytes },
          says: ['共享字符串上限 256 MB', 'shared strings 256 MB'],
        },
        {
          name: 'a value at XFD in 50,000 rows',
          bytes: xfdSheet(header),
          type: XLSX,
          status: 422,
          code: 'import_row_too_wide',
          limit: { name: 'columns', value: 1_000 },
          says: ['1,000 列', 'column 1,000'],
        },
        {
          name: 'a 20 MB CSV line',
          bytes: line,
          type: 'text/csv',
          status: 422,
          code: 'import_csv_record_too_long',
          limit: { name: 'csvRecordChars', value: 262_144 },
          says: ['262,144 个字符', '262,144 characters'],
        },
      ]);

    async function check(probe: Probe, send: (locale: 'zh-CN' | 'en') => ReturnType<Client['request']>) {
      for (const [i, locale] of (['zh-CN', 'en'] as const).entries()) {
        const { res, ms, slowest, answered } = await whileHealthy(t.anonymous, () => send(locale));
        const body = res.json();
        expect({ probe: probe.name, locale, status: res.statusCode, code: body.code, limit: body.limit }).toEqual({ probe: probe.name, locale, status: probe.status, code: probe.code, limit: probe.limit });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(body.detail, probe.name).toContain(probe.says[i]);
        expect(ms, `${probe.name}: answered in`).toBeLessThan(REFUSED_WITHIN_MS);
        expect(answered, probe.name).toBeGreaterThan(0);
        expect(slowest, `${probe.name}: slowest /api/health`).toBeLessThan(HEALTH_WITHIN_MS);
      }
    }

    beforeAll(async () => {
      t = await startTestApp(dialect);
      admin = await t.as('admin');
      supervisor = await t.as('supervisor');
      const versionId = (await supervisor.post('/api/survey/questionnaires/standard')).json().versions[0].id;
      const wave = await supervisor.post('/api/survey/waves', {
        questionnaireVersionId: versionId,
        name: '加固测试',
        startsOn: '2026-03-01',
        endsOn: '2026-03-20',
        callingHours: [{ from: '09:00', to: '11:30' }],
        maxAttempts: 5,
        targetCompletes: 20,
      });
      expect(wave.statusCode, wave.body).toBe(201);
      waveId = wave.json().id;
    });
    afterAll(async () => t?.close());

    it('the household import refuses each at once, and records it on the job', async () => {
      for (const probe of await probes(HOUSEHOLD_HEADER)) {
        await check(probe, (locale) =>
          admin.request({ method: 'POST', url: '/api/imports/households?fileName=hostile', payload: probe.bytes, headers: { 'content-type': probe.type, 'x-lianxin-locale': locale } }),
        );
      }
      const jobs = (await admin.get('/api/imports?limit=50')).json() as { items: { status: string; problem: { code: string } | null }[] };
      expect(jobs.items.filter((j) => j.problem?.code === 'import_xlsx_part_too_large').length).toBe(4);
      expect(jobs.items.every((j) => j.status === 'rejected')).toBe(true);
    });

    it('the survey frame upload refuses each at once, and the wave keeps no frame', async () => {
      for (const probe of await probes(FRAME_HEADER)) {
        await check(probe, (locale) =>
          supervisor.request({ method: 'POST', url: `/api/survey/waves/${waveId}/frame/upload?fileName=hostile`, payload: probe.bytes, headers: { 'content-type': probe.type, 'x-lianxin-locale': locale } }),
        );
      }
      expect((await supervisor.get(`/api/survey/waves/${waveId}`)).json().counts.frame).toBe(0);
    });
  });
}
