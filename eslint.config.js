// Lint enforces the layers described in docs/architecture.md: an import across a layer boundary is an error,
// and everything outside the engine reaches it only through its entry module, electron/archive/index.ts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Node runs our TypeScript by type stripping: no enums.' },
        { selector: 'TSParameterProperty', message: 'Node runs our TypeScript by type stripping: no parameter properties.' },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // zxcvbn: the passphrase policy both the renderer and the engine enforce (shared/passphrase-strength.ts).
              regex: '^(?!zod$|@zxcvbn-ts/|\\./|\\.\\./shared/).*',
              message: 'shared/ imports only zod, zxcvbn and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.custodia.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is a browser layer: no Node built-ins.' },
            { group: ['**/electron/**'], message: 'The renderer may import shared/, never electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/archive/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine is plain Node; it never imports electron.' }],
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/ipc/**', '**/cli/**', '**/serve/**'],
              message: 'The engine does not depend on the app shell, the CLI or the bridge.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**', 'electron/serve/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The CLI and bridge are plain Node; they never import electron.' }],
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/ipc/**'],
              message: 'The CLI and bridge do not depend on the app shell.',
            },
            { regex: 'archive/(?!index\\.ts$)', message: 'Outside the engine, import only its entry module electron/archive/index.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**', 'electron/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: 'archive/(?!index\\.ts$)', message: 'Outside the engine, import only its entry module electron/archive/index.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/archive/**', ...nodeBuiltins], message: 'The preload only bridges; it holds no engine or Node code.' }],
        },
      ],
    },
  },
);
