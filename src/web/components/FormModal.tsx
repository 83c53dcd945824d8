import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import type { ApiIssue } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { applyIssues, errorText } from './errors.ts';
import { applyNestedIssues, problemText } from './survey/issues.ts';

export interface FormModalProps<V> {
  /** Defaults to true, for dialogs mounted only while shown. */
  open?: boolean;
  title: ReactNode;
  okText?: string;
  danger?: boolean;
  width?: number;
  initialValues?: Partial<V>;
  /** Form fields the server's `issues[]` may point at (with `nestedIssues`, the top-level fields they point into). */
  fields: readonly string[];
  /** Issue paths (with `nestedIssues`, path heads) whose field has another name in this form. */
  rename?: Record<string, string>;
  /**
   * Places the server's issues on nested fields (callingHours.1.to), lists the issues no field
   * takes under the message, and shows the problem code's message without the appended issues.
   */
  nestedIssues?: boolean;
  /** Sends the form; throws ApiError to keep the dialog open and show the server's message. */
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  'data-testid'?: string;
}

/**
 * A dialog around a vertical form: validates, submits, shows the server's `detail` above the
 * fields and its `issues[]` on them, and closes when the call succeeds.
 */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { open = true, title, okText, danger, width, initialValues, fields, rename, nestedIssues, onSubmit, onClose, children } = props;
  const testId = props['data-testid'];
  const { t, locale } = useI18n();
  const [form] = Form.useForm<V>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ text: string; rest: ApiIssue[] }>();
  // Also the prefix of the field ids: unique, so labels never point into another form on the page.
  const formId = `${nestedIssues ? 'survey' : 'modal'}${useId().replace(/[^A-Za-z0-9]/g, '')}`;

  const finish = async (values: V) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      if (nestedIssues) {
        const rest = applyNestedIssues(form, e, fields, rename ? { rename } : {});
        setError({ text: problemText(t, locale, e), rest });
      } else {
        applyIssues(form, e, fields, rename);
        setError({ text: errorText(t, e), rest: [] });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const body = (
    <>
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
    </>
  );

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
      {nestedIssues || testId !== undefined ? <div data-testid={testId}>{body}</div> : body}
    </Modal>
  );
}
