import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { storedFilePath } from '../visit-files/index.ts';
import { backupDatabase } from './backup-database.ts';
import { BackupError } from './backup-error.ts';
import { readBackupLines, writeBackupLines } from './backup-test-support.ts';
import { restoreDatabase, verifyBackup } from './restore-database.ts';

const source = cliAuditSource('backup-files-test');

for (const dialect of DIALECTS) {
  describe(`backup and restore carry the stored files (${dialect.name})`, () => {
    let t: TestApp;
    let tmp: string;
    const shas: string[] = [];

    beforeAll(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-backup-files-'));
      t = await startTestApp(dialect);
      const cadre = await t.as('cadre');
      for (const background of ['#102030', '#405060']) {
        const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background } }).jpeg().toBuffer();
        const res = await cadre.request({ method: 'POST', url: '/api/visit-files?kind=photo', payload: photo, headers: { 'content-type': 'image/jpeg' } });
        expect(res.statusCode).toBe(201);
        shas.push(res.json().sha256);
      }
      shas.sort();
    });
    afterAll(async () => {
      await t?.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('backs the files up with the rows, and a restore puts them back byte for byte', async () => {
      const file = path.join(tmp, 'with-files.jsonl.gz');
      const backup = await backupDatabase({ db: t.database.db, actor: null }, { destination: file, filesDir: t.filesDir });
      expect(backup).toMatchObject({ files: 2, missingFiles: [] });
      const lines = readBackupLines(file).map((l) => JSON.parse(l) as { type?: string; sha256?: string });
      expect(lines.filter((l) => l.type === 'file').map((l) => l.sha256)).toEqual(shas);
      expect((await verifyBackup(file)).files).toBe(2);

      const target = await dialect.open();
      const restoredDir = path.join(tmp, 'restored-files');
      try {
        const restored = await restoreDatabase({ db: target.db, actor: null, source }, { source: file, filesDir: restoredDir });
        expect(restored.files).toBe(2);
        for (const sha of shas) {
          const bytes = fs.readFileSync(storedFilePath(restoredDir, sha));
          expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(sha);
          expect(bytes.equals(fs.readFileSync(storedFilePath(t.filesDir, sha)))).toBe(true);
          expect(fs.statSync(storedFilePath(restoredDir, sha)).mode & 0o777).toBe(0o600);
        }
        const rows = await target.db.selectFrom('stored_file').select('sha256').orderBy('sha256').execute();
        expect(rows.map((r) => r.sha256)).toEqual(shas);
        // A backup with files needs somewhere to put them: refused before the database is touched.
        await expect(restoreDatabase({ db: target.db, actor: null, source }, { source: file, replace: true })).rejects.toMatchObject({ code: 'files_dir_missing' });
      } finally {
        await target.close();
      }
    });

    it('names a file missing from disk instead of failing the backup', async () => {
      const gone = storedFilePath(t.filesDir, shas[0]!);
      const keep = fs.readFileSync(gone);
      fs.rmSync(gone);
      try {
        const backup = await backupDatabase({ db: t.database.db, actor: null }, { destination: path.join(tmp, 'missing.jsonl.gz'), filesDir: t.filesDir });
        expect(backup).toMatchObject({ files: 1, missingFiles: [shas[0]] });
      } finally {
        fs.writeFileSync(gone, keep, { mode: 0o600 });
      }
    });

    it('refuses a backup whose file content does not match its name, or whose file count does not add up', async () => {
      const file = path.join(tmp, 'good.jsonl.gz');
      await backupDatabase({ db: t.database.db, actor: null }, { destination: file, filesDir: t.filesDir });
      const lines = readBackupLines(file);
      const at = lines.findIndex((l) => l.startsWith('{"type":"file"'));
      const swapped = JSON.parse(lines[at]!) as { data: string };
      const altered = [...lines];
      altered[at] = JSON.stringify({ ...swapped, data: Buffer.from('not the photo').toString('base64') });
      writeBackupLines(path.join(tmp, 'altered.jsonl.gz'), altered, { rehash: true });
      await expect(verifyBackup(path.join(tmp, 'altered.jsonl.gz'))).rejects.toThrow(/does not match its hash/);
      const dropped = lines.filter((_, i) => i !== at);
      writeBackupLines(path.join(tmp, 'dropped.jsonl.gz'), dropped, { rehash: true });
      const error = await verifyBackup(path.join(tmp, 'dropped.jsonl.gz')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).message).toMatch(/stored files do not match its trailer/);
    });
  });
}
