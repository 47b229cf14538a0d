// ESLint's recommended rules for the package's JavaScript (formatting is
// prettier's job; types are tsc's, see tsconfig.json).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/', 'vendor/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      'prefer-const': 'error',
    },
  },
];
