import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server's Content-Security-Policy allows only same-origin scripts and styles, so the build
// must emit external files only (no inline <script> or <style>). In development the Harbor API
// runs on port 3000 and Vite proxies to it.
const api = 'http://localhost:3000';

export default defineConfig(({ command }) => ({
  plugins: [react()],
  // The server reads NODE_ENV for its own modes (development, test); whatever it is, a build
  // ships React's production code.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    // USWDS's fonts and images stay separate same-origin files (never inlined).
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
}));
