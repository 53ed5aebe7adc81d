import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The Maven build packs whatever lands in outDir into the agent-ui jar under META-INF/agent-ui,
// where the hub serves it from the class path.
// Relative to this folder (Vite's root).
const outDir = '../target/classes/META-INF/agent-ui';

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One small app: a single chunk loads faster than a waterfall of tiny ones.
    chunkSizeWarningLimit: 300,
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` against a hub on :8080.
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true },
    },
  },
});
