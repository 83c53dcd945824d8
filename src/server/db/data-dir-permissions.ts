/**
 * The embedded database's files hold the whole county's data (personal numbers encrypted, the
 * rest not). PGlite unpacks its initial cluster with mode 0666 files whatever the umask (968 of
 * 973 files of a fresh DATA_DIR; 969 of 1,160 in a used one) and creates some later ones under
 * the process umask. There is no role
 * separation worth having inside one process, so the file system is the boundary: the directory
 * 0700, its files 0600, owned by the account that runs Lianxin.
 */
import fs from 'node:fs';
import path from 'node:path';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Creates `dataDir` if needed and makes it and everything in it private to this account
 * (directories 0700, files 0600), and sets the process umask to 077 so files PGlite creates
 * while it runs are private too. Symbolic links are left alone. Returns how many entries it
 * had to change.
 *
 * @example
 * restrictDataDir('./data'); // 0 on a directory already private
 */
export function restrictDataDir(dataDir: string): number {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads may not change the umask; the pass below still fixes what exists.
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  let changed = 0;
  const restrict = (entry: string, mode: number) => {
    if ((fs.statSync(entry).mode & 0o777) === mode) return;
    fs.chmodSync(entry, mode);
    changed++;
  };
  restrict(dataDir, DIR_MODE);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        restrict(full, DIR_MODE);
        walk(full);
      } else if (entry.isFile()) restrict(full, FILE_MODE);
    }
  };
  walk(dataDir);
  return changed;
}
