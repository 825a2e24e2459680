import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages, bundled offline from npm packages into the API's wwwroot (git-ignored; scripts/build-web rebuilds it).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../api/NeedsMap.Api/wwwroot'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // GraphiQL's React dependencies mark modules "use client"; that means nothing in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        map: resolve(import.meta.dirname, 'map/index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql/index.html'),
      },
    },
  },
});
