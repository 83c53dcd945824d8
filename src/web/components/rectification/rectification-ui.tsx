/**
 * Small pieces shared by the rectification pages: status and effect tags, figure names and
 * values, the township and department options, and the confirm / drop / step dialogs.
 */
import { App, DatePicker, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { regionsApi } from '../../../shared/api/regions.ts';
import { rectificationApi } from '../../../shared/api/rectification.ts';
import type { TRectificationEffect, TRectificationStatus, TRectificationTaskDetail, TRectificationTaskSummary } from '../../../shared/assessment/index.ts';
import { call } from '../../api.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { localName } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { useDepartmentOptions } from '../cases/useDepartmentOptions.ts';
import { errorText } from '../errors.ts';

const STATUS_COLOR: Record<TRectificationStatus, string> = { proposed: 'gold', dropped: 'default', open: 'blue', submitted: 'purple', accepted: 'green' };

export function RectStatusTag({ status }: { status: TRectificationStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="rect-status">
      {t(`rect.status.${status}`)}
    </Tag>
  );
}

const VERDICT_COLOR = { improved: 'green', no_measurable_change: 'default', worse: 'red' } as const;

export function EffectTag({ effect }: { effect: TRectificationEffect }) {
  const { t } = useI18n();
  if (effect.state === 'compared') return <Tag color={VERDICT_COLOR[effect.verdict]} data-testid="rect-effect">{t(`rect.effect.${effect.verdict}`)}</Tag>;
  if (effect.state === 'not_applicable') return <span data-testid="rect-effect">—</span>;
  return (
    <span style={{ color: 'rgba(0,0,0,0.45)' }} data-testid="rect-effect">
      {t(`rect.effect.${effect.state}`)}
    </span>
  );
}

/** The figure's name: the index, the dissatisfaction rate or a domain's score. */
export function figureName(t: Translate, task: Pick<TRectificationTaskSummary, 'figureKey' | 'domain'>): string {
  if (task.figureKey === 'index') return t('rect.figure.index');
  if (task.figureKey === 'dissatisfaction') return t('rect.figure.dissatisfaction');
  if (task.figureKey?.startsWith('domain:')) return t('rect.figure.domain', { domain: task.domain ? t(`survey.domain.${task.domain}`) : task.figureKey.split(':')[1]! });
  return task.figureKey ?? '—';
}

/** A figure's value as the results pages show it: a rate in percent, a score with one decimal. */
export const formatFigure = (key: string | null, x: number | null | undefined, signed = false) => {
  if (x === null || x === undefined) return '—';
  const sign = signed && x > 0 ? '+' : '';
  return key === 'dissatisfaction' ? `${sign}${(x * 100).toFixed(1)}%` : `${sign}${x.toFixed(1)}`;
};

/** The county's townships as select options, by code. */
export function useTownshipOptions(): { value: string; label: string }[] {
  const me = useMe();
  const { locale } = useI18n();
  const county = me.region.code.slice(0, 6);
  const loaded = useApi((signal) => call(regionsApi.listChildren, { params: { code: county }, query: { includeClosed: 'false' } }, { signal }), [county]);
  return (loaded.data?.items ?? []).filter((r) => r.level === 'township').map((r) => ({ value: r.code, label: localName(r, locale) }));
}

interface OwnerValues {
  ownerKind: 'township' | 'department';
  ownerRegionCode?: string;
  ownerDepartmentId?: string;
  dueOn: Dayjs;
  measures?: string;
}

/** The owner fields (a township or a department) and the due date, shared by confirm and create. */
export function OwnerFields({ townships }: { townships: { value: string; label: string }[] }) {
  const { t } = useI18n();
  const departments = useDepartmentOptions();
  const kind = Form.useWatch('ownerKind') as OwnerValues['ownerKind'] | undefined;
  return (
    <>
      <Form.Item name="ownerKind" label={t('rect.field.ownerKind')} initialValue="township">
        <Radio.Group
          options={[
            { value: 'township', label: t('rect.field.ownerKind.township') },
            { value: 'department', label: t('rect.field.ownerKind.department') },
          ]}
        />
      </Form.Item>
      {kind === 'department' ? (
        <Form.Item name="ownerDepartmentId" label={t('rect.field.owner')} rules={[{ required: true, message: t('rect.required') }]}>
          <Select options={departments.options} loading={departments.loading} showSearch optionFilterProp="label" data-testid="rect-owner-department" />
        </Form.Item>
      ) : (
        <Form.Item name="ownerRegionCode" label={t('rect.field.owner')} rules={[{ required: true, message: t('rect.required') }]}>
          <Select options={townships} showSearch optionFilterProp="label" data-testid="rect-owner-township" />
        </Form.Item>
      )}
      <Form.Item name="dueOn" label={t('rect.field.dueOn')} rules={[{ required: true, message: t('rect.required') }]}>
        <DatePicker data-testid="rect-due-on" />
      </Form.Item>
    </>
  );
}

const ownerBody = (v: OwnerValues) => (v.ownerKind === 'department' ? { ownerDepartmentId: v.ownerDepartmentId! } : { ownerRegionCode: v.ownerRegionCode! });

export type RectStepDialog = 'confirm' | 'drop' | 'submit' | 'accept' | 'return' | 'edit';

/**
 * The dialog of one step on a task; `onDone` gets the task as it is afterwards.
 */
export function RectStepModal({ step, task, onClose, onDone }: { step: RectStepDialog; task: TRectificationTaskSummary & Partial<Pick<TRectificationTaskDetail, 'measures'>>; onClose: () => void; onDone: (next: TRectificationTaskDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const townships = useTownshipOptions();
  const params = { id: task.id };
  const run = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    try {
      let next: TRectificationTaskDetail;
      if (step === 'confirm') {
        const o = v as unknown as OwnerValues;
        next = await call(rectificationApi.confirmRectificationTask, { params, body: { ...ownerBody(o), dueOn: o.dueOn.format('YYYY-MM-DD'), ...(o.measures ? { measures: o.measures } : {}) } });
      } else if (step === 'edit') {
        const o = v as unknown as OwnerValues & { title?: string };
        next = await call(rectificationApi.editRectificationTask, { params, body: { ...(o.title ? { title: o.title } : {}), ...(o.measures !== undefined ? { measures: o.measures } : {}), ...(o.dueOn ? { dueOn: o.dueOn.format('YYYY-MM-DD') } : {}) } });
      } else if (step === 'drop') next = await call(rectificationApi.dropRectificationTask, { params, body: { reason: v.reason as string } });
      else if (step === 'return') next = await call(rectificationApi.returnRectificationTask, { params, body: { reason: v.reason as string } });
      else if (step === 'submit') next = await call(rectificationApi.submitRectificationTask, { params, body: v.note ? { note: v.note as string } : {} });
      else next = await call(rectificationApi.acceptRectificationTask, { params, body: v.note ? { note: v.note as string } : {} });
      void message.success(t('rect.step.done', { step: t(`rect.step.${step}`) }));
      onDone(next);
      onClose();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const initial =
    step === 'confirm'
      ? { ownerKind: 'township', ownerRegionCode: task.township?.code, measures: task.measures ?? '' }
      : step === 'edit'
        ? { title: task.title, measures: task.measures ?? '', dueOn: task.dueOn ? dayjs(task.dueOn) : undefined }
        : {};
  return (
    <Modal open title={`${t(`rect.step.${step}`)} · ${task.taskNo}`} onOk={() => void run()} onCancel={onClose} confirmLoading={busy} okButtonProps={{ 'data-testid': 'rect-step-ok' } as never} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} name={`rect-${step}`}>
        {step === 'confirm' && <OwnerFields townships={townships} />}
        {step === 'edit' && (
          <>
            <Form.Item name="title" label={t('rect.field.title')} rules={[{ required: true, message: t('rect.required') }]}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item name="dueOn" label={t('rect.field.dueOn')}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {(step === 'confirm' || step === 'edit') && (
          <Form.Item name="measures" label={t('rect.field.measures')}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="rect-measures" />
          </Form.Item>
        )}
        {(step === 'drop' || step === 'return') && (
          <Form.Item name="reason" label={t('rect.field.reason')} rules={[{ required: true, whitespace: true, message: t('rect.required') }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="rect-reason" />
          </Form.Item>
        )}
        {(step === 'submit' || step === 'accept') && (
          <Form.Item name="note" label={t('rect.field.note')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="rect-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
