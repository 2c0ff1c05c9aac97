import path from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The web app lives in src/web and is built into dist/web, which the server serves (see registerWebApp).
export default defineConfig({
  root: path.resolve('src/web'),
  plugins: [react()],
  build: {
    outDir: path.resolve('dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // The server's CSP forbids inline scripts and styles: keep every asset a separate file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
})
