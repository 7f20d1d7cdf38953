import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which part may import which: renderer, electron and server import shared, never each other. */
const boundary = (allowed, forbidden) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: forbidden.map((part) => ({
        group: [`**/${part}/**`, `../${part}/*`, `../../${part}/*`, `../../../${part}/*`],
        message: `${allowed} must not import ${part}/: share code through shared/ instead.`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'data', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // No import circles, across every part. This rule sees runtime imports (it skips `import type`);
    // scripts/import-graph.test.ts holds the whole graph, type-only imports included, to none.
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...boundary('renderer', ['server', 'electron']) },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/server/**', '**/electron/**'],
              message: 'shared/ imports no other part.',
            },
            {
              // Whole module names only: shared/crypto (libsodium) is shared's own, Node's crypto is not.
              regex: '^(node:.*|electron|fs|path|os|crypto)(/.*)?$',
              message: 'shared/ is platform-free.',
            },
          ],
        },
      ],
    },
  },
  { files: ['server/**/*.ts'], rules: boundary('server', ['renderer', 'electron']) },
  { files: ['electron/**/*.ts'], rules: boundary('electron', ['renderer', 'server']) },
);
