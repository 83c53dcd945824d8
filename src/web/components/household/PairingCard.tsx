import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { TPairing } from '../../types.ts';
import { inForce } from './dated.ts';
import { RecordItem } from './RecordItem.tsx';

interface Props {
  pairings: TPairing[];
  /** The household has a hardship label in force (only then can it be paired). */
  eligible: boolean;
  canWrite: boolean;
  onAssign(): void;
  onTransfer(pairing: TPairing): void;
  onEnd(pairing: TPairing): void;
}

const cadreName = (p: TPairing) => `${p.cadre.displayName}（${p.cadre.username}）`;

/** 结对帮扶: the responsible cadre and the helpers now, with transfer and end; past pairings folded below. */
export function PairingCard({ pairings, eligible, canWrite, onAssign, onTransfer, onEnd }: Props) {
  const { t } = useI18n();
  const current = pairings.filter((p) => inForce(p.endedOn)).sort((a, b) => (a.role === b.role ? 0 : a.role === 'responsible' ? -1 : 1));
  const past = pairings.filter((p) => !inForce(p.endedOn));
  const hasResponsible = current.some((p) => p.role === 'responsible');

  const item = (p: TPairing, active: boolean) => (
    <RecordItem
      key={p.id}
      testId={active ? 'pairing-current' : 'pairing-past'}
      title={
        <Space size={6} wrap>
          <Tag color={p.role === 'responsible' ? 'blue' : 'default'}>{t(`pairing.role.${p.role}`)}</Tag>
          <span style={{ fontWeight: 500 }}>{cadreName(p)}</span>
        </Space>
      }
      when={p.endedOn ? t('pairing.period', { from: p.startedOn, to: p.endedOn }) : t('pairing.since', { date: p.startedOn })}
      details={[p.startReason, p.endReason && `${t('pairing.end')}：${p.endReason}`]}
      actions={
        active &&
        canWrite && (
          <>
            <Button size="small" onClick={() => onTransfer(p)}>
              {t('pairing.transfer')}
            </Button>
            <Button size="small" danger onClick={() => onEnd(p)}>
              {t('pairing.end')}
            </Button>
          </>
        )
      }
    />
  );

  return (
    <Card
      title={t('pairing.title')}
      style={{ marginBottom: 16 }}
      data-testid="pairing-card"
      extra={
        canWrite && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={onAssign} disabled={!eligible} data-testid="assign-cadre">
            {t('pairing.assign')}
          </Button>
        )
      }
    >
      {!hasResponsible && eligible && <Alert type="warning" showIcon title={t('pairing.noResponsible')} style={{ marginBottom: 8 }} />}
      {!eligible && !current.length && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('pairing.needsHardship')}
        </Typography.Paragraph>
      )}
      {current.map((p) => item(p, true))}
      {past.length > 0 && (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8 }}
          items={[{ key: 'past', label: `${t('pairing.history')}（${past.length}）`, children: past.map((p) => item(p, false)) }]}
        />
      )}
    </Card>
  );
}
