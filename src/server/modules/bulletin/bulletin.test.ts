/**
 * The bulletin through its routes on both databases: the model, the DOCX unzipped (page, margins,
 * fonts, red header, number, the result's figures), the XLSX, who may read what, and that the
 * working notes' gaming content never reaches the bulletin. Assessments and results are written
 * straight into the tables (the assessment module computes real ones).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBulletinModel } from '../../../shared/api/bulletin.ts';
import type { TAssessmentResult } from '../../../shared/assessment/index.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, insertInterviewOutcomes } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { renderBulletinDocx } from './render-bulletin-docx.ts';
import { handMadeResult, insertAssessment, type FixtureTownship } from './testing/bulletin-fixture.ts';
import { readZip } from './testing/read-zip.ts';

const NUMBER = '宁联办〔2026〕12号';
const GAMING_MARK = '答题高度一致GAMINGMARK';

for (const dialect of DIALECTS) {
  describe(`bulletin [${dialect.name}]`, () => {
    let t: TestApp;
    let townships: FixtureTownship[];
    let published: string;
    let draft: string;
    let uncomputed: string;
    let result: TAssessmentResult;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      townships = await db.selectFrom('region').select(['id', 'code', 'name']).where('parent_id', '=', db.selectFrom('region').select('id').where('code', '=', '370921')).where('level', '=', 'township').orderBy('code').execute();
      const interviewerIds = (await db.selectFrom('app_user').select('id').where('username', 'in', ['interviewer1', 'interviewer2']).execute()).map((u) => u.id);
      const wave = await insertFieldworkWave(db, testCipher, { casesPerTownship: 40, status: 'closed', startsOn: '2026-10-01', endsOn: '2026-11-30', phoneBlock: 61 });
      // The first township much happier than the county, the last much less: strengths and weak domains to find.
      const satisfaction = Object.fromEntries(townships.map((x, i) => [x.code, i === 0 ? 0.97 : i === townships.length - 1 ? 0.25 : 0.7]));
      await insertInterviewOutcomes(db, wave, { interviewerIds, outcomes: { complete: 40 }, seed: 12, satisfaction });
      const waves = [{ id: wave.waveId, name: '2026年第四季度满意度调查', startsOn: '2026-10-01', endsOn: '2026-11-30' }];
      const city: TAssessmentResult['city'] = [
        {
          figure: 'index',
          county: { estimate: 84.2, standardError: 0.6, n: 520, interval: { lower: 83.0, upper: 85.4 } },
          city: { estimate: 82.0, standardError: 0.8, n: 600, interval: { lower: 80.4, upper: 83.6 }, source: '=HYPERLINK("http://x","市联办")', cityRank: 2, cityCounties: 6 },
          verdict: 'county_higher',
        },
      ];
      const ranks = townships.map((_, i) => (i < 2 ? { best: 1, worst: 2 } : { best: i + 1, worst: i + 1 }));
      ({ assessmentId: published } = await insertAssessment(db, {
        status: 'published',
        result: (id) => (result = handMadeResult({ assessmentId: id, townships, waves, city, ranks, adjustments: { [townships[2]!.code]: [{ id: '1', points: -2, reason: '信访事项办理不及时' }] } })),
      }));
      ({ assessmentId: draft } = await insertAssessment(db, { status: 'draft', result: (id) => handMadeResult({ assessmentId: id, townships, waves }) }));
      const county = await db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow();
      uncomputed = String(
        (await db.insertInto('assessment').values({ county_code: '370921', county_id: county.id, name: '未计算', period_start: '2026-10-01', period_end: '2026-12-31' }).returning('id').executeTakeFirstOrThrow()).id,
      );
      const paths = new Map((await db.selectFrom('region').select(['id', 'path']).where('level', '=', 'township').execute()).map((r) => [r.id, r.path]));
      const task = (n: number, townshipId: string, status: 'open' | 'submitted' | 'accepted', dueOn: string, submittedAt: Date | null = null) => ({
        county_code: '370921',
        task_no: `ZG2026-${String(n).padStart(4, '0')}`,
        source: 'manual' as const,
        status,
        township_id: townshipId,
        region_path: paths.get(townshipId)!,
        owner_region_id: townshipId,
        due_on: dueOn,
        title: '整改',
        problem: '问题',
        submitted_at: submittedAt,
        accepted_at: status === 'accepted' ? new Date('2026-11-25T02:00:00Z') : null,
      });
      const [a, b] = townships;
      await db
        .insertInto('rectification_task')
        .values([
          task(1, a!.id, 'accepted', '2026-11-20', new Date('2026-11-19T02:00:00Z')),
          task(2, a!.id, 'open', '2026-11-01'),
          task(3, b!.id, 'submitted', '2026-12-20', new Date('2026-11-30T02:00:00Z')),
          { ...task(4, b!.id, 'open', '2026-11-01'), status: 'proposed' as const, due_on: null, owner_region_id: null },
        ])
        .execute();
      await db
        .insertInto('gaming_flag')
        .values({
          county_code: '370921',
          wave_id: wave.waveId,
          township_id: a!.id,
          signal: 'uniform_answers',
          severity: 'review',
          evidence: JSON.stringify({
            summary: { 'zh-CN': `满意度跃升且${GAMING_MARK}`, en: 'uniform' },
            measures: [{ key: 'straight', label: { 'zh-CN': '直线作答比例', en: 'Straight-lining' }, township: 0.41, reference: 0.08, referenceLabel: { 'zh-CN': '全县', en: 'County' }, n: 40, p: 0.0002 }],
          }),
        })
        .execute();
    }, 240_000);
    afterAll(() => t?.close());

    it('serves the published result’s model with the wave’s domains, the tasks and the city, and no gaming content', async () => {
      const admin = await t.as('admin');
      const res = await admin.get(`/api/assessments/${published}/bulletin?number=${encodeURIComponent(NUMBER)}&date=2026-12-08`);
      expect(res.statusCode).toBe(200);
      const model = res.json<TBulletinModel>();
      expect(model.draft).toBe(false);
      expect(model.header).toMatchObject({ number: NUMBER, date: '2026-12-08', issuer: '宁阳县联系服务群众工作领导小组办公室' });
      expect(model.ranking.map((r) => r.composite.value)).toEqual(result.townships.map((x) => x.composite));
      expect(model.ranking.map((r) => r.name)).toEqual(townships.map((x) => x.name));
      expect(model.best).toMatchObject({ separable: false, townships: [{ name: townships[0]!.name }, { name: townships[1]!.name }] });
      expect(model.lagging).toMatchObject({ separable: true, townships: [{ name: townships.at(-1)!.name }] });
      const first = model.townships[0]!;
      const last = model.townships.at(-1)!;
      expect(first.strengths.length).toBeGreaterThan(0);
      expect(last.weaknesses.length).toBeGreaterThan(0);
      for (const d of [...first.strengths, ...last.weaknesses]) expect(d.difference.interval!.lower * d.difference.interval!.upper).toBeGreaterThan(0);
      // Tasks: the proposal is not counted; as of 12-08 the open one due 11-01 is overdue.
      expect(model.rectification.total).toMatchObject({ total: 3, open: 1, submitted: 1, accepted: 1, acceptedOnTime: 1, overdue: 1 });
      expect(model.city[0]!.verdict).toBe('county_higher');
      expect(res.body).not.toMatch(/GAMINGMARK|刷分|gaming/i);
    });

    it('writes the DOCX in the form of GB/T 9704: A4, margins, fonts, the red header, the number and the result’s figures', async () => {
      const admin = await t.as('admin');
      const res = await admin.get(`/api/assessments/${published}/bulletin.docx?number=${encodeURIComponent(NUMBER)}&date=2026-12-08&issuer=${encodeURIComponent('宁阳县联系服务群众工作领导小组办公室')}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026年第四季度乡镇考核通报.docx'));
      const zip = readZip(res.rawPayload);
      const xml = zip.get('word/document.xml')!;
      expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
      expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      expect(xml).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-\d+"/);
      expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
      expect(xml).toContain('w:eastAsia="方正小标宋简体"');
      expect(xml).toContain('w:eastAsia="黑体"');
      expect(xml).toContain('<w:color w:val="FF0000"/>');
      expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
      expect(xml).toContain(NUMBER);
      expect(xml).toContain('宁阳县联系服务群众工作领导小组办公室');
      expect(xml).toContain('关于2026年第四季度乡镇考核结果的通报');
      expect(xml).toContain('<w:sz w:val="44"/>'); // 2号 title
      expect(xml).toContain('2026年12月8日');
      for (const x of result.townships) {
        expect(xml).toContain(`>${x.name}<`);
        expect(xml).toContain(`>${x.composite.toFixed(1)}<`);
      }
      expect(xml).toContain('一、全县结果与市级抽查对比');
      expect(xml).toContain('数据来源');
      expect(xml).not.toMatch(/GAMINGMARK|刷分/);
      expect(xml).not.toContain('征求意见稿');
      // Page numbers "— n —" in the footers, odd and even pages (the outer side).
      const footers = [...zip.entries()].filter(([name]) => name.startsWith('word/footer')).map(([, text]) => text);
      expect(footers).toHaveLength(2);
      for (const f of footers) expect(f).toMatch(/PAGE[\s\S]*—/);
      expect(zip.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
      expect([...zip.values()].join('')).not.toMatch(/GAMINGMARK|刷分/);
    });

    it('marks a draft’s DOCX 征求意见稿 on every page; a township admin gets 404 for a draft and the published bulletin', async () => {
      const admin = await t.as('admin');
      const res = await admin.get(`/api/assessments/${draft}/bulletin.docx`);
      expect(res.statusCode).toBe(200);
      const zip = readZip(res.rawPayload);
      const headers = [...zip.entries()].filter(([name]) => name.startsWith('word/header')).map(([, text]) => text);
      expect(headers).toHaveLength(2);
      for (const h of headers) expect(h).toContain('征求意见稿');
      expect(zip.get('word/document.xml')).toContain('（征求意见稿）');
      const township = await t.as('gangcheng');
      for (const path of ['bulletin', 'bulletin.docx', 'bulletin.xlsx']) {
        expect((await township.get(`/api/assessments/${draft}/${path}`)).statusCode).toBe(404);
        expect((await township.get(`/api/assessments/${published}/${path}`)).statusCode).toBe(200);
      }
      expect((await township.get(`/api/assessments/${published}/working-notes.docx`)).statusCode).toBe(403);
      expect((await township.get(`/api/assessments/${draft}/working-notes.docx`)).statusCode).toBe(403);
      expect((await admin.get('/api/assessments/999999/bulletin')).statusCode).toBe(404);
      const none = await admin.get(`/api/assessments/${uncomputed}/bulletin`);
      expect(none.statusCode).toBe(409);
      expect(none.json().code).toBe('bulletin_no_result');
    });

    it('gives the county its working notes with the gaming flags and internal remarks', async () => {
      for (const username of ['admin', 'leader']) {
        const res = await (await t.as(username)).get(`/api/assessments/${published}/working-notes.docx`);
        expect(res.statusCode).toBe(200);
        const zip = readZip(res.rawPayload);
        const xml = zip.get('word/document.xml')!;
        expect(xml).toContain(GAMING_MARK);
        expect(xml).toContain('答案异常一致');
        expect(xml).toContain('直线作答比例');
        expect(xml).toContain('信访事项办理不及时');
        expect([...zip.entries()].filter(([n]) => n.startsWith('word/header')).every(([, h]) => h.includes('内部资料'))).toBe(true);
      }
    });

    it('exports the tables as XLSX, safe against formula injection', async () => {
      const res = await (await t.as('leader')).get(`/api/assessments/${published}/bulletin.xlsx`);
      expect(res.statusCode).toBe(200);
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['排名', '优势薄弱领域', '整改进度', '县市对比', '数据来源']);
      const ranking = workbook.getWorksheet('排名')!;
      expect(ranking.getRow(2).values).toEqual(expect.arrayContaining(['名次', '可能名次', '综合得分', '群众满意度指数 n', '群众满意度指数 95%区间']));
      expect(ranking.getRow(3).getCell(3).value).toBe(townships[0]!.name);
      expect(ranking.getRow(3).getCell(4).value).toBe(result.townships[0]!.composite);
      expect(ranking.getRow(3).getCell(2).value).toBe('1–2');
      const city = workbook.getWorksheet('县市对比')!;
      expect(city.getRow(3).getCell(8).value).toBe(`'=HYPERLINK("http://x","市联办")`);
      for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula ?? null).toBeNull()));
    });

    it('renders the 13 townships’ DOCX through the use case the benchmark calls', async () => {
      const actor = { id: '1', username: 'admin', roles: ['county_admin' as const], regionId: '1', regionCode: '370921', regionPath: '370921', countyCode: '370921', departmentId: null };
      const started = performance.now();
      const { bytes, fileName } = await renderBulletinDocx({ db: t.database.db, actor: actor as never }, { assessmentId: published });
      const ms = performance.now() - started;
      expect(fileName).toBe('2026年第四季度乡镇考核通报.docx');
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      expect(townships).toHaveLength(13);
      // For a look by hand (LibreOffice: soffice --headless --convert-to pdf): BULLETIN_DOCX_OUT=/tmp/bulletin.docx.
      if (process.env.BULLETIN_DOCX_OUT && dialect.name === 'pglite') fs.writeFileSync(process.env.BULLETIN_DOCX_OUT, bytes);
      console.info(`bulletin DOCX of 13 townships [${dialect.name}]: ${ms.toFixed(0)} ms (loaded machine)`);
    });
  });
}
