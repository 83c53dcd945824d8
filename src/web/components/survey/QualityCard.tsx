import { Alert, Card, Col, Row, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { TRecheckItem, ZRecheckList } from '../../../shared/schemas/survey-results.ts';
import { surveyResultsApi } from '../../../shared/api/survey-results.ts';
import { call } from '../../api.ts';
import { usePagedList } from '../../hooks/usePagedList.ts';
import { useI18n } from '../../i18n/index.tsx';
import { LoadMore } from '../LoadMore.tsx';
import { FlagsPanel } from './quality/FlagsPanel.tsx';
import { RecheckDrawPanel } from './quality/RecheckDrawPanel.tsx';
import { RecheckResultModal } from './quality/RecheckResultModal.tsx';
import { RecheckTable } from './quality/RecheckTable.tsx';
import type { RegionNamer } from './useRegionNames.ts';

type RecheckList = z.infer<typeof ZRecheckList>;
type State = 'all' | 'pending' | 'done';

/**
 * Quality control of a wave's complete interviews: flag the too-short and the straight-lined,
 * draw the re-check sample (a seeded share plus every flagged one), and record each re-check
 * call's result. No phone and no answer shows here: the re-check call goes through the dial
 * action (audited), whose number only the dialler sees. The card holds the list and the one
 * error line; each panel does its own action.
 */
export function QualityCard({ waveId, nameOf }: { waveId: string; nameOf: RegionNamer }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const [state, setState] = useState<State>('all');
  const [recording, setRecording] = useState<TRecheckItem | null>(null);
  const [summary, setSummary] = useState<RecheckList['summary']>();

  const list = usePagedList(async (cursor, signal) => {
    const page = await call(surveyResultsApi.listRechecks, { params: { id: waveId }, query: { limit: 50, cursor, state: state === 'all' ? undefined : state } }, { signal });
    setSummary(page.summary);
    return page;
  }, `${waveId}:${state}`);

  return (
    <Card title={t('survey.qc.title')} style={{ marginBottom: 16 }} data-testid="quality">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <FlagsPanel waveId={waveId} onError={setError} />
        </Col>
        <Col xs={24} lg={12}>
          <RecheckDrawPanel waveId={waveId} onError={setError} onDrawn={list.reload} />
        </Col>
      </Row>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8, margin: '16px 0 8px' }}>
        <Space wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('survey.qc.sample')}
          </Typography.Title>
          {summary && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="recheck-summary">
              {t('survey.qc.summary', summary)}
            </Typography.Text>
          )}
        </Space>
        <Segmented<State>
          size="small"
          value={state}
          onChange={setState}
          options={(['all', 'pending', 'done'] as const).map((s) => ({ value: s, label: t(`survey.qc.state.${s}`) }))}
        />
      </div>
      <RecheckTable items={list.items} loading={list.loading && list.items.length === 0} nameOf={nameOf} onError={setError} onRecord={setRecording} />
      <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      {recording && <RecheckResultModal item={recording} onClose={() => setRecording(null)} onSaved={list.reload} />}
    </Card>
  );
}
