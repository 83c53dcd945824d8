import type { TLocale } from '../../../shared/locale.ts';
import type { TWave } from '../../../shared/schemas/survey.ts';
import { maskPhone } from '../../../shared/registry/phone.ts';
import { conflict, unprocessable } from '../../http/errors.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { SpreadsheetError } from '../../spreadsheets/index.ts';
import { clearFrameForRebuild, countFrame } from './build-registry-frame.ts';
import { readFrameFile } from './read-frame-file.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { hasSample, lockWaveForChange } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';

const BATCH = 2_000;

export interface UploadFrameInput {
  waveId: string;
  /** The file's bytes (CSV or XLSX). */
  input: AsyncIterable<Buffer | Uint8Array>;
  fileName: string;
  locale: TLocale;
}

/**
 * The wave's frame from an uploaded list of numbers with their townships. All or nothing:
 * every row is checked first, and any problem answers 422 frame_upload_invalid with the rows'
 * issues in the caller's language, nothing written. A number listed twice is kept once (the
 * first row). Each number keeps the row it came from as its entry number, the draw's order
 * (so the same file and seed draw the same sample under any data key). Replaces an earlier
 * frame while the wave is a draft without a sample.
 *
 * @example
 * const wave = await uploadFrame({ db, cipher, actor, source }, { waveId, input: fs.createReadStream('号码.csv'), fileName: '号码.csv', locale: 'zh-CN' });
 * wave.frameSource; // 'upload'
 */
export async function uploadFrame({ db, cipher, actor, source }: WriteContext & { cipher: FieldCipher }, { waveId, ...o }: UploadFrameInput): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  // Refuse early what would be refused after reading the whole file.
  await db.transaction().execute(async (trx) => {
    await lockWaveForChange(trx, waveId, 'draft');
    if (await hasSample(trx, waveId)) throw conflict('wave_sample_drawn');
  });
  const townships = await db
    .selectFrom('wave_stratum as s')
    .innerJoin('region as t', 't.id', 's.township_id')
    .select(['t.id', 't.code', 't.name'])
    .where('s.wave_id', '=', waveId)
    .execute();
  let result;
  try {
    result = await readFrameFile(o.input, { townships, locale: o.locale });
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error.toAppError();
    throw error;
  }
  if (!result.ok) throw unprocessable('frame_upload_invalid', result.issues);

  const seen = new Set<string>();
  const rows = result.rows.flatMap((r) => {
    const hash = cipher.lookupHash('phone', r.phone);
    if (seen.has(hash)) return [];
    seen.add(hash);
    return [{ ...r, hash }];
  });
  await db.transaction().execute(async (trx) => {
    await clearFrameForRebuild(trx, waveId);
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('frame_entry')
        .values(
          rows.slice(i, i + BATCH).map((r) => ({
            wave_id: waveId,
            county_code: county.code,
            township_id: r.townshipId,
            source: 'upload' as const,
            phone_kind: r.kind,
            phone_cipher: cipher.encrypt(r.phone),
            phone_hash: r.hash,
            phone_masked: maskPhone(r.phone),
            entry_no: r.rowNo,
          })),
        )
        .execute();
    }
    const counted = await countFrame(trx, waveId);
    await recordAudit({ db: trx, source }, {
      action: 'survey_wave.frame_upload',
      entityType: 'survey_wave',
      entityId: waveId,
      region: county,
      after: { source: 'upload', fileName: o.fileName, rows: result.rows.length, duplicates: result.rows.length - rows.length, frameSize: counted.total, byTownship: counted.byTownship },
    });
  });
  return showWave(db, waveId);
}
