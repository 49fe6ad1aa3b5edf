import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-h5/**', 'build/**', 'artefacts/**', '.data/**', 'vendor/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'cloudfunctions/**/*.ts'],
    ignores: ['src/domain/zod.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^zod(/.*)?$', message: "Import z from 'src/domain/zod' (configured jitless)." }] }],
    },
  },
  {
    // Domain rules are pure: no UI framework, no cloud SDK, no direct zod (it must come configured jitless).
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/zod.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tarojs/*', 'react', 'react-dom', '@nutui/*'], message: 'src/domain must not depend on the UI framework.' },
            { group: ['wx-server-sdk', '@cloudbase/*'], message: 'src/domain must not depend on the cloud SDK.' },
            { regex: '^zod(/.*)?$', message: "Import z from 'src/domain/zod' (configured jitless)." },
            { group: ['node:*', 'fs', 'path', 'crypto', 'http'], message: 'src/domain does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    // jest.mock factories must require lazily.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
