import { Alert, Space, Tag, Typography } from 'antd';
import type { TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import { useI18n } from '../../i18n/index.tsx';
import { rankingLetters } from './ranking-letters.ts';
import { withTerms } from './Term.tsx';
import type { RegionNamer } from './useRegionNames.ts';

/**
 * The ranking's groups: townships in one group cannot be told apart by this survey (pairwise
 * tests at the 95% level, Holm-adjusted), so their order inside the group means little. A
 * township viewer sees their own place and its plausible range instead.
 */
export function RankingGroups({ results, nameOf }: { results: TSurveyResults; nameOf: RegionNamer }) {
  const { t } = useI18n();
  const names = new Map(results.townships.map((a) => [a.region.code, nameOf(a.region)]));
  const { ranking } = results;

  if (results.scope === 'township') {
    const own = ranking.items[0];
    const area = results.townships[0];
    if (!own || !area) return <Typography.Paragraph type="secondary">{t('survey.results.notRanked')}</Typography.Paragraph>;
    return (
      <Alert
        type="info"
        showIcon
        data-testid="own-rank"
        title={
          own.bestRank === own.worstRank
            ? t('survey.results.ownRank', { name: nameOf(area.region), rank: own.rank, of: ranking.of })
            : t('survey.results.ownRankRange', { name: nameOf(area.region), rank: own.rank, of: ranking.of, best: own.bestRank, worst: own.worstRank })
        }
        description={t('survey.results.groupsExplain')}
      />
    );
  }

  // The same letters as in the table and the chart, one line per letter shared by several townships.
  const letters = rankingLetters(
    ranking.items.map((r) => r.code),
    ranking.groups,
  );
  const byLetter = new Map<string, string[]>();
  for (const item of ranking.items) {
    for (const letter of letters.get(item.code)?.match(/[a-z]\d*/g) ?? []) byLetter.set(letter, [...(byLetter.get(letter) ?? []), item.code]);
  }
  const shared = [...byLetter].filter(([, codes]) => codes.length > 1);

  // With fewer than two townships ranked there are no differences to speak of.
  if (ranking.items.length < 2)
    return (
      <Typography.Paragraph type="secondary" data-testid="ranking-groups" data-ranked={ranking.items.length} style={{ marginBottom: 0 }}>
        {t('words.results.nothingRanked')}
      </Typography.Paragraph>
    );

  return (
    <div data-testid="ranking-groups" data-ranked={ranking.items.length}>
      <Typography.Paragraph>{t('survey.results.groupsExplain')}</Typography.Paragraph>
      {shared.length === 0 && <Typography.Paragraph type="secondary">{t('words.results.allDistinct')}</Typography.Paragraph>}
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {shared.map(([letter, group], i) => (
          <div key={letter} style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }} data-testid="ranking-group">
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              {t('survey.results.groupLetter', { letter })}
            </Typography.Text>
            {group.map((code) => (
              <Tag key={code} color={i % 2 ? 'geekblue' : 'blue'}>
                {names.get(code) ?? code}
              </Tag>
            ))}
          </div>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
        {withTerms(t('words.results.rankingMethod', { of: ranking.of, alpha: ranking.alpha }))}
      </Typography.Paragraph>
    </div>
  );
}
