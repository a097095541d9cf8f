import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // GOV.UK Frontend's Sass is ours to configure (font, page width); its own deprecation notices are not ours to fix.
  css: { preprocessorOptions: { scss: { quietDeps: true } } },
  // The build manifest lets test/unit/bundle-size.test.ts sum what the first screen loads.
  // esbuild minifies CSS: lightningcss refuses GOV.UK Frontend's one old-IE media-query hack (`min-width: 0\\0`).
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true, manifest: true, cssMinify: 'esbuild' },
});
