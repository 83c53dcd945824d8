import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../../env.ts';
import { cipherFromEnv } from '../../security/data-key.ts';
import type { ReadContext } from '../../use-case-context.ts';

/** How this installation's data key stands to the data in the database. */
export type DataKeyStatus = 'matches' | 'differs' | 'missing' | 'unused';

/**
 * Whether this installation's data key is the one the restored data was encrypted with. Only
 * looks: never creates a key (a new key would not read the restored ID numbers and phones).
 *
 * @example
 * if ((await checkDataKey({ db, actor: null }, { env })) === 'missing') warnAboutTheKey();
 */
export async function checkDataKey({ db }: ReadContext<null>, { env }: { env: Env }): Promise<DataKeyStatus> {
  let recorded: string | undefined;
  try {
    recorded = (await db.selectFrom('app_setting').select('value').where('key', '=', 'data_key_fingerprint').executeTakeFirst())?.value;
  } catch {
    return 'unused';
  }
  if (!recorded) return 'unused';
  const keyInPlace = Boolean(env.LIANXIN_DATA_KEY) || (!env.DATABASE_URL && fs.existsSync(path.join(env.DATA_DIR, 'data.key')));
  if (!keyInPlace) return 'missing';
  try {
    return cipherFromEnv(env).fingerprint === recorded ? 'matches' : 'differs';
  } catch {
    return 'differs';
  }
}
