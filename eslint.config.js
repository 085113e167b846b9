// ESLint flat config for the Harbor monorepo (`npx eslint .`).
//
// - packages/**/*.{ts,tsx}: typescript-eslint `recommendedTypeChecked` (type-aware, through the
//   project service: each file is checked against its package's tsconfig.json) plus Harbor's rules.
// - Config files (`*.config.*`) and plain JS (scripts/, bin/) are linted without type information.
// - Import direction between packages is enforced here with `no-restricted-imports` and, together
//   with server capability boundaries and import cycles, by scripts/check-imports.mjs.

import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['packages/**/*.{ts,tsx,mts,cts}'];
const CONFIG_FILES = ['**/*.config.*'];
const TEST_FILES = ['**/*.test.{ts,tsx}', 'packages/web/test/**/*.{ts,tsx}'];

/** `no-restricted-imports` options for one package. */
const restrict = (paths, patterns) => ['error', { paths, patterns }];
const NOT_IN_POLICY = '@harbor/policy is pure rules and data: no I/O, no server or web code.';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/data/',
    // The data layer (packages/server/src/data/) is source, not a data directory.
    '!packages/server/src/data/',
    '**/coverage/',
    'packages/web/dist/',
    '**/*.tsbuildinfo',
    '.test-tmp/',
  ]),

  // Plain JavaScript: scripts/, packages/server/bin/, eslint.config.js.
  {
    name: 'harbor/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // Config files written in TypeScript (vitest.config.ts, drizzle.config.ts, vite.config.ts):
  // not all of them are in a tsconfig, so they are linted without type information.
  {
    name: 'harbor/config-files',
    files: ['**/*.config.{ts,mts,cts}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },

  // TypeScript sources, type-aware.
  {
    name: 'harbor/typescript',
    files: TS,
    ignores: CONFIG_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      // `import { type A } from './a.js'` still loads ./a.js at run time (verbatimModuleSyntax);
      // all-type imports must be written `import type`. scripts/check-imports.mjs relies on it.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Environments.
  {
    name: 'harbor/node-globals',
    files: ['packages/server/**/*.{ts,tsx}', 'packages/policy/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'harbor/browser-globals',
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // No console in server and policy code; the CLI and tests may print.
  {
    name: 'harbor/no-console',
    files: ['packages/server/src/**/*.{ts,tsx}', 'packages/policy/src/**/*.{ts,tsx}'],
    rules: { 'no-console': 'error' },
  },
  {
    name: 'harbor/console-allowed',
    files: ['packages/server/src/cli/**', ...TEST_FILES],
    rules: { 'no-console': 'off' },
  },

  // Tests may assert non-null and poke at loosely typed values.
  {
    name: 'harbor/tests',
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // React: hooks rules (v7 flat preset, including the React Compiler checks). Custom hooks live
  // in .ts files too.
  {
    name: 'harbor/react-hooks',
    files: ['packages/web/**/*.{ts,tsx}'],
    ignores: CONFIG_FILES,
    extends: [reactHooks.configs.flat.recommended],
  },

  // Import direction between packages (see also scripts/check-imports.mjs).
  {
    name: 'harbor/imports-policy',
    files: ['packages/policy/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [
          ...['@harbor/server', '@harbor/web', 'fs', 'pg', 'drizzle-orm', 'fastify'].map((name) => ({
            name,
            message: NOT_IN_POLICY,
          })),
          ...builtinModules
            .filter((m) => !m.startsWith('_') && m !== 'fs')
            .map((name) => ({ name, message: NOT_IN_POLICY })),
        ],
        [
          {
            group: ['node:*', 'fs/*', 'pg/*', 'drizzle-orm/*', 'fastify/*', '@fastify/*'],
            message: NOT_IN_POLICY,
          },
          { group: ['@harbor/server/*', '@harbor/web/*', '**/server/**', '**/web/**'], message: NOT_IN_POLICY },
        ],
      ),
    },
  },
  {
    name: 'harbor/imports-web',
    files: ['packages/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: '@harbor/server', message: 'The web app talks to the server over HTTP only.' }],
        [{ group: ['@harbor/server/*', '**/server/**'], message: 'The web app talks to the server over HTTP only.' }],
      ),
    },
  },
  {
    name: 'harbor/imports-server',
    files: ['packages/server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: '@harbor/web', message: 'The server does not import the web app.' }],
        [{ group: ['@harbor/web/*', '**/web/src/**'], message: 'The server does not import the web app.' }],
      ),
    },
  },
]);
