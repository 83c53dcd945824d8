import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import type { ApiIssue } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { applyNestedIssues, problemText } from './issues.ts';

export interface SurveyFormModalProps<V> {
  open?: boolean;
  title: ReactNode;
  okText?: string;
  danger?: boolean;
  width?: number;
  initialValues?: Partial<V>;
  /** Top-level fields the server's issues may point into (nested paths such as callingHours.1.to included). */
  fields: readonly string[];
  /** Issue path heads whose field has another name here (endsOn → period). */
  rename?: Record<string, string>;
  /** Sends the form; throws ApiError to keep the dialog open and show the server's message. */
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  'data-testid'?: string;
}

/**
 * The shared FormModal's behaviour (validate, submit, show the server's detail, close on
 * success) with the server's issues placed on nested fields, and the issues no field takes
 * listed under the message.
 */
export function SurveyFormModal<V extends object>(props: SurveyFormModalProps<V>) {
  const { open = true, title, okText, danger, width, initialValues, fields, rename, onSubmit, onClose, children } = props;
  const { t, locale } = useI18n();
  const [form] = Form.useForm<V>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ text: string; rest: ApiIssue[] }>();
  const formId = `survey${useId().replace(/[^A-Za-z0-9]/g, '')}`;

  const finish = async (values: V) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      const rest = applyNestedIssues(form, e, fields, rename ? { rename } : {});
      setError({ text: problemText(t, locale, e), rest });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: submitting, danger: Boolean(danger) }}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <div data-testid={props['data-testid']}>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.text}
            description={error.rest.length ? error.rest.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('；') : undefined}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form<V> id={formId} name={formId} form={form} layout="vertical" initialValues={initialValues} onFinish={finish} preserve={false} scrollToFirstError>
          {typeof children === 'function' ? children(form) : children}
        </Form>
      </div>
    </Modal>
  );
}
