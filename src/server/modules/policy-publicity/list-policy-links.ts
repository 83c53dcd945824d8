import type { TPolicyLinkList } from '../../../shared/schemas/policy-publicity.ts';
import type { TBilingual, TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { resolveAwarenessItems } from './awareness-rules.ts';
import { awarenessQuestions, countyOfActor, loadCatalogue, loadCountyLinks } from './publicity-queries.ts';

/**
 * The awareness items of the county's questionnaires (every version, by question code) with the
 * policy each resolves to, for the catalogue page: the question's own code, the county's link,
 * and how many published versions lack a code (those rely on the link). Readers of publicity.
 *
 * @example
 * const { items } = await listPolicyLinks({ db, actor }, {});
 * items[0]; // => { questionCode: 'Q10a', questionPolicyCode: 'medical_insurance', countyLinkPolicyCode: null, resolved: { policyCode: 'medical_insurance', source: 'questionnaire' }, versionsWithoutCode: 0, … }
 */
export async function listPolicyLinks({ db, actor }: ReadContext, _options: Record<string, never> = {}): Promise<TPolicyLinkList> {
  const county = await countyOfActor(db, actor);
  return policyLinksOf(db, county.county_code!);
}

/** The same list for a county (also the answer of a link's change). */
export async function policyLinksOf(db: ReadContext['db'], countyCode: string): Promise<TPolicyLinkList> {
  const versions = await db.selectFrom('questionnaire_version').select(['id', 'status', 'definition']).where('county_code', '=', countyCode).orderBy('id').execute();
  const links = await loadCountyLinks(db, countyCode);
  const known = new Set((await loadCatalogue(db)).map((p) => p.code));
  const byCode = new Map<string, { text: TBilingual; policyCode: string | undefined; withoutCode: number }>();
  for (const version of versions) {
    for (const q of awarenessQuestions(version.definition as TQuestionnaireDefinition)) {
      const entry = byCode.get(q.code) ?? { text: q.policy ?? q.text, policyCode: undefined, withoutCode: 0 };
      // The latest version (highest id) words the item and names its code.
      entry.text = q.policy ?? q.text;
      entry.policyCode = q.policyCode;
      if (version.status === 'published' && q.policyCode === undefined) entry.withoutCode++;
      byCode.set(q.code, entry);
    }
  }
  // Links for question codes no questionnaire has (yet) are listed too, so they can be removed.
  for (const code of links.keys()) if (!byCode.has(code)) byCode.set(code, { text: { 'zh-CN': code, en: code }, policyCode: undefined, withoutCode: 0 });
  const items = [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([questionCode, entry]) => {
      const [resolved] = resolveAwarenessItems({ items: [{ questionCode, policyCode: entry.policyCode }], countyLinks: links, knownPolicies: known });
      return {
        questionCode,
        policyText: entry.text,
        questionPolicyCode: entry.policyCode ?? null,
        countyLinkPolicyCode: links.get(questionCode) ?? null,
        resolved: resolved && resolved.status !== 'unlinked' ? { policyCode: resolved.policyCode, source: resolved.source } : null,
        versionsWithoutCode: entry.withoutCode,
      };
    });
  return { items };
}
