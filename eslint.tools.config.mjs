// Lint for the JavaScript dev tooling (tests, sandbox, scripts, bench). Node and credential code is
// linted by `n8n-node lint` and n8n's package scanner instead; see scripts/lint.js.
import js from '@eslint/js';
import globals from 'globals';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/e2e/artifacts/**'] },
	js.configs.recommended,
	{
		files: ['**/*.js'],
		languageOptions: {
			ecmaVersion: 2023,
			sourceType: 'commonjs',
			globals: { ...globals.node, ...globals.jest },
		},
		rules: {
			'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
	},
];
