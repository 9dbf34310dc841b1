'use strict';

// `node scripts/release/notes.js <version|tag>` prints the version's section of CHANGELOG.md (the
// GitHub release's notes); exits non-zero when CHANGELOG.md has no section for it.

const fs = require('node:fs');
const path = require('node:path');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The body of `## [version]` (Keep a Changelog), trimmed, without the link reference lines. */
function releaseNotes(changelog, version) {
	const lines = changelog.split(/\r?\n/);
	const heading = new RegExp(`^## \\[?${escape(version)}\\]?(\\s|$)`);
	const start = lines.findIndex((line) => heading.test(line));
	if (start < 0) throw new Error(`CHANGELOG.md has no section for ${version}`);
	const rest = lines.slice(start + 1);
	const end = rest.findIndex((line) => /^## /.test(line));
	const notes = (end < 0 ? rest : rest.slice(0, end))
		.filter((line) => !/^\[[^\]]+\]: /.test(line))
		.join('\n')
		.trim();
	if (!notes) throw new Error(`CHANGELOG.md's section for ${version} is empty`);
	return notes;
}

if (require.main === module) {
	const root = path.resolve(__dirname, '../..');
	const version = String(process.argv[2] ?? '').replace(/^(refs\/tags\/)?v/, '');
	try {
		console.log(releaseNotes(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version));
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}

module.exports = { releaseNotes };
