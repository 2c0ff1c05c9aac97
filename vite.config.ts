import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const outDir = path.resolve('dist/web')

/**
 * Writes a Brotli and a gzip copy beside every text asset of the build, which the server sends to browsers that
 * accept them (@fastify/static `preCompressed`). Compressing once at build time costs nothing per request.
 */
function precompress(): Plugin {
  const text = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/
  return {
    name: 'wellspring-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      for (const file of walk(outDir)) {
        if (!text.test(file)) continue
        const body = fs.readFileSync(file)
        if (body.length < 1024) continue
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }))
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
      }
    },
  }
}

// The web app lives in src/web and is built into dist/web, which the server serves (see registerWebApp).
export default defineConfig({
  root: path.resolve('src/web'),
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // Maps for operators' debugging, with no link from the bundle; the server never serves them.
    sourcemap: 'hidden',
    // The server's CSP forbids inline scripts and styles: keep every asset a separate file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
})
