import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertHousehold, idNumber } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { storedFilePath } from './file-store.ts';

/** A photo as a phone writes one: EXIF with the camera, GPS, the capture time and a rotation. */
async function phonePhoto(o: { offset?: string; orientation?: number; colour?: string } = {}) {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: o.colour ?? '#c83232' } })
    .composite([{ input: { create: { width: 20, height: 48, channels: 3, background: '#1e64c8' } }, left: 0, top: 0 }])
    .jpeg()
    .withMetadata({ orientation: o.orientation ?? 1 })
    .withExif({
      IFD0: { Make: 'LianxinTestCam', Model: 'Phone-9000' },
      IFD2: { DateTimeOriginal: '2026:11:20 10:15:30', ...(o.offset ? { OffsetTimeOriginal: o.offset } : {}), MakerNote: 'SECRET-MAKER-NOTE' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 45/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 47/1 0/1' },
    })
    .toBuffer();
}

/** A PNG whose header claims 100,000 × 100,000 pixels (10 gigapixels): decoded, it would take 30 GB. */
function pixelBomb(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  // Zeros compress about a thousandfold: 1 MB of them is the start of the image.
  const idat = zlib.deflateSync(Buffer.alloc(1024 * 1024));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

const upload = (client: Client, bytes: Buffer, kind = 'photo', type = 'image/jpeg') =>
  client.request({ method: 'POST', url: `/api/visit-files?kind=${kind}`, payload: bytes, headers: { 'content-type': type } });

for (const dialect of DIALECTS) {
  describe(`visit files (${dialect.name})`, () => {
    let t: TestApp;
    let cadre: Client;
    let gangcheng: Client;
    let jiangji: Client;
    let admin: Client;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      [cadre, gangcheng, jiangji, admin] = await Promise.all([t.as('cadre'), t.as('gangcheng'), t.as('jiangji'), t.as('admin')]);
    });
    afterAll(() => t?.close());

    it('strips GPS, camera and maker notes from a photo, keeps its capture time and applies its rotation', async () => {
      const res = await upload(cadre, await phonePhoto({ orientation: 6 }));
      expect(res.statusCode).toBe(201);
      const stored = res.json();
      // Rotated a quarter turn by its EXIF orientation: 64 × 48 stored upright as 48 × 64.
      expect(stored).toMatchObject({ kind: 'photo', mediaType: 'image/jpeg', width: 48, height: 64, capturedAt: '2026-11-20T02:15:30.000Z' });
      const file = storedFilePath(t.filesDir, stored.sha256);
      const bytes = fs.readFileSync(file);
      expect(bytes.length).toBe(stored.bytes);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      for (const secret of ['LianxinTestCam', 'Phone-9000', 'SECRET-MAKER-NOTE', 'GPS', '2026:11:20']) expect(bytes.includes(Buffer.from(secret, 'latin1'))).toBe(false);
      // Private like the database's own files.
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      const row = await t.database.db.selectFrom('stored_file').selectAll().where('sha256', '=', stored.sha256).executeTakeFirstOrThrow();
      const cadreRow = await t.database.db.selectFrom('app_user').select(['id', 'county_code']).where('username', '=', 'cadre').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ county_code: cadreRow.county_code, uploaded_by: cadreRow.id, kind: 'photo', media_type: 'image/jpeg' });
      expect(row.perceptual_hash).toMatch(/^[0-9a-f]{16}$/);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_type', '=', 'stored_file').where('entity_id', '=', stored.sha256).execute();
      expect(audit).toEqual([{ action: 'visit_file.store', actor_id: cadreRow.id }]);
    });

    it('reads the capture time at the offset the camera wrote', async () => {
      const res = await upload(cadre, await phonePhoto({ offset: '+09:00', colour: '#32c832' }));
      expect(res.statusCode).toBe(201);
      expect(res.json().capturedAt).toBe('2026-11-20T01:15:30.000Z');
    });

    it('accepts PNG and WebP (a drawn signature, a photo) and stores them in their own format', async () => {
      const png = await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer();
      const sig = await upload(cadre, png, 'signature', 'image/png');
      expect(sig.statusCode).toBe(201);
      expect(sig.json()).toMatchObject({ kind: 'signature', mediaType: 'image/png', width: 300, height: 120, capturedAt: null });
      const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808000' } }).webp().toBuffer();
      // The declared type does not matter; the bytes do.
      const photo = await upload(cadre, webp, 'photo', 'application/octet-stream');
      expect(photo.statusCode).toBe(201);
      expect(photo.json()).toMatchObject({ mediaType: 'image/webp', width: 40, height: 30 });
    });

    it('scales a large photo down to the longest edge, but keeps a signature as drawn', async () => {
      const big = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#445566' } }).jpeg().toBuffer();
      const res = await upload(cadre, big);
      expect(res.json()).toMatchObject({ width: 2560, height: 853 });
    });

    it('refuses what is not a JPEG, PNG or WebP image, or is damaged, with 422 naming the types', async () => {
      const jpeg = await phonePhoto({ colour: '#000080' });
      const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
      const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
      for (const [bytes, type] of [
        // Said to be an image (or raw bytes), but not one: the bytes decide.
        [Buffer.from('家庭情况良好\n'), 'image/jpeg'],
        [pdf, 'application/octet-stream'],
        [gif, 'image/png'],
        [jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'],
        [Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg'],
        [Buffer.alloc(0), 'image/jpeg'],
      ] as const) {
        const res = await upload(cadre, bytes, 'photo', type);
        expect(res.statusCode, `${type} ${bytes.length}`).toBe(422);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'visit_file_not_image', detail: expect.stringContaining('JPEG、PNG 或 WebP') });
      }
      // Declared as something else: refused by its type, naming the ones taken.
      for (const [bytes, type] of [
        [Buffer.from('家庭情况良好\n'), 'text/plain'],
        [pdf, 'application/pdf'],
        [Buffer.from('{}'), 'application/json'],
      ] as const) {
        const res = await upload(cadre, bytes, 'photo', type);
        expect(res.statusCode, type).toBe(415);
        expect(res.json()).toMatchObject({ code: 'visit_file_media_type', detail: expect.stringContaining('image/jpeg、image/png、image/webp') });
      }
      expect(await t.database.db.selectFrom('stored_file').select('sha256').where('media_type', 'not in', ['image/jpeg', 'image/png', 'image/webp']).execute()).toEqual([]);
    });

    it('refuses a file over its kind’s size limit with 413 naming the limit', async () => {
      const signature = await upload(cadre, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(600 * 1024)]), 'signature', 'image/png');
      expect(signature.statusCode).toBe(413);
      expect(signature.json()).toMatchObject({ code: 'visit_file_too_large', limit: { name: 'VISIT_SIGNATURE_MAX_BYTES', value: 512 * 1024 } });
      expect(signature.json().detail).toContain('签名图片的上限为 512 KB');
      const photo = await upload(cadre, Buffer.alloc(8 * 1024 * 1024 + 1));
      expect(photo.statusCode).toBe(413);
      expect(photo.json()).toMatchObject({ limit: { name: 'VISIT_PHOTO_MAX_BYTES', value: 8 * 1024 * 1024 } });
      expect(photo.json().detail).toContain('照片的上限为 8 MB');
    });

    it('refuses a decompression bomb from its header within seconds, and keeps serving', async () => {
      const started = performance.now();
      const res = await upload(cadre, pixelBomb(), 'photo', 'image/png');
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'visit_image_too_many_pixels', limit: { name: 'VISIT_IMAGE_MAX_PIXELS', value: 50_000_000 } });
      expect(performance.now() - started).toBeLessThan(5000);
      expect((await t.anonymous.get('/api/health')).statusCode).toBe(200);
    });

    it('stores the same image sent twice once: one file, one row, 201 both times', async () => {
      const bytes = await phonePhoto({ colour: '#646464' });
      const first = await upload(cadre, bytes);
      const second = await upload(cadre, bytes);
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(second.json()).toEqual(first.json());
      const sha = first.json().sha256 as string;
      expect(await t.database.db.selectFrom('stored_file').select('sha256').where('sha256', '=', sha).execute()).toHaveLength(1);
      expect(fs.readdirSync(path.dirname(storedFilePath(t.filesDir, sha))).filter((f) => f.startsWith(sha) || f.includes(`.${sha}.`))).toEqual([sha]);
      expect(await t.database.db.selectFrom('audit_log').select('id').where('entity_id', '=', sha).execute()).toHaveLength(1);
    });

    it('hands a file to its uploader and to those who see a visit naming it; 404 to everyone else', async () => {
      const { db } = t.database;
      const photo = (await upload(cadre, await phonePhoto({ colour: '#aa5500' }))).json().sha256 as string;
      const signature = (await upload(cadre, await sharp({ create: { width: 200, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer(), 'signature', 'image/png')).json()
        .sha256 as string;

      const mine = await cadre.get(`/api/visit-files/${photo}`);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff' });
      expect(mine.headers['cache-control']).toMatch(/^private/);
      expect(mine.rawPayload.equals(fs.readFileSync(storedFilePath(t.filesDir, photo)))).toBe(true);
      // Not yet named by any visit: only the uploader.
      for (const other of [gangcheng, admin]) expect((await other.get(`/api/visit-files/${photo}`)).statusCode).toBe(404);

      // A visit of a 堽城镇 household names the photo; an aid delivery there names the signature.
      const village = await db.selectFrom('region').select(['id', 'code', 'parent_id', 'county_code']).where('code', 'like', '370921104%').where('level', '=', 'village').orderBy('code').executeTakeFirstOrThrow();
      const { householdId } = await insertHousehold(db, testCipher, { villageCode: village.code, householdNo: 'VF-1', members: [{ name: '李走访', idNumber: idNumber('1950-03-01', 121), relationship: '户主' }] });
      const cadreId = (await db.selectFrom('app_user').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow()).id;
      const campaign = await db
        .insertInto('visit_campaign')
        .values({ county_code: village.county_code!, region_id: village.parent_id!, kind: 'hardship', name: '测试走访', status: 'open', starts_on: '2026-11-15', ends_on: '2026-12-31', deadline: '2026-12-31', definition: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const visit = await db
        .insertInto('visit')
        .values({ client_id: crypto.randomUUID(), county_code: village.county_code!, campaign_id: campaign.id, household_id: householdId, village_id: village.id, recorded_by: cadreId, kind: 'home', visited_at: new Date('2026-11-20T02:15:30Z'), body: '{}', body_sha256: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('visit_photo').values({ visit_id: visit.id, sha256: photo, household_id: householdId }).execute();
      await db
        .insertInto('aid_delivery')
        .values({ county_code: village.county_code!, visit_id: visit.id, campaign_id: campaign.id, household_id: householdId, township_id: village.parent_id!, item_code: 'cash', amount_fen: '50000', acknowledgement: JSON.stringify({ kind: 'signed', signatureSha256: signature }) })
        .execute();

      for (const sha of [photo, signature]) {
        expect((await gangcheng.get(`/api/visit-files/${sha}`)).statusCode, `堽城镇 ${sha}`).toBe(200);
        expect((await admin.get(`/api/visit-files/${sha}`)).statusCode, `county ${sha}`).toBe(200);
        // Another township: as if it did not exist.
        const other = await jiangji.get(`/api/visit-files/${sha}`);
        expect(other.statusCode).toBe(404);
        expect(other.json().code).toBe('not_found');
      }
      expect((await gangcheng.get(`/api/visit-files/${signature}`)).headers['content-type']).toBe('image/png');
      expect((await gangcheng.get(`/api/visit-files/${'0'.repeat(64)}`)).statusCode).toBe(404);
      expect((await t.anonymous.get(`/api/visit-files/${photo}`)).statusCode).toBe(401);
    });
  });
}
