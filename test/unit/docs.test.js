'use strict';
/**
 * The manuals: every relative link in README.md, docs/ and examples/README.md resolves (the file exists
 * and, with a #fragment, the heading exists under GitHub's slug), and every operation of every node
 * (read from the nodes' own descriptions) has its section in that node's manual, docs/nodes/<name>.md;
 * for KYC (Any Vendor), which has a Check parameter instead of resources, every check.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function markdownFiles() {
	const files = ['README.md', 'examples/README.md'];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
			const relative = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(relative);
			else if (entry.name.endsWith('.md')) files.push(relative);
		}
	};
	walk('docs');
	return files;
}

const withoutFences = (text) => text.replace(/^[ \t]*(```|~~~)[\s\S]*?^[ \t]*\1/gm, '');

/** The text without fenced code blocks and code spans, where brackets are not links. */
const prose = (text) => withoutFences(text).replace(/`[^`\n]*`/g, '``');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function slugs(text) {
	const seen = new Map();
	const result = new Set();
	for (const [, heading] of withoutFences(text).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
		const base = heading
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
			.replace(/ /g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		result.add(count ? `${base}-${count}` : base);
	}
	return result;
}

/** `[text](target)` and `![alt](target)` links of a Markdown text, with their line numbers. */
function links(text) {
	const found = [];
	prose(text)
		.split('\n')
		.forEach((line, index) => {
			for (const [, target] of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
				found.push({ target, line: index + 1 });
			}
		});
	return found;
}

/** The problems with the relative links of one file: `file:line target: reason`. */
function brokenLinks(file, text, read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8')) {
	const problems = [];
	for (const { target, line } of links(text)) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
		const [pathPart, fragment] = target.split('#');
		const targetFile = pathPart
			? path.normalize(path.join(path.dirname(file), decodeURIComponent(pathPart)))
			: file;
		const where = `${file}:${line} ${target}`;
		if (targetFile.startsWith('..')) {
			problems.push(`${where}: outside the repository`);
			continue;
		}
		let content;
		try {
			if (fs.statSync(path.join(ROOT, targetFile)).isDirectory()) continue;
			content = read(targetFile);
		} catch {
			problems.push(`${where}: no such file`);
			continue;
		}
		if (fragment === undefined) continue;
		if (!targetFile.endsWith('.md'))
			problems.push(`${where}: a #fragment on a file that is not Markdown`);
		else if (!slugs(content).has(fragment)) problems.push(`${where}: no heading #${fragment}`);
	}
	return problems;
}

describe('links in the manuals', () => {
	const files = markdownFiles();

	test('README.md, docs/ (every node manual among them) and examples/README.md are checked', () => {
		expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/development.md']));
		expect(files.filter((file) => file.startsWith('docs/nodes/')).length).toBe(8);
	});

	test.each(files)('every relative link and #anchor in %s resolves', (file) => {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		expect(links(text).length).toBeGreaterThan(0);
		expect(brokenLinks(file, text)).toEqual([]);
	});

	test('the check finds a missing file, a missing heading and a link out of the repository', () => {
		const text = [
			'# Title',
			'## Step 1: Submit ID (`argosId`)',
			'[ok](#title) [ok](#step-1-submit-id-argosid) [ok](docs/development.md#npm-run-check)',
			'[gone](docs/nope.md) [bad](#nope) [bad](docs/development.md#nope) [out](../x.md)',
			'`[not a link](nope.md)`',
		].join('\n');
		expect(
			brokenLinks('README.md', text, (file) =>
				file === 'README.md' ? text : fs.readFileSync(path.join(ROOT, file), 'utf8'),
			),
		).toEqual([
			'README.md:4 docs/nope.md: no such file',
			'README.md:4 #nope: no heading #nope',
			'README.md:4 docs/development.md#nope: no heading #nope',
			'README.md:4 ../x.md: outside the repository',
		]);
	});

	test('slugs follow GitHub: punctuation dropped, arrows leave a double hyphen, repeats numbered', () => {
		const text =
			'## Bank Account → Validate Name\n## Errors\n## Errors\n### *Product* Callback Type\n' +
			'## What `npm run test:queue` shows\n```\n# not a heading\n```';
		expect([...slugs(text)]).toEqual(
			expect.arrayContaining([
				'bank-account--validate-name',
				'errors',
				'errors-1',
				'product-callback-type',
				'what-npm-run-testqueue-shows',
			]),
		);
		expect(slugs(text).has('not-a-heading')).toBe(false);
	});
});

// ---------------------------------------------------------------------------------------------

