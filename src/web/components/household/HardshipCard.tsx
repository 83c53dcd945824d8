import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { HardshipLabel } from '../../types.ts';
import { HardshipTags } from '../registry/HardshipTags.tsx';
import { inForce } from './dated.ts';
import { RecordItem } from './RecordItem.tsx';

interface Props {
  labels: HardshipLabel[];
  nameOf(code: string): string;
  canWrite: boolean;
  onAdd(): void;
  onEnd(label: HardshipLabel): void;
}

/** The household's hardship labels: those in force (with 终止), and the ended ones folded below. */
export function HardshipCard({ labels, nameOf, canWrite, onAdd, onEnd }: Props) {
  const { t } = useI18n();
  const current = labels.filter((l) => inForce(l.validTo));
  const ended = labels.filter((l) => !inForce(l.validTo));

  const item = (l: HardshipLabel, active: boolean) => (
    <RecordItem
      key={l.id}
      testId="hardship-label"
      title={
        <Space size={6} wrap>
          <HardshipTags codes={[l.categoryCode]} nameOf={nameOf} />
          <span>{l.residentName ?? t('hardship.wholeHousehold')}</span>
        </Space>
      }
      when={l.validTo ? t('hardship.period', { from: l.validFrom, to: l.validTo }) : t('hardship.since', { date: l.validFrom })}
      details={[l.source && `${t('hardship.source')}：${l.source}`, l.note]}
      actions={
        active &&
        canWrite && (
          <Button size="small" onClick={() => onEnd(l)}>
            {t('hardship.end')}
          </Button>
        )
      }
    />
  );

  return (
    <Card
      title={t('hardship.title')}
      style={{ marginBottom: 16 }}
      data-testid="hardship-card"
      extra={
        canWrite && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="add-hardship">
            {t('hardship.add')}
          </Button>
        )
      }
    >
      {current.length ? current.map((l) => item(l, true)) : <Typography.Text type="secondary">{t('hardship.none')}</Typography.Text>}
      {ended.length > 0 && (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8 }}
          items={[{ key: 'ended', label: `${t('hardship.endedList')}（${ended.length}）`, children: ended.map((l) => item(l, false)) }]}
        />
      )}
    </Card>
  );
}
