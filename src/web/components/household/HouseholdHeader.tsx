import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Typography } from 'antd';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { THouseholdDetail } from '../../types.ts';
import { HardshipTags } from '../registry/HardshipTags.tsx';
import { mono } from '../registry/MaskedNumbers.tsx';
import { householdTitle } from './householdTitle.ts';

/** The household by its head's name and number, address, village and township, GPS; the hardship categories in force. */
export function HouseholdHeader({ household, current, nameOf }: { household: THouseholdDetail; current: string[]; nameOf(code: string): string }) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const gps = household.latitude !== null && household.longitude !== null ? `${household.latitude.toFixed(6)}, ${household.longitude.toFixed(6)}` : null;
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: mobile ? 16 : 24 } }} data-testid="household-header">
      <Space wrap size={[8, 4]} align="center">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="household-title">
          {householdTitle(t, household)}
        </Typography.Title>
        <HardshipTags codes={current} nameOf={nameOf} />
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">
          {household.village.name} · {household.township.name} · {t('household.memberCount', { count: household.members.length })}
        </Typography.Text>
      </div>
      <Descriptions
        size="small"
        style={{ marginTop: 16 }}
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'no', label: t('household.no'), children: <Typography.Text copyable style={mono}>{household.householdNo}</Typography.Text> },
          { key: 'address', label: t('household.address'), children: household.address || '—' },
          { key: 'region', label: t('household.region'), children: `${household.village.name}（${household.village.code}）` },
          ...(gps
            ? [
                {
                  key: 'gps',
                  label: t('household.gps'),
                  children: (
                    <Typography.Text copyable={{ text: gps }} style={mono}>
                      <EnvironmentOutlined /> {gps}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          ...(household.notes ? [{ key: 'notes', label: t('household.notes'), children: household.notes }] : []),
        ]}
      />
    </Card>
  );
}
