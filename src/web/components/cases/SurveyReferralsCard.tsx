import { Alert, App, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { caseIntakeApi } from '../../../shared/api/case-intake.ts';
import type { TIntakeCategory } from '../../../shared/cases/case-channel-schemas.ts';
import type { ContractOutput } from '../../../shared/api/index.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { LoadError } from '../LoadError.tsx';

type Candidate = ContractOutput<typeof caseIntakeApi.listSurveyReferrals>['items'][number];
type Decision = 'refer' | 'dismiss' | 'skip';

/** Leaves (categories without children) under their parent's name: what a case is filed under. */
const leafOptions = (all: readonly TIntakeCategory[], locale: 'zh-CN' | 'en') =>
  all
    .filter((c) => !all.some((k) => k.parentCode === c.code))
    .map((c) => {
      const parent = all.find((p) => p.code === c.parentCode);
      const name = (x: TIntakeCategory) => (locale === 'en' ? x.nameEn : x.name);
      return { value: c.code, label: parent ? `${name(parent)} / ${name(c)}` : name(c) };
    });

/**
 * For the survey supervisor, on a closed wave's page: the respondents' problems (Q12) they agreed
 * to be contacted about (Q13), each referred as a case under a chosen category or set aside. The
 * cases carry nothing of the interview (the server sees to it); this card is never shown to
 * townships (the routes are SURVEY_MANAGE_ROLES').
 */
export function SurveyReferralsCard({ waveId }: { waveId: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const list = useApi((signal) => call(caseIntakeApi.listSurveyReferrals, { params: { id: waveId } }, { signal }), [waveId]);
  const categories = useApi((signal) => call(caseIntakeApi.listIntakeCategories, {}, { signal }), []);
  const options = leafOptions(categories.data?.items ?? [], locale);
  const [defaultCategory, setDefaultCategory] = useState<string>();
  const [decisions, setDecisions] = useState<Record<string, { action: Decision; categoryCode?: string }>>({});
  const [busy, setBusy] = useState(false);
  const chosen = Object.entries(decisions).filter(([, d]) => d.action !== 'skip');
  const fallback = defaultCategory ?? options[0]?.value;

  const submit = async () => {
    if (!fallback) return;
    setBusy(true);
    try {
      const done = await call(caseIntakeApi.referSurveyAnswers, {
        params: { id: waveId },
        body: { defaultCategoryCode: fallback, decisions: chosen.map(([interviewId, d]) => ({ interviewId, action: d.action as 'refer' | 'dismiss', ...(d.categoryCode ? { categoryCode: d.categoryCode } : {}) })) },
      });
      void message.success(t('caseIntake.referrals.submitted', { referred: done.referred, dismissed: done.dismissed }));
      setDecisions({});
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const data = list.data;
  return (
    <Card title={t('caseIntake.referrals.title')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }} data-testid="survey-referrals">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, padding: '8px 16px' }}>
        {t('caseIntake.referrals.hint')}
      </Typography.Paragraph>
      {list.error ? (
        <LoadError error={list.error} title={t('caseIntake.referrals.title')} onRetry={list.reload} />
      ) : data && !data.supported ? (
        <Alert type="warning" banner title={t('caseIntake.referrals.unsupported')} />
      ) : data && data.waveStatus !== 'closed' ? (
        <Alert type="info" banner title={t('caseIntake.referrals.notClosed')} />
      ) : (
        <>
          <Space wrap style={{ padding: '8px 16px' }}>
            <Typography.Text type="secondary">{t('caseIntake.referrals.done', { referred: data?.referred ?? 0, dismissed: data?.dismissed ?? 0 })}</Typography.Text>
            <span>{t('caseIntake.referrals.default')}</span>
            <Select style={{ minWidth: 240 }} showSearch optionFilterProp="label" value={fallback} onChange={setDefaultCategory} options={options} data-testid="referral-default-category" />
            <Button type="primary" disabled={chosen.length === 0 || !fallback} loading={busy} onClick={() => void submit()} data-testid="referral-submit">
              {t('caseIntake.referrals.submit')}
            </Button>
          </Space>
          <Table<Candidate>
            rowKey="interviewId"
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            loading={list.loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('caseIntake.referrals.empty') }}
            columns={[
              { key: 'township', title: t('caseIntake.referrals.township'), dataIndex: 'townshipName' },
              { key: 'problem', title: t('caseIntake.referrals.problem'), dataIndex: 'problem' },
              { key: 'phone', title: t('caseIntake.referrals.phone'), dataIndex: 'phoneMasked' },
              {
                key: 'action',
                title: t('caseIntake.referrals.action'),
                render: (_, c) => (
                  <Select<Decision>
                    size="small"
                    style={{ width: 120 }}
                    value={decisions[c.interviewId]?.action ?? 'skip'}
                    onChange={(action) => setDecisions((d) => ({ ...d, [c.interviewId]: { ...d[c.interviewId], action } }))}
                    options={(['skip', 'refer', 'dismiss'] as const).map((a) => ({ value: a, label: t(`caseIntake.referrals.${a}`) }))}
                  />
                ),
              },
              {
                key: 'category',
                title: t('caseIntake.referrals.category'),
                render: (_, c) =>
                  decisions[c.interviewId]?.action === 'refer' ? (
                    <Select
                      size="small"
                      style={{ minWidth: 220 }}
                      showSearch
                      optionFilterProp="label"
                      allowClear
                      placeholder={options.find((o) => o.value === fallback)?.label}
                      value={decisions[c.interviewId]?.categoryCode}
                      onChange={(categoryCode?: string) => setDecisions((d) => ({ ...d, [c.interviewId]: { action: 'refer', ...(categoryCode ? { categoryCode } : {}) } }))}
                      options={options}
                    />
                  ) : null,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
