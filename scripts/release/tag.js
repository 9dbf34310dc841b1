'use strict';

// The publish workflow's first step: `node scripts/release/tag.js <tag>` exits non-zero unless the
// tag is `v` + package.json's version exactly, so a tag never publishes a different version.

const fs = require('node:fs');
const path = require('node:path');

/** `{ ok: true }` when `tag` (a tag name or refs/tags/…) is exactly `v<version>`, else a reason. */
function tagMatchesVersion(tag, version) {
	const name = String(tag ?? '').replace(/^refs\/tags\//, '');
	if (name === `v${version}`) return { ok: true };
	return {
		ok: false,
		reason: `tag ${JSON.stringify(name)} is not v${version} (package.json's version): not publishing`,
	};
}

if (require.main === module) {
	const root = path.resolve(__dirname, '../..');
	const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const result = tagMatchesVersion(process.argv[2] ?? process.env.GITHUB_REF_NAME, version);
	if (!result.ok) {
		console.error(result.reason);
		process.exit(1);
	}
	console.log(`tag v${version} matches package.json`);
}

module.exports = { tagMatchesVersion };
