import { App, Button, InputNumber, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import type { TWave, TWaveStratum } from '../../../shared/schemas/survey.ts';
import { surveyApi } from '../../../shared/api/survey.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { formatCount } from './format.ts';
import type { RegionNamer } from './useRegionNames.ts';

type Edits = Record<string, { population?: number; assumedSd?: number | null }>;

/**
 * The strata of a wave, one per township, as the allocation table: population (residents 18+,
 * the weight of the county estimate), assumed SD (Neyman), target completes, the frame by phone
 * kind, the sample drawn (also by kind) and released. Population and SD are editable in a draft
 * without a sample; the county's total is the last row.
 */
export function StrataTable({ wave, editable, nameOf, onSaved }: { wave: TWave; editable: boolean; nameOf: RegionNamer; onSaved(w: TWave): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [edits, setEdits] = useState<Edits>({});
  const [saving, setSaving] = useState(false);
  const changed = Object.keys(edits).length > 0;
  const neyman = wave.allocation === 'neyman';

  const set = (code: string, patch: Edits[string]) => setEdits((e) => ({ ...e, [code]: { ...e[code], ...patch } }));

  const save = async () => {
    setSaving(true);
    try {
      const strata = Object.entries(edits).map(([townshipCode, e]) => ({ townshipCode, ...e }));
      const saved = await call(surveyApi.updateWave, { params: { id: wave.id }, body: { strata } });
      setEdits({});
      void message.success(t('survey.strata.saved'));
      onSaved(saved);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const total = wave.strata.reduce(
    (sum, s) => ({
      population: sum.population + s.population,
      targetCompletes: sum.targetCompletes + s.targetCompletes,
      frameSize: sum.frameSize + s.frameSize,
      frameMobile: sum.frameMobile + s.frameMobile,
      frameLandline: sum.frameLandline + s.frameLandline,
      sampleSize: sum.sampleSize + s.sampleSize,
      sampleMobile: sum.sampleMobile + s.sampleMobile,
      sampleLandline: sum.sampleLandline + s.sampleLandline,
      released: sum.released + s.released,
    }),
    { population: 0, targetCompletes: 0, frameSize: 0, frameMobile: 0, frameLandline: 0, sampleSize: 0, sampleMobile: 0, sampleLandline: 0, released: 0 },
  );

  const columns: ColumnsType<TWaveStratum> = [
    { key: 'township', title: t('survey.strata.township'), fixed: 'left', render: (_, s) => nameOf(s.township) },
    {
      key: 'population',
      title: t('survey.strata.population'),
      align: 'right',
      render: (_, s) =>
        editable ? (
          <InputNumber
            size="small"
            min={0}
            max={100_000_000}
            precision={0}
            value={edits[s.township.code]?.population ?? s.population}
            onChange={(v) => set(s.township.code, { population: v ?? 0 })}
            style={{ width: 110 }}
            aria-label={`${t('survey.strata.population')} ${nameOf(s.township)}`}
          />
        ) : (
          formatCount(s.population)
        ),
    },
    ...(neyman || editable
      ? [
          {
            key: 'sd',
            title: t('survey.strata.assumedSd'),
            align: 'right' as const,
            render: (_: unknown, s: TWaveStratum) =>
              editable ? (
                <InputNumber
                  size="small"
                  min={0}
                  max={1000}
                  value={edits[s.township.code]?.assumedSd !== undefined ? edits[s.township.code]!.assumedSd : s.assumedSd}
                  onChange={(v) => set(s.township.code, { assumedSd: v ?? null })}
                  placeholder="—"
                  style={{ width: 80 }}
                  aria-label={`${t('survey.strata.assumedSd')} ${nameOf(s.township)}`}
                />
              ) : (
                (s.assumedSd ?? '—')
              ),
          },
        ]
      : []),
    { key: 'target', title: t('survey.strata.target'), align: 'right', render: (_, s) => formatCount(s.targetCompletes) },
    {
      key: 'frame',
      title: t('survey.strata.frame'),
      children: [
        { key: 'frameSize', title: t('survey.strata.all'), align: 'right', render: (_, s) => formatCount(s.frameSize) },
        { key: 'frameMobile', title: t('survey.phone.mobile'), align: 'right', render: (_, s) => formatCount(s.frameMobile) },
        { key: 'frameLandline', title: t('survey.phone.landline'), align: 'right', render: (_, s) => formatCount(s.frameLandline) },
      ],
    },
    {
      key: 'sample',
      title: t('survey.strata.sample'),
      // The numbers drawn, split by kind as the phone quota (or, without one, the frame) gave them.
      children: [
        { key: 'sampleSize', title: t('survey.strata.all'), align: 'right', render: (_, s) => <span data-testid="stratum-sample">{formatCount(s.sampleSize)}</span> },
        { key: 'sampleMobile', title: t('survey.phone.mobile'), align: 'right', render: (_, s) => <span data-testid="stratum-sample-mobile">{formatCount(s.sampleMobile)}</span> },
        { key: 'sampleLandline', title: t('survey.phone.landline'), align: 'right', render: (_, s) => <span data-testid="stratum-sample-landline">{formatCount(s.sampleLandline)}</span> },
      ],
    },
    { key: 'released', title: t('survey.strata.released'), align: 'right', render: (_, s) => formatCount(s.released) },
  ];

  // The county's row, one cell per leaf column (the assumed SD has no total).
  const totals: { key: string; value?: ReactNode }[] = [
    { key: 'population', value: formatCount(total.population) },
    ...(neyman || editable ? [{ key: 'sd' }] : []),
    { key: 'target', value: formatCount(total.targetCompletes) },
    { key: 'frameSize', value: formatCount(total.frameSize) },
    { key: 'frameMobile', value: formatCount(total.frameMobile) },
    { key: 'frameLandline', value: formatCount(total.frameLandline) },
    { key: 'sampleSize', value: <span data-testid="sample-total">{formatCount(total.sampleSize)}</span> },
    { key: 'sampleMobile', value: <span data-testid="sample-total-mobile">{formatCount(total.sampleMobile)}</span> },
    { key: 'sampleLandline', value: <span data-testid="sample-total-landline">{formatCount(total.sampleLandline)}</span> },
    { key: 'released', value: formatCount(total.released) },
  ];

  return (
    <div>
      <Table<TWaveStratum>
        rowKey={(s) => s.township.code}
        size="small"
        columns={columns}
        dataSource={wave.strata}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="strata-table"
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0}>{t('survey.strata.total')}</Table.Summary.Cell>
            {totals.map((c, i) => (
              <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                {c.value}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      {editable && (
        <Space style={{ padding: '12px 16px' }} wrap>
          <Button type="primary" disabled={!changed} loading={saving} onClick={() => void save()} data-testid="save-strata">
            {t('survey.strata.save')}
          </Button>
          {changed && <Button onClick={() => setEdits({})}>{t('common.reset')}</Button>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('survey.strata.editHint')}
          </Typography.Text>
        </Space>
      )}
    </div>
  );
}
