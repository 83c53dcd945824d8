/**
 * 扫码反映二维码: the county or township admin downloads an A4 poster per village with the QR code
 * of the resident page (`/r?v=<village code>`), to post in the village.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { residentPageApi } from '../../shared/api/resident-page.ts';
import type { TPublicVillage } from '../../shared/schemas/resident-page.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { posterPng, residentPageUrl } from '../resident/poster.ts';

export function ResidentPostersPage() {
  const { t } = useI18n();
  const me = useMe();
  useTitle(t('residentPage.posters.title'));
  const county = me.region.code.slice(0, 6);
  const villages = useApi((signal) => call(residentPageApi.listVillages, { query: { county } }, { signal }), [county]);
  // A township admin's villages are those whose code starts with the township's.
  const mine = useMemo(() => (villages.data?.items ?? []).filter((v) => v.code.startsWith(me.region.code)), [villages.data, me.region.code]);
  const townships = useMemo(() => [...new Map(mine.map((v) => [v.townshipCode, v.townshipName])).entries()], [mine]);
  const [township, setTownship] = useState<string>();
  const shown = township ? mine.filter((v) => v.townshipCode === township) : mine;
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const download = async (v: TPublicVillage) => {
    setBusy(v.code);
    setError(undefined);
    try {
      const url = residentPageUrl(window.location.origin, v.code);
      const blob = await posterPng(url, {
        title: t('residentPage.title'),
        place: `${villages.data?.county.name ?? ''} ${v.townshipName} ${v.name}`,
        scan: t('residentPage.poster.scan'),
        steps: [t('residentPage.poster.step1'), t('residentPage.poster.step2'), t('residentPage.poster.step3')],
        footer: t('residentPage.poster.footer', { county: villages.data?.county.name ?? '' }),
      });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `扫码反映-${v.townshipName}-${v.name}-${v.code}.png`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card title={t('residentPage.posters.title')}>
      <Typography.Paragraph type="secondary">{t('residentPage.posters.hint')}</Typography.Paragraph>
      {(error || villages.error) && <Alert type="error" showIcon message={error ?? errorText(t, villages.error)} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        {townships.length > 1 && (
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('residentPage.posters.allTownships')}
            value={township}
            onChange={setTownship}
            options={townships.map(([code, name]) => ({ value: code, label: name }))}
            data-testid="posters-township"
          />
        )}
      </Space>
      <Table<TPublicVillage>
        rowKey="code"
        size="small"
        loading={villages.loading}
        dataSource={shown}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: t('residentPage.posters.township'), dataIndex: 'townshipName', width: 160 },
          { title: t('residentPage.posters.village'), dataIndex: 'name' },
          {
            title: t('residentPage.posters.link'),
            key: 'link',
            render: (_: unknown, v) => (
              <a href={`/r?v=${v.code}`} target="_blank" rel="noreferrer">
                /r?v={v.code}
              </a>
            ),
          },
          {
            title: '',
            key: 'download',
            width: 140,
            render: (_: unknown, v) => (
              <Button size="small" icon={<DownloadOutlined />} loading={busy === v.code} onClick={() => void download(v)} data-testid={`poster-${v.code}`}>
                {t('residentPage.posters.download')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
