import { DeleteOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TWave } from '../../../shared/schemas/survey.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { surveyApi } from '../../../shared/api/survey.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { formatCount } from './format.ts';

const SEED = /^[0-9a-f]{16,64}$/;

/**
 * The stratified sample: draw it (optionally with the seed of an earlier draw, to reproduce it),
 * see its seed, discard a draft's sample to change the frame or the settings; and the
 * replicates it is released in.
 */
export function SampleCard({ wave, canManage, onChanged }: { wave: TWave; canManage: boolean; onChanged(w: TWave): void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const draft = wave.status === 'draft';
  const drawn = wave.sampledAt !== null;
  const seedOk = seed === '' || SEED.test(seed);

  const draw = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const w = await call(surveyApi.drawSample, { params: { id: wave.id }, body: seed ? { seed } : {} });
      void message.success(t('survey.sample.drawn', { count: formatCount(w.counts.sample) }));
      onChanged(w);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const discard = () =>
    modal.confirm({
      title: t('survey.sample.discardTitle'),
      content: t('survey.sample.discardExplain'),
      okText: t('survey.sample.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          onChanged(await call(surveyApi.discardSample, { params: { id: wave.id } }));
        } catch (e) {
          void message.error(errorText(t, e));
        }
      },
    });

  return (
    <Card title={t('survey.sample.title')} style={{ marginBottom: 16 }} data-testid="sample-card">
      {drawn ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'size', label: t('survey.sample.size'), children: <span data-testid="sample-size">{formatCount(wave.counts.sample)}</span> },
            { key: 'at', label: t('survey.sample.at'), children: wave.sampledAt ? formatLocalDateTime(wave.sampledAt) : '—' },
            {
              key: 'seed',
              label: t('survey.sample.seed'),
              children: wave.sampleSeed ? (
                <Typography.Text code copyable data-testid="sample-seed">
                  {wave.sampleSeed}
                </Typography.Text>
              ) : (
                '—'
              ),
            },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">{wave.counts.frame ? t('survey.sample.none') : t('survey.sample.needFrame')}</Typography.Paragraph>
      )}
      {canManage && draft && wave.counts.frame > 0 && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('survey.sample.hint')}
          </Typography.Paragraph>
          <Space wrap align="start">
            <Input
              value={seed}
              onChange={(e) => setSeed(e.target.value.trim().toLowerCase())}
              placeholder={t('survey.sample.seedPlaceholder')}
              status={seedOk ? undefined : 'error'}
              style={{ width: 300, maxWidth: '100%' }}
              aria-label={t('survey.sample.seed')}
              data-testid="seed-input"
              allowClear
            />
            <Button type="primary" icon={<ExperimentOutlined />} loading={busy} disabled={!seedOk} onClick={() => void draw()} data-testid="draw-sample">
              {drawn ? t('survey.sample.redraw') : t('survey.sample.draw')}
            </Button>
            {drawn && (
              <Button danger icon={<DeleteOutlined />} onClick={discard} data-testid="discard-sample">
                {t('survey.sample.discard')}
              </Button>
            )}
          </Space>
          {!seedOk && <div style={{ color: '#ff4d4f', fontSize: 12 }}>{t('survey.sample.seedRule')}</div>}
        </>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} data-testid="sample-error" />}
      {wave.replicates.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('survey.sample.replicates')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('survey.sample.replicatesHint')}
          </Typography.Paragraph>
          <Table
            rowKey="replicate"
            size="small"
            pagination={false}
            dataSource={wave.replicates}
            data-testid="replicates-table"
            columns={[
              { key: 'n', title: t('survey.sample.replicate'), render: (_, r) => t('survey.sample.replicateNo', { n: r.replicate }) },
              { key: 'size', title: t('survey.sample.size'), align: 'right', render: (_, r) => formatCount(r.size) },
              { key: 'released', title: t('survey.sample.releasedAt'), render: (_, r) => (r.releasedAt ? formatLocalDateTime(r.releasedAt) : <Typography.Text type="secondary">{t('survey.sample.notReleased')}</Typography.Text>) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
