import type { TProblemCode, TProblemExtensions } from '../../shared/problem.ts';

export interface ProblemIssue {
  path: string;
  message: string;
}

/** An error the user can act on: becomes a problem+json response with this status and code. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: TProblemCode,
    /** `extensions`: members added to the problem body (e.g. nextWindow), typed in shared/problem.ts. */
    readonly options: { issues?: ProblemIssue[]; extensions?: TProblemExtensions; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
  }
}

/** 404 for both "does not exist" and "outside your subtree": existence must not leak. */
export const notFound = () => new AppError(404, 'not_found');
export const forbidden = (code: TProblemCode = 'forbidden') => new AppError(403, code);
export const conflict = (code: TProblemCode) => new AppError(409, code);
export const badRequest = (code: TProblemCode, issues?: ProblemIssue[]) => new AppError(400, code, issues ? { issues } : {});
export const unprocessable = (code: TProblemCode, issues?: ProblemIssue[]) => new AppError(422, code, issues ? { issues } : {});
