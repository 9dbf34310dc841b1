'use strict';

// `node scripts/release/pack.js`: what `npm pack` would publish (after `npm run build`) holds only
// what users need (dist/, index.js, LICENSE, README.md, package.json), every node and credential
// package.json names, and stays under a size bound. Exits non-zero with the reasons otherwise.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** The tarball's bound (gzipped bytes); today's is about 285 kB. */
const MAX_PACKED_BYTES = 512 * 1024;
const TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', 'index.js'];

/**
 * Problems with a pack (`npm pack --dry-run --json`'s entry: `{ files: [{ path }], size }`) of the
 * package `pkg`; none when it is fit to publish.
 */
function checkPackContents(pack, pkg) {
	const paths = new Set(pack.files.map((file) => file.path));
	const problems = [];
	for (const file of paths) {
		if (!TOP_LEVEL.includes(file) && !file.startsWith('dist/'))
			problems.push(`${file} is not for users (only dist/, ${TOP_LEVEL.join(', ')})`);
	}
	const required = [...TOP_LEVEL, ...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	for (const file of required) {
		if (!paths.has(file)) problems.push(`${file} is missing`);
	}
	if (pack.size > MAX_PACKED_BYTES)
		problems.push(`the tarball is ${pack.size} bytes, over the bound of ${MAX_PACKED_BYTES} bytes`);
	return problems;
}

if (require.main === module) {
	const root = path.resolve(__dirname, '../..');
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const npm = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	if (npm.status !== 0) {
		console.error(`npm pack --dry-run failed: ${npm.stderr}`);
		process.exit(1);
	}
	const [pack] = JSON.parse(npm.stdout);
	const problems = checkPackContents(pack, pkg);
	if (problems.length) {
		console.error(`The tarball is not fit to publish:\n- ${problems.join('\n- ')}`);
		process.exit(1);
	}
	console.log(`tarball: ${pack.entryCount} files, ${pack.size} bytes (bound ${MAX_PACKED_BYTES})`);
}

module.exports = { checkPackContents, MAX_PACKED_BYTES };
