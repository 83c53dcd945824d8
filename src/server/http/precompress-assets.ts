/**
 * Brotli and gzip copies of the built web app, written once at build time beside each file, so
 * @fastify/static (`preCompressed`) sends compressed bytes without compressing on every request.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this a compressed copy saves less than the header costs. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` for every compressible file under `dir` of at least 1 KB.
 * Returns the files compressed, with their sizes.
 *
 * @example
 * precompressAssets('dist/web'); // dist/web/assets/index-abc123.js → .js.br, .js.gz
 */
export function precompressAssets(dir: string): { file: string; bytes: number; brotli: number; gzip: number }[] {
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  const written = [];
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const content = fs.readFileSync(file);
    if (content.length < MIN_BYTES) continue;
    const brotli = zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
    const gzip = zlib.gzipSync(content, { level: 9 });
    fs.writeFileSync(`${file}.br`, brotli);
    fs.writeFileSync(`${file}.gz`, gzip);
    written.push({ file: path.relative(dir, file), bytes: content.length, brotli: brotli.length, gzip: gzip.length });
  }
  return written;
}
