// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_LIBRARIES = [
  'botbuilder', 'botbuilder-*', 'botframework-*', 'restify', 'ldapts', 'pg', 'better-sqlite3', 'kysely',
  '@microsoft/microsoft-graph-client', '@azure/*', 'pino', 'ldif', 'adaptivecards-templating',
  'fs', 'fs/*', 'node:*', 'http', 'https', 'net', 'child_process', 'os', 'path', 'crypto',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through src/config only.' },
      ],
    },
  },
  {
    // The Bot Framework SDK is archived: only the Teams-facing files (src/bot/teams) import it, so a
    // move to the Microsoft 365 Agents SDK stays a local change.
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    // bench/echo-bot.ts is the bare botbuilder bot privacy-desk is measured against.
    ignores: ['src/bot/teams/**', 'bench/echo-bot.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'botbuilder stays inside src/bot/teams.' }],
      }],
    },
  },
  {
    // The pure core and the use cases import no I/O library (README, Architecture: rules checked by a tool).
    files: ['src/domain/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: IO_LIBRARIES, message: 'The domain core and use cases stay free of I/O libraries.' },
          { group: ['**/bot/**', '**/server/**', '**/cli/**', '**/config/**', '**/*.adapter', '**/adapters/**'], message: 'The core depends on ports, never on adapters or the outer layers.' },
        ],
      }],
    },
  },
  {
    files: ['src/config/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' }, languageOptions: { sourceType: 'commonjs', globals: { module: 'readonly', require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' } } },
);
