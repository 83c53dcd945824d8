import { Alert } from 'antd';
import type { ApiError, ApiIssue } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';

const issueText = (i: { path: string; message: string }) => (i.path ? `${i.path}: ${i.message}` : i.message);

/**
 * The server's detail without the issues it appends (problemBody adds "path: message; …"),
 * since they are listed one a line below it.
 */
function headline(error: ApiError, t: ReturnType<typeof useI18n>['t']) {
  const detail = errorText(t, error);
  const suffix = ` ${error.issues.map(issueText).join('; ')}`;
  return error.issues.length && detail.endsWith(suffix) ? detail.slice(0, -suffix.length) : detail;
}

/**
 * A refused call as the server explained it: its detail (in the interface language), the issues
 * it named (`issues` may be relabelled, e.g. the next calling window), the request id.
 */
export function ProblemAlert({ error, issues = error.issues, onClose, testId = 'problem' }: { error: ApiError; issues?: ApiIssue[]; onClose?: () => void; testId?: string }) {
  const { t } = useI18n();
  return (
    <Alert
      type={error.status === 409 ? 'warning' : 'error'}
      showIcon
      role="alert"
      data-testid={testId}
      data-code={error.code}
      title={headline(error, t)}
      description={
        issues.length || error.requestId ? (
          <>
            {issues.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {issues.map((issue, i) => (
                  <li key={i}>{issueText(issue)}</li>
                ))}
              </ul>
            )}
            {error.requestId && <small>{t('errors.requestId', { id: error.requestId })}</small>}
          </>
        ) : undefined
      }
      {...(onClose ? { closable: { onClose } } : {})}
      style={{ marginBottom: 16 }}
    />
  );
}
