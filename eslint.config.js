import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Domain boundaries in src/server (DESIGN.md, docs/architecture.md; src/server/boundaries.test.ts holds the table
// side). A domain reaches another only through its lookup.ts (reads), service.ts (writes) and events.ts (the
// event types it publishes), or a pure helper listed here; never its store, routes, module or internals.
// Platform imports no domain. Tests are held to the same rule.
const DOMAINS = ['asks', 'communities', 'imports', 'insights', 'knowledge', 'learning', 'notifications', 'onboarding', 'people']
/** Modules other domains may import besides lookup.ts, service.ts and events.ts: pure helpers only (no I/O, no state). */
const PURE_HELPERS = []
const anyDomain = `(?:${DOMAINS.join('|')})`
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const publicModule = [`${anyDomain}/(?:lookup|service|events)\\.js$`, ...PURE_HELPERS.map((h) => `${escape(h)}$`)].join('|')
const domainBoundaries = DOMAINS.map((domain) => ({
  files: [`src/server/${domain}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(?:\\.\\./)+(?!${domain}/)(?!(?:${publicModule}))${anyDomain}/`,
            message:
              'another domain is reached only through its lookup.ts (reads), service.ts (writes) or events.ts, never its store or internals',
          },
        ],
      },
    ],
  },
}))

export default tseslint.config(
  // scripts/demo/scorm/ holds a SCORM package's own content (plain browser scripts run in the player's frame), not project code.
  { ignores: ['node_modules/', 'dist/', 'data/', '.tmp/', 'coverage/', 'eslint.config.js', 'scripts/*.mjs', 'scripts/demo/scorm/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The web app may import only types from the server; shapes come from src/shared.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server'], message: 'the web app imports only types from the server', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // Graph algorithms are pure: no I/O and nothing from the server.
    files: ['src/graph/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**', 'node:fs', 'node:net', 'node:http', 'fs', 'pg', 'better-sqlite3', 'kysely'],
              message: 'src/graph is pure: no I/O and no imports from server/',
            },
          ],
        },
      ],
    },
  },
  ...domainBoundaries,
  {
    // Platform knows no domain: what it needs of one (a person matcher, a viewer loader, search hooks) is given
    // to it when the app is built (app.ts). Its tests may build the whole app, as test/helpers does.
    files: ['src/server/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?:\\.\\./)+${anyDomain}/`,
              message: 'platform imports no domain: take what you need as a parameter, given by app.ts',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen in time and written against an untyped Kysely.
    files: ['src/server/platform/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)
