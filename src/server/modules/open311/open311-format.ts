/**
 * How GeoReport v2 answers are written: JSON arrays of flat objects, or XML with a root element
 * and one child element per item (`<services><service>…`, `<service_requests><request>…`,
 * `<errors><error>…`), every value escaped; datetimes in W3C format with the +08:00 offset of
 * Asia/Shanghai (China has no daylight saving time, so the offset is constant).
 */

/** A field of an answer: scalars only (the specification's objects are flat), null for "not known". */
export type Open311Value = string | number | boolean | null | readonly string[] | readonly Open311Item[];
export interface Open311Item {
  [field: string]: Open311Value;
}

export type Open311Format = 'json' | 'xml';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * An instant in W3C format (ISO 8601 with the Shanghai offset, whole seconds).
 *
 * @example
 * w3cDateTime(new Date('2026-12-06T07:21:06.500Z')); // '2026-12-06T15:21:06+08:00'
 */
export function w3cDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads a W3C datetime (`2026-12-06T15:21:06+08:00`, `…Z`, or a bare date `2026-12-06`, taken as
 * midnight in Shanghai). Null when the text is not one.
 *
 * @example
 * parseW3cDateTime('2026-12-06')?.toISOString(); // '2026-12-05T16:00:00.000Z'
 */
export function parseW3cDateTime(text: string): Date | null {
  const m = W3C.exec(text);
  if (!m) return null;
  const iso = m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00+08:00` : text;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  // Date accepts 2026-02-30 as 2026-03-02: refuse days that do not exist.
  const local = new Date(at.getTime() + (m[4] === undefined ? SHANGHAI_OFFSET_MS : 0));
  if (m[4] === undefined && local.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`) return null;
  return at;
}

/** XML 1.0 text: the five special characters escaped, characters XML cannot carry dropped. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function xmlValue(name: string, value: Open311Value, children: Record<string, string>): string {
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = children[name] ?? 'item';
    const items = value as readonly (string | Open311Item)[];
    return `<${name}>${items.map((v) => (typeof v === 'string' ? `<${child}>${escapeXml(v)}</${child}>` : xmlItem(child, v, children))).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function xmlItem(element: string, item: Open311Item, children: Record<string, string> = {}): string {
  return `<${element}>${Object.entries(item)
    .map(([k, v]) => xmlValue(k, v, children))
    .join('')}</${element}>`;
}

/**
 * A list answer in XML: `<root><element>…</element>…</root>` with the XML declaration.
 * `children` names the elements of array fields (`formats` → `format`).
 *
 * @example
 * toXml([{ code: 400, description: 'a & b' }], { root: 'errors', element: 'error' });
 * // '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>a &amp; b</description></error></errors>'
 */
export function toXml(items: readonly Open311Item[], { root, element, children = {} }: { root: string; element: string; children?: Record<string, string> }): string {
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${items.map((i) => xmlItem(element, i, children)).join('')}</${root}>`;
}

/** One object in XML (the service definition, discovery): `<root>fields</root>`. */
export function objectToXml(root: string, item: Open311Item, children: Record<string, string> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>${xmlItem(root, item, children)}`;
}

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};
