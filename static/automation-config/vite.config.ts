import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The Automation steps' configuration form: `npm run build:automation-config` writes
 * `static/automation-config/dist`, the Custom UI resource the manifest's actions name.
 * `base: './'` because Forge serves a resource from a path of its own.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
