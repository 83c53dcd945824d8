import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { challengeAnswerHash } from './public-challenge.ts';
import { knownChallenge } from './testing/challenge-fixture.ts';
import { arithmeticQuestion, challengeSvg } from './challenge-image.ts';
import { sameCode } from './track-resident-case.ts';
import { titleOf } from './submit-resident-case.ts';
import { acceptCase, callbackCase, resolveCase } from '../cases/index.ts';
import { caseContext } from '../cases/testing/case-fixture.ts';

const COUNTY = '370921';
const VILLAGE = '370921104201';

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c83232' } })
    .withExif({ IFD0: { Artist: 'secret name' }, IFD3: { GPSLatitude: '35/1 45/1 0/1' } })
    .jpeg()
    .toBuffer();

describe('challenge picture', () => {
  it('draws the question as strokes: no text element, no digits in the markup', () => {
    for (let i = 0; i < 20; i += 1) {
      const q = arithmeticQuestion();
      expect(q.answer).toBe(eval(q.text.replace('=?', '')) as number);
      const svg = challengeSvg(q.text);
      expect(svg).not.toMatch(/<text|font/);
      expect(svg.startsWith('<svg')).toBe(true);
    }
  });
  it('titles and codes', () => {
    expect(titleOf('\n村口路灯坏了两周\n晚上很黑')).toBe('村口路灯坏了两周');
    expect([...titleOf('一'.repeat(40))].length).toBe(31);
    expect(sameCode('ABCDEFGHJK', 'ABCDEFGHJK')).toBe(true);
    expect(sameCode('ABCDEFGHJK', 'ABCDEFGHJ0')).toBe(false);
    expect(sameCode('ABC', 'ABCDEFGHJK')).toBe(false);
  });
});

