/**
 * The one spelling of "inside a subtree". A region's `path` lists its ancestors' ids and its
 * own, each followed by a slash (`/1/5/27/`), so a record is inside a region's subtree exactly
 * when its path starts with the region's path. The trailing slash is what keeps `/1/2/` from
 * matching `/1/22/`; the LIKE escaping is what keeps a `%` or `_` in a path from widening the
 * match. Both hold by construction here, so nothing outside this folder writes the filter.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** A well-formed region path: one or more ids, each followed by a slash, after a leading slash. */
const REGION_PATH = /^\/(?:[^/]+\/)+$/;

/**
 * The path itself, or an Error when it is not a region path. A path without its trailing slash
 * would match its siblings' subtrees too (`/1/2` matches `/1/22/`), so it is a programming error,
 * never a narrower or wider scope.
 *
 * @example
 * regionPath('/1/5/'); // => '/1/5/'
 * regionPath('/1/5');  // throws
 */
export function regionPath(path: string): string {
  if (!REGION_PATH.test(path)) throw new Error(`not a region path: ${JSON.stringify(path)}`);
  return path;
}

/**
 * Escapes LIKE's wildcards (`%`, `_`) and its escape character (backslash, PostgreSQL's default
 * for LIKE without an ESCAPE clause), so the text matches only itself.
 *
 * @example
 * escapeLike('/1_2/%/'); // => '/1\\_2/\\%/'
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The LIKE pattern for "this path or anything below it".
 *
 * @example
 * subtreePattern('/1/5/'); // => '/1/5/%'
 */
export const subtreePattern = (path: string) => `${escapeLike(regionPath(path))}%`;

/**
 * SQL: `path` lies inside the subtree of `ancestor` (the ancestor itself included). With a
 * known path the filter is a LIKE prefix, which the `text_pattern_ops` indexes on
 * `region.path` and `audit_log.region_path` serve; with another column (a correlated
 * "descendants of r") it is `starts_with`, which has no wildcards to escape.
 *
 * @example
 * db.selectFrom('region as r').where((eb) => inSubtree(eb.ref('r.path'), actor.regionPath));
 * db.selectFrom('region as d').where((eb) => inSubtree(eb.ref('d.path'), eb.ref('r.path')));
 * sql`SELECT … WHERE ${inSubtree(sql.ref('v.path'), region.path)}`;
 */
export function inSubtree(path: Expression<string | null>, ancestor: string | Expression<string>): RawBuilder<SqlBool> {
  if (typeof ancestor === 'string') return sql<SqlBool>`${path} LIKE ${subtreePattern(ancestor)}`;
  return sql<SqlBool>`starts_with(${path}, ${ancestor})`;
}

/**
 * JS: `path` lies inside the subtree of `ancestor` (the ancestor itself included).
 *
 * @example
 * isPathInSubtree('/1/5/27/', '/1/5/'); // => true
 * isPathInSubtree('/1/55/', '/1/5/');   // => false
 */
export const isPathInSubtree = (path: string, ancestor: string) => path.startsWith(regionPath(ancestor));

/**
 * The ids along a materialized path, top first.
 *
 * @example
 * pathIds('/1/5/27/'); // => ['1', '5', '27']
 */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
