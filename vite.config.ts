import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
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

/**
 * The installable phone app (连心走访, issue 10 point 5): a Workbox service worker that precaches
 * the built app shell (HTML, scripts, styles, icons) so the phone pages open with the network off,
 * and the web manifest. API answers are never cached by the worker: they carry personal data and
 * `Cache-Control: no-store` (security-headers.ts), and the phone keeps what it needs offline in
 * IndexedDB (src/web/phone/store.ts) under its own rules (masked numbers only, cleared on sign-out).
 * The worker is registered by main.tsx in production builds only.
 */
function phoneApp() {
  return VitePWA({
    strategies: 'generateSW',
    registerType: 'autoUpdate',
    injectRegister: false,
    includeAssets: ['icons/apple-touch-icon-180.png'],
    manifest: {
      name: '连心走访',
      short_name: '连心走访',
      description: '连心 · 入户走访与慰问（离线可用） | Lianxin household visits, offline first',
      lang: 'zh-CN',
      start_url: '/m',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
      theme_color: '#0f2747',
      background_color: '#ffffff',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // The whole shell: a cadre who opened the app once can open any page of it offline. The
      // .br/.gz copies (precompress) are the same files and stay out.
      globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
      // The largest chunk (ECharts) is about 1 MB; Workbox's 2 MiB default would skip a bigger one silently.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: '/index.html',
      // /api/ answers are the server's (no-store); a download is not a page of the app.
      navigateFallbackDenylist: [/^\/api\//],
      runtimeCaching: [],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
    devOptions: { enabled: false },
  });
}

// The web app lives in src/web and is built into dist/web, which the server serves at /.
export default defineConfig({
  root: 'src/web',
  plugins: [react(), phoneApp(), precompress()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
