import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which part may import which: renderer, electron and server import shared, never each other. */
const boundaryPatterns = (allowed, forbidden) =>
  forbidden.map((part) => ({
    group: [`**/${part}/**`, `../${part}/*`, `../../${part}/*`, `../../../${part}/*`],
    message: `${allowed} must not import ${part}/: share code through shared/ instead.`,
  }));
const boundary = (allowed, forbidden) => ({
  'no-restricted-imports': ['error', { patterns: boundaryPatterns(allowed, forbidden) }],
});

/**
 * The data layer is enforced, not a convention: a feature's `<feature>-data.ts` is the only code of the feature that
 * touches the local store (RxDB), so that every write is checked and described in one place and a screen can be
 * read without knowing the store. Screens and shared components get queries and commands (`useTripCommands()`…)
 * from the data modules; they import no RxDB and no store module, and never read the session's `store`.
 */
const NO_STORE = 'UI files do not touch the store: call the feature data module (<feature>-data.ts) instead.';
const noStoreInUi = {
  files: ['renderer/src/features/**/*.tsx', 'renderer/src/components/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...boundaryPatterns('renderer', ['server', 'electron']),
          { group: ['rxdb', 'rxdb/**', 'rxdb-*'], message: NO_STORE },
          { group: ['**/store/local-store', '**/store/local-store.ts'], message: NO_STORE },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      // `useSession().store`, `session.store`
      { selector: "MemberExpression[property.name='store']", message: NO_STORE },
      // `const { store } = useSession()`
      { selector: "ObjectPattern > Property[key.name='store']", message: NO_STORE },
    ],
  },
};

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
  {
    // The partner opener: a page of its own, built into one HTML file (scripts/build-opener.ts).
    files: ['opener/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: boundary('opener', ['server', 'electron']),
  },
  noStoreInUi,
  { files: ['server/**/*.ts'], rules: boundary('server', ['renderer', 'electron']) },
  { files: ['electron/**/*.ts'], rules: boundary('electron', ['renderer', 'server']) },
);
