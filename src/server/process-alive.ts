/** Process liveness, asked by the upload spool and the import jobs about the processes that wrote them. */
/**
 * Whether a process of this machine exists. EPERM: it exists, under another user.
 *
 * @example
 * isProcessAlive(process.pid); // true
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
