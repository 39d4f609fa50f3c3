import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The panel's build: `npm run build:panel` writes `static/panel/dist`, the Custom UI resource
 * the manifest names and the bundle the dev server serves unchanged. `base: './'` because
 * Forge serves a resource from a path of its own.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 900 },
});
