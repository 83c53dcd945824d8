/**
 * The fields of a POST requests body, whichever way a client sent them: form-encoded (what
 * GeoReport v2 clients send, with service attributes as `attribute[code]=value`) or JSON (with
 * `attribute` as an object or the same bracketed keys). Unknown fields are ignored, as the
 * specification lets a jurisdiction ignore what it does not use.
 */
import { invalidField, Open311Error } from './open311-errors.ts';

export type RequestFields = ReadonlyMap<string, string>;

/**
 * A form body as fields; a key given twice is refused (which value was meant is unknown).
 *
 * @example
 * parseFormBody('service_code=road&attribute%5Baddress_id%5D=370921104201').get('attribute[address_id]'); // '370921104201'
 */
export function parseFormBody(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) {
    if (fields.has(key)) throw new Open311Error(400, 'field_repeated', { field: key.slice(0, 60) });
    fields.set(key, value);
  }
  return fields;
}

/** A JSON body as the same fields: scalars as text, `attribute: {…}` as `attribute[…]`. */
export function fieldsOfJson(body: unknown): Map<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Open311Error(400, 'bad_request');
  const fields = new Map<string, string>();
  const put = (key: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields.set(key, String(value));
    else throw invalidField(key.slice(0, 60), '须为文字、数字或布尔值', 'must be a string, a number or a boolean');
  };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'attribute' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value)) put(`attribute[${code}]`, v);
    } else put(key, value);
  }
  return fields;
}

/** A field, or the service attribute of that name (`attribute[address_id]`), trimmed; undefined when absent or blank. */
export function field(fields: RequestFields, name: string, { attribute = false } = {}): string | undefined {
  const value = fields.get(name) ?? (attribute ? fields.get(`attribute[${name}]`) : undefined);
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
