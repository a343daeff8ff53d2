import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer build: one bundle served by the Electron `app://` protocol and by browser mode.
export const rendererConfig = defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 8000,
  },
  worker: { format: 'es' },
});

export { rendererConfig as default };
