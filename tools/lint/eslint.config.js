// ESLint for the web app: plain browser ES modules, no build step. Run by ./test.sh (npm run lint).
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      // null and undefined compared loosely on purpose (== null); everything else strictly.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_' }],
      'prefer-const': 'error',
      'no-var': 'error',
      'no-implicit-globals': 'error',
      'no-shadow': 'error',
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['**/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
];
