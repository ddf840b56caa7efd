import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The page is built from index.html (entry src/app/main.tsx); the service worker from sw/sw.ts in
 * injectManifest mode, so its precache list (self.__WB_MANIFEST) holds the WHOLE app shell — every
 * lazy route chunk too — and a worker in a stairwell with no signal can open any screen.
 *
 * Our own manifest.webmanifest (at the root, linked from index.html) is used instead of a generated
 * one, so `manifest: false`; Vite fingerprints it like any other linked asset.
 */
export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      manifest: false,
      injectManifest: {
        // mjs: maplibre's worker, emitted as a file by the map chunk's `?url` import.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest,woff2}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    // Small icons stay files: the service worker precaches them and the manifest points at them.
    assetsInlineLimit: 0,
    // dist/.vite/manifest.json: the entry chunk and its static imports, for the home JS budget test.
    manifest: true,
  },
});
