import { Progress, Typography } from 'antd';
import { coveragePercent } from './coverage.ts';

/** How many hardship households have their responsible cadre: a bar, red below 60 %, green when all do; a dash when there are none. */
export function CoverageBar({ row }: { row: { hardshipHouseholds: number; withResponsible: number } }) {
  if (row.hardshipHouseholds === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const percent = coveragePercent(row);
  const status = percent >= 100 ? 'success' : percent < 60 ? 'exception' : 'normal';
  return (
    <span style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 72 }}>
      <Progress percent={percent} size="small" status={status} showInfo={false} style={{ flex: 1, margin: 0 }} aria-label={`${percent}%`} />
      <Typography.Text style={{ fontSize: 12, minWidth: 40, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{percent}%</Typography.Text>
    </span>
  );
}
