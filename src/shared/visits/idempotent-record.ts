/**
 * The sync rule for records made on a phone (issue 10, point 5, as ODK Central does with a
 * submission's instanceID): a record carries an id made on the phone; the same id with the same
 * body is a resend (store once, answer as if stored now); the same id with a different body is a
 * conflict (409) kept for review, never overwriting the stored one.
 *
 * "The same body" is decided on a canonical form, computed the same way on the server and in the
 * browser (plain ECMAScript, no Node or DOM API):
 * - compare the *parsed* record on both sides (`ZVisitRecord.parse`: defaults filled in, text
 *   trimmed, instants written as `toISOString()` gives them), so `[]` and an absent list, or
 *   `…:00Z` and `…:00.000Z`, are the same;
 * - object keys in UTF-16 code-unit order (`Array#sort`'s default), whatever order they came in;
 * - a property whose value is `undefined` is the same as an absent one; `null` is a value;
 * - an `undefined` array element is `null`, as `JSON.stringify` writes it;
 * - numbers as ECMAScript writes them (`String(n)`: the shortest form that reads back the same
 *   number, the same on every engine), `-0` as `0`; `NaN` and infinities are refused (thrown);
 * - strings as `JSON.stringify` escapes them, with no Unicode normalisation: the phone resends the
 *   characters it stored, so an NFC and an NFD spelling of the same text are different bodies;
 * - anything that is not JSON (a Date, a Map, a bigint, a function, a class instance) is refused,
 *   so nothing is compared through an implicit conversion.
 */

/** Deepest nesting accepted: a record is shallow; deeper means a cycle or a hostile body. */
export const MAX_CANONICAL_DEPTH = 32;

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, depth: number, path: string): string {
  if (depth > MAX_CANONICAL_DEPTH) throw new TypeError(`${path || 'record'}: nested deeper than ${MAX_CANONICAL_DEPTH}`);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path || 'record'}: ${String(value)} is not a JSON number`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => (v === undefined ? 'null' : write(v, depth + 1, `${path}[${i}]`))).join(',')}]`;
      if (!isPlainObject(value)) throw new TypeError(`${path || 'record'}: not a plain JSON object`);
      const keys = Object.keys(value)
        .filter((k) => value[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(value[k], depth + 1, path ? `${path}.${k}` : k)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`${path || 'record'}: a ${typeof value} is not JSON`);
  }
}

/**
 * The canonical JSON text of a record (rules in this file's comment). Two records are the same
 * body exactly when their canonical texts are equal; the server may store a hash of it.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, undefined], c: undefined }); // '{"a":[2,null],"b":1}'
 * canonicalJson({ x: -0 }) === canonicalJson({ x: 0 });   // true
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0, '');
}

/** Most differing paths a comparison lists for the reviewer. */
export const MAX_DIFF_PATHS = 20;

export type RecordComparison =
  | { outcome: 'new' }
  | { outcome: 'same' }
  /** `paths`: where the bodies differ (`aid[0].amountFen`), at most {@link MAX_DIFF_PATHS}, in key order. */
  | { outcome: 'different'; paths: string[] };

function diff(a: unknown, b: unknown, path: string, out: string[]) {
  if (out.length >= MAX_DIFF_PATHS) return;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = !bothArrays && a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b);
  if (bothArrays) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i += 1) diff(i < a.length ? (a[i] ?? null) : undefined, i < b.length ? (b[i] ?? null) : undefined, `${path}[${i}]`, out);
    return;
  }
  if (bothObjects) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
    for (const k of keys) diff(ra[k], rb[k], path ? `${path}.${k}` : k, out);
    return;
  }
  const sa = a === undefined ? undefined : canonicalJson(a);
  const sb = b === undefined ? undefined : canonicalJson(b);
  if (sa !== sb) out.push(path || '(record)');
}

/**
 * Compare an incoming record with the one stored under the same client id: `new` (nothing
 * stored: store it), `same` (a resend: store nothing, answer as stored), or `different` (409,
 * keep the incoming body for review) with where they differ. Throws on a body that is not JSON.
 *
 * @example
 * compareRecords({ id: 'x', amountFen: 500 }, { amountFen: 500, id: 'x' }); // { outcome: 'same' }
 * compareRecords({ id: 'x', amountFen: 600 }, { id: 'x', amountFen: 500 }); // { outcome: 'different', paths: ['amountFen'] }
 * compareRecords({ id: 'x' }, undefined);                                  // { outcome: 'new' }
 */
export function compareRecords(incoming: unknown, stored: unknown): RecordComparison {
  const a = canonicalJson(incoming);
  if (stored === undefined) return { outcome: 'new' };
  const b = canonicalJson(stored);
  if (a === b) return { outcome: 'same' };
  const paths: string[] = [];
  diff(JSON.parse(a), JSON.parse(b), '', paths);
  return { outcome: 'different', paths };
}
