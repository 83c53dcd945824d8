import { ZCaseIntake, type TCaseIntake } from '../../../shared/cases/index.ts';
import { localizeIssueMessage } from '../../../shared/issue-messages.ts';
import type { TLocale } from '../../../shared/locale.ts';
import { AppError } from '../../http/errors.ts';
import { registerCase, type CaseWriteContext } from '../cases/index.ts';
import type { Open311ClientRef } from './authenticate-client.ts';
import { findJurisdiction } from './find-jurisdiction.ts';
import { invalidField, Open311Error } from './open311-errors.ts';
import { w3cDateTime, type Open311Item } from './open311-format.ts';
import { field, type RequestFields } from './request-fields.ts';

/** The intake's field names as GeoReport v2 calls them, for error messages. */
const FIELD_NAMES: Record<string, string> = {
  categoryCode: 'service_code',
  regionCode: 'address_id',
  title: 'description',
  description: 'description',
  address: 'address_string',
  latitude: 'lat',
  longitude: 'long',
  contactName: 'first_name',
  contactPhone: 'phone',
};

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

function flag(fields: RequestFields, name: string): boolean {
  const value = field(fields, name, { attribute: true })?.toLowerCase();
  if (value === undefined || FALSE.has(value)) return false;
  if (TRUE.has(value)) return true;
  throw invalidField(name, '须为 true 或 false', 'must be true or false');
}

function coordinate(fields: RequestFields, name: 'lat' | 'long'): number | undefined {
  const text = field(fields, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d{1,3}(\.\d+)?$/.test(text) || !Number.isFinite(value)) throw invalidField(name, '须为十进制度数（WGS84）', 'must be decimal degrees (WGS84)');
  return value;
}

/** The case's title: the first line of the description, shortened. */
const titleOf = (description: string) => {
  const first = description.split(/\r?\n/)[0]!.trim();
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
};

export interface SubmitRequestOptions {
  client: Open311ClientRef;
  fields: RequestFields;
  locale: TLocale;
  now?: Date;
}

/**
 * GeoReport v2 "POST Service Request": files a case through the intake every channel uses
 * (`registerCase`, channel 'open311'), for the client's county. Where the problem is: our
 * village (12 digits) or township (9) code in `address_id` (also accepted as the service
 * attribute `attribute[address_id]`); the deployment ships no boundaries, so lat/long and
 * address_string are stored but cannot place a case, and a request without address_id is
 * refused with 400 saying so. Extensions: `external_id` (the client's own id, unique per client:
 * a second request with it is refused as a duplicate) and `public=true` (list the case in the
 * public GET requests; default false). first_name/last_name and phone become the case's contact
 * (the phone encrypted by the intake; the resident is told of progress when a phone is given);
 * email, device_id and account_id are not stored. Answers the specification's item:
 * `{ service_request_id: case number, token: tracking code, service_notice, account_id: null }`.
 *
 * @example
 * const [item] = await submitRequest(ctx, { client, locale: 'zh-CN', fields: new Map([['service_code', 'road-repair'], ['address_id', '370921104201'], ['description', '村口路灯不亮']]) });
 * item.service_request_id; // 'MQ20261206000042'
 */
