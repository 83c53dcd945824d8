import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressAssets } from './src/server/http/precompress-assets.ts';

/** Brotli and gzip copies of the build, served by the server as they are (see precompress-assets.ts). */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'lianxin-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle: () => void precompressAssets(outDir),
  };
}

// The web app lives in src/web and is built into dist/web, which the server serves at /.
export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