const kebab = (name) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Every node the package ships (package.json "n8n".nodes), loaded from its TypeScript source. */
function shippedNodes() {
	const { n8n } = require(path.join(ROOT, 'package.json'));
	return n8n.nodes.map((file) => {
		const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, ''));
		const exports = require(source);
		const Class = Object.values(exports).find((value) => typeof value === 'function');
		return new Class().description;
	});
}

/**
 * What a manual must cover: `### Resource → Operation` per operation, `### Check (`value`)` per check
 * of a node that has a Check parameter instead of resources, and each trigger event.
 */
function requiredEntries(description) {
	const resource = description.properties.find((property) => property.name === 'resource');
	const check = description.properties.find((property) => property.name === 'check');
	if (!resource && check) {
		return check.options.map((option) => {
			const heading = `### ${option.name} (\`${option.value}\`)`;
			return { label: heading, found: (text) => text.split('\n').includes(heading) };
		});
	}
	if (!resource) {
		const events = description.properties.find((property) => property.name === 'events');
		return events.options.map((option) => ({
			label: `event ${option.name} (${option.value})`,
			found: (text) =>
				text
					.split('\n')
					.some((line) => line.includes(option.name) && line.includes(`\`${option.value}\``)),
		}));
	}
	return resource.options.flatMap((res) => {
		const operations = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(res.value),
		);
		return operations.options.flatMap((operation) => {
			const heading = `### ${res.name} → ${operation.name}`;
			const shown = (property) =>
				property.displayOptions?.show?.resource?.includes(res.value) &&
				property.displayOptions?.show?.operation?.includes(operation.value);
			// Like the e2e coverage check: each ekycpro Document Type counts as one more thing to cover.
			const documents = description.properties
				.filter((property) => property.name === 'document' && shown(property))
				.flatMap((property) => property.options)
				.map((option) => ({
					label: `${heading}: ${option.name}`,
					found: (text) => text.split('\n').some((line) => line.startsWith(`| ${option.name} |`)),
				}));
			return [
				{ label: heading, found: (text) => text.split('\n').includes(heading) },
				...documents,
			];
		});
	});
}

describe('a manual per node', () => {
	const nodes = shippedNodes();

	test('the package ships eight nodes, each with its manual docs/nodes/<name>.md', () => {
		expect(nodes.map((node) => node.name)).toHaveLength(8);
		const manuals = fs.readdirSync(path.join(ROOT, 'docs', 'nodes')).sort();
		expect(manuals).toEqual(nodes.map((node) => `${kebab(node.name)}.md`).sort());
	});

	test.each(nodes.map((node) => [node.name, node]))(
		'docs/nodes manual of %s covers every operation, check or event',
		(name, description) => {
			const file = path.join(ROOT, 'docs', 'nodes', `${kebab(name)}.md`);
			const text = fs.readFileSync(file, 'utf8');
			const entries = requiredEntries(description);
			expect(entries.length).toBeGreaterThan(0);
			expect(entries.filter((entry) => !entry.found(text)).map((entry) => entry.label)).toEqual([]);
		},
	);

	test('a manual without one operation fails the check', () => {
		const description = nodes.find((node) => node.name === 'ekycPro');
		const text = fs
			.readFileSync(path.join(ROOT, 'docs', 'nodes', 'ekyc-pro.md'), 'utf8')
			.replace('### Account → Get Balance', '### Account');
		const missing = requiredEntries(description).filter((entry) => !entry.found(text));
		expect(missing.map((entry) => entry.label)).toEqual(['### Account → Get Balance']);
		const withoutPeru = text.replace('| Peru DNI |', '| Peru |');
		expect(
			requiredEntries(description)
				.filter((entry) => !entry.found(withoutPeru))
				.map((entry) => entry.label),
		).toEqual(['### ID Card → Recognize: Peru DNI', '### Account → Get Balance']);
	});

	test('a manual without one check of KYC (Any Vendor) fails the check', () => {
		const description = nodes.find((node) => node.name === 'kycAnyVendor');
		const checks = description.properties.find((property) => property.name === 'check');
		expect(checks.options.map((option) => option.value).sort()).toEqual([
			'compareFaces',
			'liveness',
			'readKtp',
			'verifyNik',
		]);
		const text = fs
			.readFileSync(path.join(ROOT, 'docs', 'nodes', 'kyc-any-vendor.md'), 'utf8')
			.replace('### Liveness (`liveness`)', '### Liveness');
		expect(
			requiredEntries(description)
				.filter((entry) => !entry.found(text))
				.map((entry) => entry.label),
		).toEqual(['### Liveness (`liveness`)']);
	});
});
