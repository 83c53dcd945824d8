import { SwapOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fieldworkApi } from '../../../shared/api/fieldwork.ts';
import type { TAppointment } from '../../../shared/schemas/survey-fieldwork.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { FormModal } from '../FormModal.tsx';
import { useAutoRefresh } from './useAutoRefresh.ts';
import type { RegionNamer } from './useRegionNames.ts';

const ANYONE = 'anyone';

/**
 * The wave's appointments (masked numbers): when, which township, who keeps it, who holds the
 * case now; a supervisor gives one to another interviewer or to whoever asks first.
 */
export function AppointmentsCard({ waveId, live, nameOf }: { waveId: string; live: boolean; nameOf: RegionNamer }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [includePast, setIncludePast] = useState(true);
  const [reassigning, setReassigning] = useState<TAppointment | null>(null);
  const list = useApi(
    (signal) => call(fieldworkApi.listAppointments, { params: { id: waveId }, query: { includePast: includePast ? 'true' : 'false' } }, { signal }),
    [waveId, includePast],
  );
  useAutoRefresh(list.reload, live, 30_000);
  // The outcome codes' names (T2.21 → 预约回访) for the "last outcome" column.
  const dispositions = useApi((signal) => call(fieldworkApi.listDispositions, {}, { signal }), []);
  const outcome = (code: string | null) => {
    if (!code) return '—';
    const info = dispositions.data?.items.find((d) => d.code === code);
    return info ? `${code} ${info.label[locale]}` : code;
  };
  const now = Date.now();

  return (
    <Card
      title={t('survey.appt.title')}
      style={{ marginBottom: 16 }}
      styles={{ body: { padding: 0 } }}
      data-testid="appointments"
      extra={
        <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          <Switch size="small" checked={includePast} onChange={setIncludePast} aria-label={t('survey.appt.includePast')} />
          <Typography.Text style={{ fontSize: 12 }}>{t('survey.appt.includePast')}</Typography.Text>
        </span>
      }
    >
      {list.error && !list.loading && <Typography.Paragraph type="danger" style={{ padding: '8px 16px', margin: 0 }}>{errorText(t, list.error)}</Typography.Paragraph>}
      <Table<TAppointment>
        rowKey="caseId"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items ?? []}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('survey.appt.empty') }}
        columns={[
          {
            key: 'at',
            title: t('survey.appt.at'),
            render: (_, a) => (
              <span>
                {formatLocalDateTime(a.at).slice(0, 16)} {Date.parse(a.at) <= now && <Tag color="red">{t('survey.appt.due')}</Tag>}
              </span>
            ),
          },
          { key: 'township', title: t('survey.strata.township'), render: (_, a) => nameOf(a.township) },
          { key: 'phone', title: t('survey.appt.phone'), render: (_, a) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{a.phoneMasked}</span> },
          { key: 'attempts', title: t('survey.progress.attempts'), align: 'right', dataIndex: 'attempts' },
          { key: 'last', title: t('survey.appt.last'), render: (_, a) => outcome(a.lastDisposition) },
          { key: 'interviewer', title: t('survey.appt.keeper'), render: (_, a) => a.interviewer?.displayName ?? <Typography.Text type="secondary">{t('survey.appt.anyone')}</Typography.Text> },
          { key: 'held', title: t('survey.appt.heldBy'), render: (_, a) => (a.heldBy ? a.heldBy.displayName : '—') },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, a) => (
              <Button size="small" icon={<SwapOutlined />} onClick={() => setReassigning(a)} data-testid="reassign">
                {t('survey.appt.reassign')}
              </Button>
            ),
          },
        ]}
      />
      {reassigning && (
        <FormModal<{ interviewerId: string; note?: string }>
          nestedIssues
          title={t('survey.appt.reassignTitle', { phone: reassigning.phoneMasked })}
          fields={['interviewerId', 'note']}
          initialValues={{ interviewerId: reassigning.interviewer?.id ?? ANYONE }}
          onClose={() => setReassigning(null)}
          onSubmit={async (v) => {
            await call(fieldworkApi.reassignAppointment, {
              params: { id: reassigning.caseId },
              body: { interviewerId: v.interviewerId === ANYONE ? null : v.interviewerId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
            });
            void message.success(t('survey.appt.reassigned'));
            list.reload();
          }}
        >
          <Form.Item name="interviewerId" label={t('survey.appt.keeper')} rules={[{ required: true, message: t('common.select') }]}>
            <Select
              options={[
                { value: ANYONE, label: t('survey.appt.anyone') },
                ...(list.data?.interviewers ?? []).map((i) => ({ value: i.id, label: `${i.displayName}（${i.username}）` })),
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('survey.appt.note')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
