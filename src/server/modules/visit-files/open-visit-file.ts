import { sql } from 'kysely';
import type { TStoredVisitFile } from '../../../shared/visits/index.ts';
import { notFound } from '../../http/errors.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { readStoredFile } from './file-store.ts';
import { toStoredVisitFile } from './stored-file-row.ts';
import type { VisitFileConfig } from './visit-file-limits.ts';

/**
 * A stored visit file with its bytes, for someone who may see it: the file is named by a visit
 * (a photo, or the signature of an aid acknowledgement) of a household inside the actor's
 * subtree, or the actor uploaded it (a phone showing what it sent before the record went in).
 * 404 otherwise, whether or not it exists.
 *
 * @example
 * const { file, bytes } = await openVisitFile({ db, actor, files: visitFileConfig(env) }, { sha256 });
 */
export async function openVisitFile(ctx: ReadContext & { files: VisitFileConfig }, { sha256 }: { sha256: string }): Promise<{ file: TStoredVisitFile; bytes: Buffer }> {
  const { db, actor, files } = ctx;
  // The household of a visit naming the file, inside the actor's subtree (and, for a database
  // distributed by county, in the file's county).
  const inScope = (household: string) =>
    sql<boolean>`EXISTS (SELECT 1 FROM household h JOIN region v ON v.id = h.village_id
      WHERE h.id = ${sql.ref(household)} AND h.county_code = f.county_code AND ${inSubtree(sql.ref<string>('v.path'), actor.regionPath)})`;
  const row = await db
    .selectFrom('stored_file as f')
    .selectAll('f')
    .where('f.sha256', '=', sha256)
    // Naming the county keeps the lookup on one shard of a database distributed by county.
    .$if(actor.countyCode !== null, (q) => q.where('f.county_code', '=', actor.countyCode!))
    .where((eb) =>
      eb.or([
        eb('f.uploaded_by', '=', actor.id),
        eb.exists(eb.selectFrom('visit_photo as p').select(sql.lit(1).as('one')).where('p.sha256', '=', sha256).where(inScope('p.household_id'))),
        eb.exists(
          eb
            .selectFrom('aid_delivery as a')
            .select(sql.lit(1).as('one'))
            // As aid_delivery_signature_idx is defined (0015), so the lookup is an index scan.
            .where(sql<string>`a.acknowledgement ->> 'kind'`, '=', 'signed')
            .where(sql<string>`a.acknowledgement ->> 'signatureSha256'`, '=', sha256)
            .$if(actor.countyCode !== null, (q) => q.where('a.county_code', '=', actor.countyCode!))
            .where(inScope('a.household_id')),
        ),
      ]),
    )
    .executeTakeFirst();
  if (!row) throw notFound();
  const bytes = await readStoredFile(files.dir, sha256);
  // A row whose file is gone (a restore without the files, a disk replaced): nothing to send.
  if (!bytes) throw notFound();
  return { file: toStoredVisitFile(row), bytes };
}