for (const dialect of DIALECTS) {
  describe(`resident page (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    }, 120_000);
    afterAll(async () => t?.close());

    const submission = async (extra: Record<string, unknown> = {}) => ({
      county: COUNTY,
      categoryCode: 'env-road-light',
      villageCode: VILLAGE,
      description: '村口三盏路灯坏了两周，晚上很黑',
      contactName: '张大爷',
      contactPhone: '13812345678',
      consentContact: true,
      ...(await knownChallenge(t.database.db)),
      ...extra,
    });

    it('lists only active public leaf categories and the county’s villages (names and codes)', async () => {
      const categories = await t.anonymous.get(`/api/public/categories?county=${COUNTY}`);
      expect(categories.statusCode).toBe(200);
      const codes = categories.json().items.map((c: { code: string }) => c.code);
      expect(codes).toContain('env-road-light');
      expect(codes).not.toContain('relief-elderly'); // not public
      expect(codes).not.toContain('environment'); // a group, not a leaf
      const villages = await t.anonymous.get(`/api/public/villages?county=${COUNTY}`);
      expect(villages.statusCode).toBe(200);
      const body = villages.json();
      expect(body.county.code).toBe(COUNTY);
      expect(body.items.find((v: { code: string }) => v.code === VILLAGE)).toBeTruthy();
      expect(Object.keys(body.items[0]).sort()).toEqual(['code', 'name', 'townshipCode', 'townshipName']);
      expect((await t.anonymous.get('/api/public/villages?county=999999')).statusCode).toBe(404);
    });

    it('issues a picture challenge whose answer is stored hashed', async () => {
      const res = await t.anonymous.post('/api/public/challenges');
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect(c.image).toMatch(/^data:image\/svg\+xml;base64,/);
      const row = await t.database.db.selectFrom('public_challenge').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(row.answer_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.used_at).toBeNull();
    });

    it('files a case through the intake with a valid challenge; without one, or replayed, it is refused', async () => {
      const without = await t.anonymous.post('/api/public/cases', { ...(await submission()), challengeId: undefined, challengeAnswer: undefined });
      expect(without.statusCode).toBe(400);
      const wrong = await t.anonymous.post('/api/public/cases', await submission({ challengeAnswer: '41' }));
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().code).toBe('public_challenge_failed');

      const body = await submission();
      const ok = await t.anonymous.post('/api/public/cases', body);
      expect(ok.statusCode, ok.body).toBe(201);
      const { caseNo, trackingCode } = ok.json();
      expect(caseNo).toMatch(/^MQ\d{14}$/);
      expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);
      const row = await t.database.db.selectFrom('resident_case').selectAll().where('county_code', '=', COUNTY).where('case_no', '=', caseNo).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ channel: 'resident_page', registered_by: null, status: 'dispatched', contact_name: '张大爷', contact_phone_masked: '138****5678', consent_contact: true });

      const replay = await t.anonymous.post('/api/public/cases', { ...body, description: '再来一次同样的验证码' });
      expect(replay.statusCode).toBe(422);
      expect(replay.json().code).toBe('public_challenge_failed');
      const english = await t.anonymous.request({ method: 'POST', url: '/api/public/cases', payload: { ...body }, headers: { 'x-lianxin-locale': 'en' } });
      expect(english.json().detail).toMatch(/check answer/);

      const expired = await knownChallenge(t.database.db, 42, new Date(Date.now() - 60 * 60 * 1000));
      expect((await t.anonymous.post('/api/public/cases', await submission(expired))).json().code).toBe('public_challenge_failed');
    });

    it('keeps no phone without consent; refuses a village of no county of its own and a non-public category', async () => {
      const noConsent = await t.anonymous.post('/api/public/cases', await submission({ consentContact: false }));
      expect(noConsent.statusCode).toBe(201);
      const row = await t.database.db.selectFrom('resident_case').selectAll().where('county_code', '=', COUNTY).where('case_no', '=', noConsent.json().caseNo).executeTakeFirstOrThrow();
      expect(row.contact_phone_hash).toBeNull();
      expect(row.consent_contact).toBe(false);
      const consentNoPhone = await t.anonymous.post('/api/public/cases', await submission({ contactPhone: undefined }));
      expect(consentNoPhone.statusCode).toBe(400);
      const badVillage = await t.anonymous.post('/api/public/cases', await submission({ villageCode: '370921104999' }));
      expect(badVillage.json().code).toBe('resident_village_invalid');
      const hidden = await t.anonymous.post('/api/public/cases', await submission({ categoryCode: 'relief-elderly' }));
      expect(hidden.json().code).toBe('case_category_unknown');
    });

    it('stores a photo through the visit-file pipeline (metadata gone, bounded) and attaches it once', async () => {
      const up = await t.anonymous.request({ method: 'POST', url: `/api/public/photos?county=${COUNTY}`, payload: await jpeg(), headers: { 'content-type': 'image/jpeg' } });
      expect(up.statusCode, up.body).toBe(201);
      const { sha256 } = up.json();
      const stored = await t.database.db.selectFrom('stored_file').selectAll().where('sha256', '=', sha256).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ county_code: COUNTY, uploaded_by: null, kind: 'photo' });
      const kept = await sharp(path.join(t.filesDir, sha256.slice(0, 2), sha256)).metadata();
      expect(kept.exif).toBeUndefined();
      const filed = await t.anonymous.post('/api/public/cases', await submission({ photoSha256: sha256 }));
      expect(filed.statusCode, filed.body).toBe(201);
      const c = await t.database.db.selectFrom('resident_case').select('id').where('county_code', '=', COUNTY).where('case_no', '=', filed.json().caseNo).executeTakeFirstOrThrow();
      const files = await t.database.db.selectFrom('case_file').selectAll().where('case_id', '=', c.id).execute();
      expect(files.map((f) => f.sha256)).toEqual([sha256]);
      expect(files[0]!.event_id).not.toBeNull();
      // Used once: a second case cannot name it, nor a photo nobody uploaded.
      expect((await t.anonymous.post('/api/public/cases', await submission({ photoSha256: sha256 }))).json().code).toBe('resident_photo_unknown');
      expect((await t.anonymous.post('/api/public/cases', await submission({ photoSha256: 'a'.repeat(64) }))).json().code).toBe('resident_photo_unknown');

      const notImage = await t.anonymous.request({ method: 'POST', url: `/api/public/photos?county=${COUNTY}`, payload: Buffer.from('%PDF-1.4 not an image'), headers: { 'content-type': 'image/jpeg' } });
      expect(notImage.statusCode).toBe(422);
      const wrongType = await t.anonymous.request({ method: 'POST', url: `/api/public/photos?county=${COUNTY}`, payload: await jpeg(), headers: { 'content-type': 'text/html' } });
      expect(wrongType.statusCode).toBe(415);
      const small = await startTestApp(dialect, { VISIT_PHOTO_MAX_BYTES: '1024' });
      try {
        const big = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#123456' } }).jpeg({ quality: 100 }).toBuffer();
        const tooLarge = await small.anonymous.request({ method: 'POST', url: `/api/public/photos?county=${COUNTY}`, payload: big, headers: { 'content-type': 'image/jpeg' } });
        expect(tooLarge.statusCode).toBe(413);
        expect(tooLarge.json().code).toBe('visit_file_too_large');
      } finally {
        await small.close();
      }
    }, 60_000);

    it('tracks a case by its code: steps and status only, no personal data, no staff; wrong codes answer like unknown ones', async () => {
      const filed = (await t.anonymous.post('/api/public/cases', await submission())).json();
      const typed = `${filed.trackingCode.slice(0, 5).toLowerCase()}-${filed.trackingCode.slice(5)}`;
      const res = await t.anonymous.post('/api/public/track', { county: COUNTY, trackingCode: typed });
      expect(res.statusCode, res.body).toBe(200);
      const progress = res.json();
      expect(progress).toMatchObject({ caseNo: filed.caseNo, status: 'dispatched', category: { name: '道路与路灯' } });
      expect(progress.steps.map((s: { kind: string }) => s.kind)).toEqual(['register', 'dispatch']);
      expect(progress.steps[1].unit.name).toBeTruthy();
      const text = JSON.stringify(progress);
      for (const secret of ['138', '5678', '张大爷', 'phone', 'Phone', 'contact', 'actor', 'username', 'displayName', 'staff', 'note', '村口三盏路灯', 'trackingCode', filed.trackingCode]) {
        expect(text, secret).not.toContain(secret);
      }
      const last = filed.trackingCode.at(-1) === '0' ? '1' : '0';
      const wrong = await t.anonymous.post('/api/public/track', { county: COUNTY, trackingCode: `${filed.trackingCode.slice(0, 9)}${last}` });
      const unknown = await t.anonymous.post('/api/public/track', { county: COUNTY, trackingCode: 'ZZZZZZZZZZ' });
      const garbage = await t.anonymous.post('/api/public/track', { county: COUNTY, trackingCode: '%%' });
      const otherCounty = await t.anonymous.post('/api/public/track', { county: '370922', trackingCode: filed.trackingCode });
      for (const r of [wrong, unknown, garbage, otherCounty]) {
        expect(r.statusCode).toBe(404);
        expect(r.json()).toMatchObject({ code: 'not_found', detail: unknown.json().detail });
      }
    });

    it('shows the unit’s steps and what was done, never who did it or call-backs that reached nobody', async () => {
      const filed = (await t.anonymous.post('/api/public/cases', await submission())).json();
      const db = t.database.db;
      const { id } = await db.selectFrom('resident_case').select('id').where('county_code', '=', COUNTY).where('case_no', '=', filed.caseNo).executeTakeFirstOrThrow();
      const as = async (username: string) => {
        const ctx = await caseContext(db, username);
        return { ...ctx, actor: ctx.actor! };
      };
      const cadre = await as('cadre');
      await acceptCase(cadre, { id, note: '明天上门查看，电话 13900001111' });
      await resolveCase(cadre, { id, resolution: '已更换路灯灯头，恢复照明' });
      await callbackCase(await as('gangcheng'), { id, outcome: 'unreachable', note: '无人接听' });
      const progress = (await t.anonymous.post('/api/public/track', { county: COUNTY, trackingCode: filed.trackingCode })).json();
      expect(progress.status).toBe('resolved');
      expect(progress.steps.map((s: { kind: string }) => s.kind)).toEqual(['register', 'dispatch', 'accept', 'resolve']);
      expect(progress.steps[3].text).toBe('已更换路灯灯头，恢复照明');
      const text = JSON.stringify(progress);
      for (const secret of ['cadre', 'gangcheng', '包村干部', '管理员', '13900001111', '明天上门', '无人接听', 'unreachable']) expect(text, secret).not.toContain(secret);
    });

    it('rate-limits filing and tracking per address with a 429 problem in both languages', async () => {
      const limited = await startTestApp(dialect, { PUBLIC_SUBMIT_RATE_LIMIT: '2', PUBLIC_TRACK_RATE_LIMIT: '3' });
      try {
        const db = limited.database.db;
        const body = async () => ({ ...(await submission()), ...(await knownChallenge(db)) });
        expect((await limited.anonymous.post('/api/public/cases', await body())).statusCode).toBe(201);
        expect((await limited.anonymous.post('/api/public/cases', await body())).statusCode).toBe(201);
        const third = await limited.anonymous.post('/api/public/cases', await body());
        expect(third.statusCode).toBe(429);
        expect(third.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(third.json()).toMatchObject({ code: 'too_many_requests', detail: '请求过于频繁，请稍后再试。' });
        expect(Number(third.headers['retry-after'])).toBeGreaterThan(60);
        for (let i = 0; i < 3; i += 1) expect((await limited.anonymous.post('/api/public/track', { county: COUNTY, trackingCode: 'ZZZZZZZZZZ' })).statusCode).toBe(404);
        const blocked = await limited.anonymous.request({ method: 'POST', url: '/api/public/track', payload: { county: COUNTY, trackingCode: 'ZZZZZZZZZZ' }, headers: { 'x-lianxin-locale': 'en' } });
        expect(blocked.statusCode).toBe(429);
        expect(blocked.json().detail).toBe('Too many requests; try again later.');
        // Another address is not held back by this one.
        const elsewhere = await limited.app.inject({ method: 'POST', url: '/api/public/track', payload: { county: COUNTY, trackingCode: 'ZZZZZZZZZZ' }, remoteAddress: '10.9.8.7' });
        expect(elsewhere.statusCode).toBe(404);
      } finally {
        await limited.close();
      }
    }, 60_000);

    it('hashes answers with the challenge id', () => {
      expect(challengeAnswerHash('a', 3)).not.toBe(challengeAnswerHash('b', 3));
      expect(challengeAnswerHash('a', '3')).toBe(challengeAnswerHash('a', 3));
    });
  });
}
