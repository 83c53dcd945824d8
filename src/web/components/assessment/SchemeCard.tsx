import { Alert, App, Button, Card, Input, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { assessmentApi } from '../../../shared/api/assessment.ts';
import { surveyResultsApi } from '../../../shared/api/survey-results.ts';
import type { TAssessmentDetail } from '../../../shared/assessment/assessment-api-schemas.ts';
import { schemeChanges } from '../../../shared/assessment/scheme-changes.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { call, isApiError } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { WavePicker } from './WavePicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { problemText } from '../survey/issues.ts';
import { changeText, rowsToScheme, schemeRows, SchemeComponentsTable, type SchemeRow } from './SchemeEditor.tsx';

/**
 * 考核方案 on the assessment page: the current scheme (editable by the county admin while the
 * assessment is a draft: every component, weight and scaling the server accepts, the survey waves,
 * a note saying why), saved as a new audited version; and for the county's staff every version
 * with who saved it, when, and what changed from the one before.
 */
export function SchemeCard({ assessment, canEdit, showVersions, onSaved }: { assessment: TAssessmentDetail; canEdit: boolean; showVersions: boolean; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const editable = canEdit && assessment.status === 'draft';
  const [rows, setRows] = useState<SchemeRow[]>(() => schemeRows(assessment.scheme));
  const [waveIds, setWaveIds] = useState<string[]>(assessment.scheme.waveIds);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setRows(schemeRows(assessment.scheme));
    setWaveIds(assessment.scheme.waveIds);
  }, [assessment.scheme, assessment.currentVersion]);
  const waves = useApi((signal) => (showVersions ? call(surveyResultsApi.listResultsWaves, undefined, { signal }) : Promise.resolve({ items: [] })), [showVersions]);
  const versions = useApi((signal) => (showVersions ? call(assessmentApi.listSchemeVersions, { params: { id: assessment.id } }, { signal }) : Promise.resolve({ items: [] })), [showVersions, assessment.id, assessment.currentVersion]);
  const waveName = useMemo(() => {
    const names = new Map((waves.data?.items ?? []).map((w) => [w.id, w.name]));
    return (id: string) => names.get(id) ?? `#${id}`;
  }, [waves.data]);

  const save = async () => {
    const checked = rowsToScheme(t, locale, rows, waveIds);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      await call(assessmentApi.saveScheme, { params: { id: assessment.id }, body: { scheme: checked.scheme, note } });
      void message.success(t('scheme.saved'));
      setNote('');
      onSaved();
    } catch (e) {
      setProblems([problemText(t, locale, e), ...(isApiError(e) ? e.issues.map((i) => i.message) : [])]);
    } finally {
      setSaving(false);
    }
  };

  const history = versions.data?.items ?? [];
  return (
    <>
      <Card title={t('scheme.title', { version: assessment.currentVersion })} style={{ marginTop: 16 }} data-testid="scheme-card">
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="scheme-problem"
            title={problems[0]}
            description={problems.length > 1 ? <ul style={{ margin: 0, paddingLeft: 20 }}>{problems.slice(1).map((p) => <li key={p}>{p}</li>)}</ul> : undefined}
          />
        )}
        <SchemeComponentsTable rows={rows} onChange={setRows} disabled={!editable} />
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Space wrap>
            <Typography.Text>{t('scheme.waves')}</Typography.Text>
            {editable ? (
<WavePicker waves={waves.data?.items ?? []} loading={waves.loading} value={waveIds} onChange={setWaveIds} testId="scheme-waves" />
            ) : (
              <Typography.Text>{waveIds.length ? waveIds.map(waveName).join('、') : '—'}</Typography.Text>
            )}
          </Space>
          {!editable && assessment.schemeNote && <Typography.Text type="secondary">{t('scheme.note')}: {assessment.schemeNote}</Typography.Text>}
          {editable && (
            <Space wrap>
              <Input style={{ width: 360 }} maxLength={500} placeholder={t('scheme.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="scheme-note" />
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="scheme-save">
                {t('scheme.save')}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
      {showVersions && (
        <Card title={t('scheme.versions')} style={{ marginTop: 16 }}>
          <Table
            rowKey="version"
            size="small"
            loading={versions.loading}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={history}
            data-testid="scheme-versions"
            columns={[
              { key: 'version', title: t('assessment.version'), dataIndex: 'version', width: 80 },
              { key: 'at', title: t('scheme.savedAt'), render: (_, v) => formatLocalDateTime(v.createdAt), width: 170 },
              { key: 'by', title: t('scheme.savedBy'), render: (_, v) => v.createdBy ?? '—', width: 120 },
              {
                key: 'changes',
                title: t('scheme.changes'),
                render: (_, v) => {
                  const before = history.find((x) => x.version === v.version - 1)?.scheme ?? null;
                  const changes = schemeChanges(before, v.scheme);
                  if (changes.length === 0) return <Typography.Text type="secondary">{t('scheme.change.none')}</Typography.Text>;
                  return (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {changes.map((c, k) => (
                        <li key={k}>{changeText(t, locale, c, waveName)}</li>
                      ))}
                    </ul>
                  );
                },
              },
              { key: 'note', title: t('scheme.note'), render: (_, v) => v.note || '—' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
