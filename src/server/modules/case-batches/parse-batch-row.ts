/**
 * One 12345 work order (工单) read into the intake: the region and category it names looked up
 * in the county's directory, the cells normalised (full-width digits, stray spaces), every
 * problem of the row collected in Chinese and English. Pure: the directory is passed in.
 */
import { ZCaseIntake, type TCaseIntake } from '../../../shared/cases/index.ts';
import type { CaseBatchField } from '../../../shared/cases/case-batch-schemas.ts';
import type { TText } from '../../../shared/locale.ts';
import { parsePhone } from '../../../shared/registry/phone.ts';
import { normalizeText } from '../../../shared/registry/normalize.ts';

export interface BatchDirectory {
  /** Active categories by code, by Chinese name and by lower-case English name → code. */
  categories: Map<string, string>;
  townships: { code: string; name: string }[];
  villages: { code: string; name: string; townshipCode: string }[];
}

export type BatchRowValues = Partial<Record<CaseBatchField, string>>;

export type ParsedBatchRow = { ok: true; externalRef: string; intake: TCaseIntake } | { ok: false; externalRef: string | null; problems: TText[] };

const EXTERNAL_REF = /^[\p{L}\p{N}\-_/.#]{1,64}$/u;
const TITLE_FROM_TEXT = 30;
const YES = new Set(['是', '紧急', '特急', '加急', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '一般', '普通', '不紧急', 'n', 'no', 'false', '0']);

const t = (zh: string, en: string): TText => ({ 'zh-CN': zh, en });
/** Free text keeps its full-width punctuation (，。): only invisible spaces go and the ends are trimmed. */
const plain = (value: string) => value.replace(/[\u00A0\u2002-\u200B\uFEFF]/g, ' ').replace(/[ \t]+/g, ' ').trim();
/** A name without its level's suffix, so 「堽城」 finds 堽城镇 and 「王家」 王家村. */
const bare = (name: string) => name.replace(/(街道办事处|街道|镇|乡|村民委员会|居民委员会|村委会|社区|村)$/u, '');
const sameName = (a: string, b: string) => a === b || bare(a) === bare(b);

/**
 * Builds the directory's category lookup: code, Chinese name and English name (lower-cased).
 *
 * @example
 * categoryLookup([{ code: 'env-road-light', name: '道路与路灯', name_en: 'Roads and street lights' }]).get('道路与路灯'); // 'env-road-light'
 */
export function categoryLookup(rows: readonly { code: string; name: string; name_en: string }[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of rows) {
    map.set(r.code, r.code);
    if (!map.has(r.name)) map.set(r.name, r.code);
    if (!map.has(r.name_en.toLowerCase())) map.set(r.name_en.toLowerCase(), r.code);
  }
  return map;
}

/**
 * Where a work order's problem is: a division code (township 9 digits, village 12), 「乡镇/村」
 * names in one cell, or the township and village columns. A village name found in several
 * townships needs its township.
 *
 * @example
 * resolveRegion(dir, { region: '堽城镇/王家村' }); // { ok: true, code: '370921104201' }
 */
export function resolveRegion(dir: BatchDirectory, values: BatchRowValues): { ok: true; code: string } | { ok: false; problem: TText } {
  let township = normalizeText(values.township ?? '');
  let village = normalizeText(values.village ?? '');
  const region = normalizeText(values.region ?? '');
  if (region) {
    const digits = region.replace(/\s/g, '');
    if (/^\d{9}$|^\d{12}$/.test(digits)) {
      const known = dir.townships.some((x) => x.code === digits) || dir.villages.some((x) => x.code === digits);
      return known ? { ok: true, code: digits } : { ok: false, problem: t(`区划代码 ${digits} 不是本县在用的乡镇或村`, `division code ${digits} is no open township or village of this county`) };
    }
    const parts = region.split(/\s*[/／\\、|｜\-—>＞]\s*|\s+/u).filter(Boolean);
    if (parts.length >= 2) [township, village] = [parts[0]!, parts[parts.length - 1]!];
    else {
      // One name: a township, a village, or both run together (堽城镇王家村).
      const whole = parts[0] ?? '';
      const glued = dir.townships.find((x) => whole.startsWith(x.name) && whole.length > x.name.length);
      if (glued) [township, village] = [glued.name, whole.slice(glued.name.length)];
      else if (dir.townships.some((x) => sameName(x.name, whole))) [township, village] = [whole, ''];
      else [township, village] = ['', whole];
    }
  }
  if (!township && !village) return { ok: false, problem: t('所属乡镇/村未填写', 'no township or village given (所属乡镇/村)') };
  let townshipCode: string | null = null;
  if (township) {
    const found = /^\d{9}$/.test(township) ? dir.townships.find((x) => x.code === township) : dir.townships.find((x) => sameName(x.name, township));
    if (!found) return { ok: false, problem: t(`本县没有乡镇“${township}”`, `no township "${township}" in this county`) };
    townshipCode = found.code;
  }
  if (!village) return { ok: true, code: townshipCode! };
  const candidates = /^\d{12}$/.test(village)
    ? dir.villages.filter((x) => x.code === village)
    : dir.villages.filter((x) => sameName(x.name, village) && (townshipCode === null || x.townshipCode === townshipCode));
  if (candidates.length === 1) return { ok: true, code: candidates[0]!.code };
  if (candidates.length > 1) return { ok: false, problem: t(`村“${village}”在多个乡镇都有，请写明乡镇，如“堽城镇/${village}”`, `village "${village}" exists in several townships; name its township too`) };
  return townshipCode
    ? { ok: false, problem: t(`乡镇“${township}”下没有村“${village}”`, `no village "${village}" in township "${township}"`) }
    : { ok: false, problem: t(`本县没有村“${village}”`, `no village "${village}" in this county`) };
}

/**
 * Reads one work order into the intake, or says every problem it has.
 *
 * @example
 * parseBatchRow(dir, { externalRef: 'SD-0001', category: '道路与路灯', region: '堽城镇/王家村', description: '路灯不亮' });
 * // { ok: true, externalRef: 'SD-0001', intake: { categoryCode: 'env-road-light', regionCode: '370921104201', title: '路灯不亮', … } }
 */
export function parseBatchRow(dir: BatchDirectory, values: BatchRowValues): ParsedBatchRow {
  const problems: TText[] = [];
  const cell = (f: CaseBatchField) => normalizeText(values[f] ?? '');

  const externalRef = cell('externalRef').replace(/\s/g, '') || null;
  if (!externalRef) problems.push(t('工单编号未填写', 'no work order number (工单编号)'));
  else if (!EXTERNAL_REF.test(externalRef)) problems.push(t('工单编号只能含字母、数字和 - _ / . #，最长 64 位', 'the work order number may hold letters, digits and - _ / . # only, at most 64'));

  const categoryText = cell('category');
  const categoryCode = categoryText ? (dir.categories.get(categoryText) ?? dir.categories.get(categoryText.toLowerCase())) : undefined;
  if (!categoryText) problems.push(t('诉求分类未填写', 'no category (诉求分类)'));
  else if (!categoryCode) problems.push(t(`没有诉求分类“${categoryText}”（填分类编码或名称）`, `no category "${categoryText}" (give its code or name)`));

  const region = resolveRegion(dir, values);
  if (!region.ok) problems.push(region.problem);

  // The content keeps its line breaks: normalise each line, not the whole text.
  const content = (values.description ?? '').split(/\r?\n/).map(plain).filter(Boolean).join('\n');
  const titleText = plain(values.title ?? '');
  if (!content && !titleText) problems.push(t('诉求内容和标题都未填写', 'neither content (诉求内容) nor title (标题) given'));
  const receivedAt = cell('receivedAt');
  // The hotline's own time of receipt is kept in the text: deadlines run from the county's receipt (this import).
  const description = [content || titleText, receivedAt ? `（12345 受理时间：${receivedAt}）` : ''].filter(Boolean).join('\n');
  if (description.length > 4000) problems.push(t('诉求内容超过 4000 字', 'the content is longer than 4,000 characters'));
  const title = (titleText || (content.length > TITLE_FROM_TEXT ? `${content.slice(0, TITLE_FROM_TEXT)}…` : content)).replace(/\n/g, ' ').slice(0, 100);

  const phoneText = cell('contactPhone');
  const phone = phoneText ? parsePhone(phoneText) : null;
  if (phone && !phone.ok) problems.push(t(`联系电话“${phoneText}”不是手机号（11 位）或带区号的固定电话`, `contact phone "${phoneText}" is not a mobile (11 digits) or a landline with its area code`));

  const urgentText = cell('urgent').toLowerCase();
  let urgent = false;
  if (urgentText && YES.has(urgentText)) urgent = true;
  else if (urgentText && !NO.has(urgentText)) problems.push(t(`是否紧急“${urgentText}”应为“是”或“否”`, `urgent "${urgentText}" should be 是 (yes) or 否 (no)`));

  const contactName = plain(values.contactName ?? '');
  if (contactName.length > 50) problems.push(t('诉求人姓名超过 50 字', 'the contact name is longer than 50 characters'));

  if (problems.length > 0 || !region.ok || !categoryCode || !externalRef) return { ok: false, externalRef, problems };
  const intake: TCaseIntake = {
    categoryCode,
    regionCode: region.code,
    title,
    description,
    urgent,
    ...(contactName ? { contactName } : {}),
    ...(phone?.ok ? { contactPhone: phone.phone } : {}),
  };
  const checked = ZCaseIntake.safeParse(intake);
  if (!checked.success) {
    const fields = checked.error.issues.map((i) => i.path.join('.')).join(', ');
    return { ok: false, externalRef, problems: [t(`内容含有不可见字符或格式不正确：${fields}`, `invisible characters or a wrong format in: ${fields}`)] };
  }
  return { ok: true, externalRef, intake: checked.data };
}
