// Vite build of the web console: web/ -> web/dist, served by the Express server at / (server/console.ts).
// `npm run dev:web` serves it with hot reload and forwards the API paths to a server on :4000.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

const api = process.env.API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(['/graphql', '/reports', '/imports', '/healthz', '/readyz'].map((p) => [p, api])),
  },
});
