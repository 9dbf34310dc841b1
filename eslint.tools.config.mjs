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
		// The Iluma seed's numbers, verbatim, some beyond a double's precision. Turned off here rather
		// than by inline comments: `n8n-node lint` also reads these files, without this rule, and
		// reports such a comment as an unused directive.
		files: ['test/fixtures/iluma-seed-samples.js', 'test/sandbox/data/iluma-samples.js'],
		rules: { 'no-loss-of-precision': 'off' },
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
	},
];
