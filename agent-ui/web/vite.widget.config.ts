import { defineConfig } from 'vite';

// The chat widget: one self-contained script (IIFE, no imports at run time) that the hub serves
// at /widget.js. Runs after the app's build, into the same folder, without emptying it.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: '../target/classes/META-INF/agent-ui',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    lib: {
      entry: 'src/widget/main.ts',
      formats: ['iife'],
      name: 'ContactHubChat',
      fileName: () => 'widget.js',
    },
  },
});
