/**
 * Open311 errors. GeoReport v2 answers a refusal with the HTTP status and a list of errors,
 * `[{"code":400,"description":"…"}]` (XML `<errors><error><code>…`), never problem+json; the
 * description is in the caller's language (Accept-Language: zh-CN by default, or English).
 */
import type { TLocale } from '../../../shared/locale.ts';

type Text = (p: Record<string, string>) => { 'zh-CN': string; en: string };

export const OPEN311_ERRORS = {
  api_key_missing: () => ({ 'zh-CN': '缺少 api_key：提交诉求需要县里发放的接入密钥。', en: 'api_key was not provided: submitting a request needs the key the county issued to your system.' }),
  api_key_invalid: () => ({ 'zh-CN': 'api_key 无效或已被吊销。', en: 'api_key is invalid or has been revoked.' }),
  jurisdiction_required: () => ({ 'zh-CN': '本平台服务多个县，请提供 jurisdiction_id（6 位县级区划代码）。', en: 'This endpoint serves several counties: provide jurisdiction_id (the 6-digit county code).' }),
  jurisdiction_unknown: (p) => ({ 'zh-CN': `jurisdiction_id「${p.value}」不是本平台的县。`, en: `jurisdiction_id "${p.value}" was not found.` }),
  jurisdiction_mismatch: () => ({ 'zh-CN': 'jurisdiction_id 与该 api_key 所属的县不一致。', en: 'jurisdiction_id is not the county this api_key belongs to.' }),
  service_code_missing: () => ({ 'zh-CN': '缺少 service_code（诉求分类编码）。', en: 'service_code was not provided.' }),
  service_code_unknown: (p) => ({ 'zh-CN': `service_code「${p.value}」不存在或未开放 Open311 接入。`, en: `service_code "${p.value}" was not found.` }),
  location_missing: () => ({ 'zh-CN': '缺少位置：请提供 lat 和 long、address_string 或 address_id 之一。', en: 'No location: provide lat and long, address_string or address_id.' }),
  address_id_required: () => ({
    'zh-CN': '请提供 address_id：问题所在村（12 位）或乡镇（9 位）的区划代码。本平台不能从经纬度或地址文字判断所属村镇。',
    en: 'Provide address_id: the 12-digit village or 9-digit township code where the problem is. This endpoint cannot place a request in a village from coordinates or an address text.',
  }),
  address_id_unknown: (p) => ({ 'zh-CN': `address_id「${p.value}」不是本县在用的村或乡镇区划代码。`, en: `address_id "${p.value}" is not an open village or township code of this county.` }),
  description_missing: () => ({ 'zh-CN': '缺少 description：请描述反映的问题。', en: 'description was not provided: describe the problem.' }),
  field_invalid: (p) => ({ 'zh-CN': `参数 ${p.field} 不正确：${p.reason_zh}`, en: `${p.field} is invalid: ${p.reason_en}` }),
  field_repeated: (p) => ({ 'zh-CN': `参数 ${p.field} 重复出现。`, en: `${p.field} was given more than once.` }),
  duplicate_request: () => ({ 'zh-CN': '已用这个 external_id（贵方系统的编号）提交过诉求，请勿重复提交。', en: 'A request with this client id (external_id) was already submitted.' }),
  request_not_found: (p) => ({ 'zh-CN': `找不到公开的诉求 ${p.value}。`, en: `Service request ${p.value} was not found.` }),
  token_not_found: (p) => ({ 'zh-CN': `找不到 token「${p.value}」对应的诉求。`, en: `No service request for token "${p.value}".` }),
  date_invalid: (p) => ({ 'zh-CN': `${p.field} 不是 W3C 日期时间格式（例如 2026-12-06T15:00:00+08:00）。`, en: `${p.field} is not a W3C datetime (e.g. 2026-12-06T15:00:00+08:00).` }),
  date_range: () => ({ 'zh-CN': '查询时间范围不能超过 90 天，且 start_date 不能晚于 end_date。', en: 'The date range may not exceed 90 days, and start_date may not be after end_date.' }),
  status_invalid: () => ({ 'zh-CN': 'status 只能是 open 或 closed（可用逗号分隔）。', en: 'status must be open or closed (comma-separated).' }),
  too_many_requests: () => ({ 'zh-CN': '该 api_key 提交过于频繁，请稍后再试。', en: 'Too many requests with this api_key; try again later.' }),
  not_found: () => ({ 'zh-CN': '没有这个 Open311 接口（格式须为 .json 或 .xml）。', en: 'No such Open311 endpoint (the format must be .json or .xml).' }),
  unsupported_media_type: () => ({ 'zh-CN': '请以 application/x-www-form-urlencoded 或 JSON 提交。', en: 'Send application/x-www-form-urlencoded or JSON.' }),
  body_too_large: () => ({ 'zh-CN': '请求内容过大。', en: 'The request body is too large.' }),
  bad_request: () => ({ 'zh-CN': '请求无法读取。', en: 'The request could not be read.' }),
  server_busy: () => ({ 'zh-CN': '服务器繁忙，请稍后再试。', en: 'The server is busy; try again shortly.' }),
  internal_error: () => ({ 'zh-CN': '服务器内部错误。', en: 'Internal server error.' }),
} satisfies Record<string, Text>;

export type TOpen311ErrorKey = keyof typeof OPEN311_ERRORS;

/** A refusal in GeoReport v2's terms: thrown by the Open311 use cases, written by the routes' error handler. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly key: TOpen311ErrorKey,
    readonly params: Record<string, string> = {},
  ) {
    super(`open311 ${status} ${key}`);
  }

  /** The specification's error item, described in `locale`. */
  item(locale: TLocale): { code: number; description: string } {
    return { code: this.status, description: OPEN311_ERRORS[this.key](this.params)[locale] };
  }
}

/** A field that fails its rule, described in both languages. */
export const invalidField = (field: string, reasonZh: string, reasonEn: string) => new Open311Error(400, 'field_invalid', { field, reason_zh: reasonZh, reason_en: reasonEn });