export async function submitRequest(ctx: CaseWriteContext<null>, { client, fields, locale, now = new Date() }: SubmitRequestOptions): Promise<Open311Item[]> {
  const jurisdiction = field(fields, 'jurisdiction_id');
  if (jurisdiction !== undefined) {
    const county = await findJurisdiction(ctx, { jurisdictionId: jurisdiction });
    if (county !== client.countyCode) throw new Open311Error(400, 'jurisdiction_mismatch');
  }
  const serviceCode = field(fields, 'service_code');
  if (serviceCode === undefined) throw new Open311Error(400, 'service_code_missing');
  const category = await ctx.db
    .selectFrom('case_category')
    .select(['id', 'name', 'name_en'])
    .where('county_code', '=', client.countyCode)
    .where('code', '=', serviceCode)
    .where('open311', '=', true)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!category) throw new Open311Error(404, 'service_code_unknown', { value: serviceCode.slice(0, 40) });

  const lat = coordinate(fields, 'lat');
  const long = coordinate(fields, 'long');
  if ((lat === undefined) !== (long === undefined)) throw invalidField(lat === undefined ? 'lat' : 'long', 'lat 与 long 须同时提供', 'lat and long must be given together');
  const addressString = field(fields, 'address_string');
  const addressId = field(fields, 'address_id', { attribute: true });
  if (lat === undefined && addressString === undefined && addressId === undefined) throw new Open311Error(400, 'location_missing');
  if (addressId === undefined) throw new Open311Error(400, 'address_id_required');
  if (!/^(\d{9}|\d{12})$/.test(addressId)) throw new Open311Error(400, 'address_id_unknown', { value: addressId.slice(0, 40) });

  const description = field(fields, 'description');
  if (description === undefined) throw new Open311Error(400, 'description_missing');
  const mediaUrl = field(fields, 'media_url');
  if (mediaUrl !== undefined && (!/^https?:\/\/[^\s]+$/i.test(mediaUrl) || mediaUrl.length > 2000 || !URL.canParse(mediaUrl))) {
    throw invalidField('media_url', '须为 http(s) 网址，不超过 2000 个字符', 'must be an http(s) URL of at most 2000 characters');
  }
  const externalId = field(fields, 'external_id', { attribute: true });
  if (externalId !== undefined && (externalId.length > 100 || [...externalId].some((ch) => ch.charCodeAt(0) < 0x20))) {
    throw invalidField('external_id', '不超过 100 个字符', 'at most 100 characters');
  }
  const name = [field(fields, 'last_name'), field(fields, 'first_name')].filter(Boolean).join('');
  const phone = field(fields, 'phone');

  const draft = {
    categoryCode: serviceCode,
    regionCode: addressId,
    title: titleOf(description),
    description,
    ...(addressString !== undefined ? { address: addressString } : {}),
    ...(lat !== undefined ? { latitude: lat, longitude: long } : {}),
    ...(name ? { contactName: name } : {}),
    ...(phone !== undefined ? { contactPhone: phone } : {}),
    // A resident who gave a phone to the client system expects to hear back on it.
    consentContact: phone !== undefined,
  };
  const parsed = ZCaseIntake.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    throw invalidField(FIELD_NAMES[key] ?? key, localizeIssueMessage(issue.message, 'zh-CN'), issue.message);
  }
  const intake: TCaseIntake = parsed.data;
  const externalRef = externalId === undefined ? undefined : `${client.id}:${externalId}`;
  if (externalRef !== undefined) {
    const seen = await ctx.db
      .selectFrom('resident_case')
      .select('id')
      .where('county_code', '=', client.countyCode)
      .where('channel', '=', 'open311')
      .where('external_ref', '=', externalRef)
      .executeTakeFirst();
    if (seen) throw new Open311Error(400, 'duplicate_request');
  }

  try {
    const created = await registerCase(ctx, {
      intake,
      channel: 'open311',
      countyCode: client.countyCode,
      public: flag(fields, 'public'),
      open311ClientId: client.id,
      ...(externalRef !== undefined ? { externalRef } : {}),
      ...(mediaUrl !== undefined ? { mediaUrl } : {}),
      now,
    });
    const due = created.resolveDueAt ? w3cDateTime(created.resolveDueAt) : null;
    const notice =
      locale === 'en'
        ? `Received as case ${created.caseNo}${due ? `; to be resolved by ${due}` : ''}. Follow it with the token.`
        : `诉求已受理，受理编号 ${created.caseNo}${due ? `，办结时限 ${due}` : ''}。可凭 token 查询办理进度。`;
    return [{ service_request_id: created.caseNo, token: created.trackingCode, service_notice: notice, account_id: null }];
  } catch (error) {
    if (error instanceof AppError && error.code === 'case_region_invalid') throw new Open311Error(400, 'address_id_unknown', { value: addressId });
    if (error instanceof AppError && error.code === 'case_category_unknown') throw new Open311Error(404, 'service_code_unknown', { value: serviceCode.slice(0, 40) });
    // Two requests with one external_id at the same moment: the unique index decides.
    if ((error as { code?: unknown }).code === '23505') throw new Open311Error(400, 'duplicate_request');
    throw error;
  }
}
