import { AppError } from '../../http/errors.ts';
import { registerCase, type CaseWriteContext } from '../cases/index.ts';
import type { TResidentSubmission, TResidentSubmitted } from '../../../shared/schemas/resident-page.ts';
import { findPublicCounty } from './list-public-categories.ts';
import { consumeChallenge } from './public-challenge.ts';

/**
 * The title staff see in lists: the description's first line, shortened to 30 characters.
 *
 * @example
 * titleOf('村口路灯坏了两周\n晚上很黑'); // '村口路灯坏了两周'
 */
export function titleOf(description: string): string {
  const first = description.split(/\r?\n/).find((l) => l.trim() !== '')!.trim();
  return [...first].length > 30 ? `${[...first].slice(0, 30).join('')}…` : first;
}

/**
 * A resident files a problem from the public page (群众诉求 · 扫码反映): checks the village
 * (an open village of the county), the category (active, a leaf, offered publicly), the photo (one
 * this page stored for the county and no case uses yet), then spends the one-use human check, and
 * hands the problem to the intake every channel uses (`registerCase`, channel 'resident_page', no
 * actor), which numbers it, auto-dispatches it and audits it. Without consent to be contacted the
 * phone is not kept. Errors: 404 county, 422 `resident_village_invalid`, `case_category_unknown`,
 * `resident_photo_unknown`, `public_challenge_failed`.
 *
 * @example
 * const r = await submitResidentCase({ db, actor: null, source, cipher }, { submission });
 * r.trackingCode; // 'K7Q2M9XPA4' — the resident writes it down
 */
export async function submitResidentCase(ctx: CaseWriteContext<null>, { submission, now = new Date() }: { submission: TResidentSubmission; now?: Date }): Promise<TResidentSubmitted> {
  const { db } = ctx;
  const county = submission.county;
  await findPublicCounty({ db, actor: null }, { county });
  const village = await db
    .selectFrom('region')
    .select('id')
    .where('code', '=', submission.villageCode)
    .where('county_code', '=', county)
    .where('level', '=', 'village')
    .where('closed_on', 'is', null)
    .executeTakeFirst();
  if (!village) throw new AppError(422, 'resident_village_invalid');
  const category = await db
    .selectFrom('case_category as c')
    .select('c.id')
    .where('c.county_code', '=', county)
    .where('c.code', '=', submission.categoryCode)
    .where('c.active', '=', true)
    .where('c.open311', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_category as k').select('k.id').whereRef('k.parent_id', '=', 'c.id'))))
    .executeTakeFirst();
  if (!category) throw new AppError(422, 'case_category_unknown');
  if (submission.photoSha256 !== undefined) {
    const photo = await db
      .selectFrom('stored_file as f')
      .select('f.sha256')
      .where('f.sha256', '=', submission.photoSha256)
      .where('f.county_code', '=', county)
      .where('f.kind', '=', 'photo')
      .where('f.uploaded_by', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('case_file as cf').select('cf.case_id').whereRef('cf.sha256', '=', 'f.sha256'))))
      .executeTakeFirst();
    if (!photo) throw new AppError(422, 'resident_photo_unknown');
  }
  // Spent only once everything else is known good, so a mistyped village does not cost the picture.
  await consumeChallenge({ db, actor: null }, { id: submission.challengeId, answer: submission.challengeAnswer, now });
  const consent = submission.consentContact;
  const registered = await registerCase(ctx, {
    channel: 'resident_page',
    countyCode: county,
    intake: {
      categoryCode: submission.categoryCode,
      regionCode: submission.villageCode,
      title: titleOf(submission.description),
      description: submission.description,
      ...(submission.contactName ? { contactName: submission.contactName } : {}),
      ...(consent && submission.contactPhone !== undefined ? { contactPhone: submission.contactPhone } : {}),
      consentContact: consent,
    },
    ...(submission.photoSha256 !== undefined ? { photos: [submission.photoSha256] } : {}),
    now,
  });
  return { caseNo: registered.caseNo, trackingCode: registered.trackingCode, registeredAt: now.toISOString() };
}
