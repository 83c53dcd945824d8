import { Select, Space, Tag, Typography } from 'antd';
import type { TFieldworkWave } from '../../../shared/schemas/survey-fieldwork.ts';
import { useI18n } from '../../i18n/index.tsx';
import { shanghaiClock, shanghaiMinute } from './time.ts';

/** The wave to call for, when more than one is in fieldwork (none chosen: any of them). */
export function WaveSelect({ waves, value, onChange }: { waves: readonly TFieldworkWave[]; value: string | undefined; onChange(id: string | undefined): void }) {
  const { t } = useI18n();
  if (waves.length < 2) return null;
  return (
    <Select
      value={value}
      onChange={(id: string | undefined) => onChange(id ?? undefined)}
      allowClear
      placeholder={t('fieldwork.wave.any')}
      options={waves.map((w) => ({ value: w.id, label: w.name }))}
      style={{ minWidth: 200 }}
      aria-label={t('fieldwork.wave.choose')}
      data-testid="wave-select"
    />
  );
}

/**
 * Each wave's calling hours (Asia/Shanghai) and whether calls may be made now, or when the next
 * window opens, or that the wave's period has not begun or is over.
 */
export function WaveHours({ waves }: { waves: readonly TFieldworkWave[] }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={2} style={{ marginBottom: 12, display: 'flex' }} data-testid="wave-hours">
      {waves.map((w) => (
        <Typography.Text key={w.id} type="secondary" style={{ fontSize: 13 }}>
          <Typography.Text strong>{w.name}</Typography.Text> · {t('fieldwork.wave.hours')} {w.callingHours.map((r) => `${r.from}–${r.to}`).join('、')}{' '}
          {w.period === 'not_started' ? (
            <Tag color="warning" data-testid="wave-period" data-period={w.period}>
              {t('fieldwork.wave.notStarted', { from: w.startsOn })}
            </Tag>
          ) : w.period === 'ended' ? (
            <Tag color="default" data-testid="wave-period" data-period={w.period}>
              {t('fieldwork.wave.ended', { to: w.endsOn })}
            </Tag>
          ) : w.callingNow ? (
            <Tag color="success">{t('fieldwork.wave.callingNow')}</Tag>
          ) : (
            <Tag color="warning">
              {w.nextWindow
                ? t('fieldwork.wave.nextWindow', { from: shanghaiMinute(w.nextWindow.from), to: shanghaiClock(w.nextWindow.to) })
                : t('fieldwork.wave.noWindow')}
            </Tag>
          )}
        </Typography.Text>
      ))}
    </Space>
  );
}
