'use strict';

// The release rules the publish workflow (.github/workflows/publish.yml) applies before it
// publishes: the tag names package.json's version, the tarball holds only what users need, and the
// release notes are the tag's CHANGELOG.md section.

const fs = require('node:fs');
const path = require('node:path');

const { tagMatchesVersion } = require('../../scripts/release/tag');
const { checkPackContents, MAX_PACKED_BYTES } = require('../../scripts/release/pack');
const { releaseNotes } = require('../../scripts/release/notes');

const pkg = {
	version: '0.1.0',
	n8n: { nodes: ['dist/nodes/A/A.node.js'], credentials: ['dist/credentials/A.credentials.js'] },
};

describe('the tag names the version in package.json', () => {
	test.each([
		['v0.1.0', '0.1.0'],
		['v1.2.3-beta.1', '1.2.3-beta.1'],
		['refs/tags/v0.1.0', '0.1.0'],
	])('%s publishes %s', (tag, version) => {
		expect(tagMatchesVersion(tag, version)).toEqual({ ok: true });
	});

	test.each([
		['v0.1.1', '0.1.0'],
		['0.1.0', '0.1.0'], // without the v: not a version tag of this repository
		['v0.1', '0.1.0'],
		['v0.1.0-rc.1', '0.1.0'],
		['', '0.1.0'],
		['v0.1.0 ', '0.1.0'],
	])('%j does not publish %s', (tag, version) => {
		const result = tagMatchesVersion(tag, version);
		expect(result.ok).toBe(false);
		expect(result.reason).toContain(version);
	});
});

describe('the tarball holds only what users need', () => {
	const file = (p, size = 100) => ({ path: p, size });
	const needed = [
		file('package.json'),
		file('README.md'),
		file('LICENSE'),
		file('index.js'),
		file('dist/nodes/A/A.node.js'),
		file('dist/credentials/A.credentials.js'),
	];
	const pack = (files, size = 10_000) => ({ files, size });

	test('dist/, index.js, LICENSE, README.md and package.json pass', () => {
		expect(checkPackContents(pack([...needed, file('dist/nodes/A/a.svg')]), pkg)).toEqual([]);
	});

	test.each([
		'test/unit/x.test.js',
		'nodes/A/A.node.ts',
		'docs/x.md',
		'.npmrc',
		'bench/RESULTS.md',
		'src/index.js',
	])('%s is refused', (extra) => {
		const problems = checkPackContents(pack([...needed, file(extra)]), pkg);
		expect(problems).toEqual([expect.stringContaining(extra)]);
	});

	test('a node or credential package.json names but the tarball lacks is refused', () => {
		const problems = checkPackContents(
			pack(needed.filter((f) => f.path !== 'dist/nodes/A/A.node.js')),
			pkg,
		);
		expect(problems).toEqual([expect.stringContaining('dist/nodes/A/A.node.js')]);
	});

	test('a missing LICENSE or README.md is refused', () => {
		const problems = checkPackContents(
			pack(needed.filter((f) => !['LICENSE', 'README.md'].includes(f.path))),
			pkg,
		);
		expect(problems).toHaveLength(2);
	});

	test(`a tarball over ${MAX_PACKED_BYTES} bytes is refused`, () => {
		expect(checkPackContents(pack(needed, MAX_PACKED_BYTES), pkg)).toEqual([]);
		expect(checkPackContents(pack(needed, MAX_PACKED_BYTES + 1), pkg)).toEqual([
			expect.stringContaining('bytes'),
		]);
	});
});

describe('the release notes are the version’s CHANGELOG.md section', () => {
	const changelog = [
		'# Changelog',
		'',
		'## [Unreleased]',
		'',
		'- later work',
		'',
		'## [0.2.0] - 2027-01-02',
		'',
		'### Added',
		'',
		'- two',
		'',
		'## [0.1.0] - 2026-12-07',
		'',
		'- one',
		'',
		'[unreleased]: https://example.invalid/compare/v0.2.0...HEAD',
		'[0.2.0]: https://example.invalid/releases/tag/v0.2.0',
	].join('\n');

	test('the section between its heading and the next, without the heading or link lines', () => {
		expect(releaseNotes(changelog, '0.2.0')).toBe('### Added\n\n- two');
		expect(releaseNotes(changelog, '0.1.0')).toBe('- one');
	});

	test('a version without a section has no notes (the workflow then refuses to publish)', () => {
		expect(() => releaseNotes(changelog, '0.3.0')).toThrow(/0\.3\.0/);
		expect(() => releaseNotes(changelog, '0.1')).toThrow();
	});

	test('the repository’s CHANGELOG.md has notes for package.json’s version', () => {
		const root = path.resolve(__dirname, '../..');
		const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		const notes = releaseNotes(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version);
		expect(notes.length).toBeGreaterThan(50);
	});
});
