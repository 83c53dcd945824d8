import { Alert, Form, Modal } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { applyIssues, errorText } from './errors.ts';

export interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  okText?: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  /** Form fields the server's `issues[]` may point at. */
  fields: readonly string[];
  /** Issue paths whose field has another name in this form. */
  rename?: Record<string, string>;
  /** Sends the form; throws ApiError to keep the dialog open and show the server's message. */
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children: ReactNode;
}

/**
 * A dialog around a vertical form: validates, submits, shows the server's `detail` above the
 * fields and its `issues[]` on them, and closes when the call succeeds.
 */
export function FormModal<V extends object>({ open, title, okText, danger, initialValues, fields, rename, onSubmit, onClose, children }: FormModalProps<V>) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  // Also the prefix of the field ids: unique, so labels never point into another form on the page.
  const formId = `modal${useId().replace(/[^A-Za-z0-9]/g, '')}`;

  const finish = async (values: V) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      applyIssues(form, e, fields, rename);
      setError(errorText(t, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: submitting, danger: Boolean(danger) }}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<V> id={formId} name={formId} form={form} layout="vertical" initialValues={initialValues} onFinish={finish} preserve={false} scrollToFirstError>
        {children}
      </Form>
    </Modal>
  );
}
