import { Packer } from 'docx';
import type { TBulletinModel, TBulletinQuery } from '../../../shared/api/bulletin.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { bulletinDocx } from './bulletin-docx.ts';
import { getBulletin } from './get-bulletin.ts';

/** The file's name: the assessment's name, with 征求意见稿 for a draft. */
export const bulletinFileName = (model: TBulletinModel, ext: 'docx' | 'xlsx') => `${model.assessment.name}通报${model.draft ? '（征求意见稿）' : ''}.${ext}`;

/**
 * The bulletin of an assessment as a Word document in the form of GB/T 9704-2012 (A4, the red
 * 版头, 仿宋 body, numbered headings, page numbers "— 1 —"). Same access as `getBulletin`.
 *
 * @example
 * const { bytes, fileName } = await renderBulletinDocx({ db, actor }, { assessmentId: '7', number: '宁联办〔2026〕12号' });
 */
export async function renderBulletinDocx(ctx: ReadContext, options: { assessmentId: string; now?: Date } & TBulletinQuery): Promise<{ bytes: Buffer; fileName: string; model: TBulletinModel }> {
  const model = await getBulletin(ctx, options);
  const bytes = await Packer.toBuffer(bulletinDocx(model));
  return { bytes, fileName: bulletinFileName(model, 'docx'), model };
}
