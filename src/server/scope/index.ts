/**
 * The scope kernel: the only place that says what "inside the actor's subtree" means, in SQL
 * and in JS. Modules import scope from here; a test (no-hand-written-scope.test.ts) fails on a
 * path-prefix filter written anywhere else under src/server.
 */
export { escapeLike, inSubtree, isPathInSubtree, pathIds, regionPath, subtreePattern } from './in-subtree.ts';
export { actorCounty, isBelowScope, isInScope, regionOfUser, scopePathOf, type SurveyCounty } from './region-scope.ts';
export {
  assertInScopeOr404,
  findHouseholdInScope,
  findRegionInScope,
  findRegionToChange,
  findResidentInScope,
  findVersionInScope,
  findWaveInScope,
} from './find-in-scope-or-404.ts';
