'use strict';
/** The demo's progress lines (scripts/progress.js): few lines when not a terminal, npm's noise hidden. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { progressLine, unexpectedLines, lastLines } = require('../../scripts/progress');

function fakeStream(isTTY) {
	const writes = [];
	return { isTTY, writes, write: (text) => writes.push(text), text: () => writes.join('') };
}

describe('progressLine', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	test('not a terminal: a line at the start, on a new phase, once a minute and at the end', () => {
		const stream = fakeStream(false);
		let phase = 'step 1/3';
		const line = progressLine('n8n', { stream, measure: () => ({ phase, detail: '1 MB' }) });
		jest.advanceTimersByTime(20_000);
		phase = 'step 2/3';
		jest.advanceTimersByTime(5 * 60_000);
		line.done('ready');
		const lines = stream.text().trimEnd().split('\n');
		expect(lines[0]).toBe('n8n: 0 s, step 1/3, 1 MB');
		expect(lines[1]).toBe('n8n: 25 s, step 2/3, 1 MB'); // the next 5 s check after the change
		expect(lines.at(-1)).toBe('n8n: ready (5 min 20 s)');
		expect(lines.length).toBeLessThanOrEqual(8); // 5 min 20 s: not one line per tick
		expect(stream.text()).not.toContain('\r');
	});

	test('a terminal: one line rewritten in place, ended by a newline', () => {
		const stream = fakeStream(true);
		const line = progressLine(() => 'build', { stream });
		jest.advanceTimersByTime(3_000);
		line.fail();
		expect(stream.writes.length).toBeGreaterThanOrEqual(4);
		expect(stream.writes.every((text) => text.startsWith('\r\x1b[K'))).toBe(true);
		expect(stream.text().split('\n')).toHaveLength(2);
		expect(stream.text()).toMatch(/build: failed \(3 s\)\n$/);
	});
});

describe('the log', () => {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-progress-')), 'demo.log');
	fs.writeFileSync(
		file,
		[
			'kyc-install: phase 2/3 downloading n8n',
			'npm warn EBADENGINE Unsupported engine {',
			'npm warn ERESOLVE overriding peer dependency',
			'npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported',
			'Error: getaddrinfo ENOTFOUND api.n8n.io',
			'npm error code E404',
			'npm error 404 Not Found - GET https://registry.npmjs.org/@n8n%2fagents',
			'gyp ERR! build error',
			'\x1b[999D\x1b[J◐  Building TypeScript files\r\x1b[999D\x1b[J◇  Copied static files',
		].join('\n'),
	);

	test('expected warnings are left out, unexpected errors are kept', () => {
		expect(unexpectedLines(file)).toEqual([
			'npm error code E404',
			'npm error 404 Not Found - GET https://registry.npmjs.org/@n8n%2fagents',
			'gyp ERR! build error',
		]);
	});

	test('from a byte offset, after text with multi-byte characters', () => {
		const other = path.join(path.dirname(file), 'offset.log');
		const before = '┌ n8n-node build ◐ ◇ ✓ Build successful\n';
		fs.writeFileSync(other, `${before}npm error code E1\n`);
		const offset = Buffer.byteLength(before);
		fs.appendFileSync(other, 'npm error code E2\n');
		expect(unexpectedLines(other, offset)).toEqual(['npm error code E1', 'npm error code E2']);
	});

	test('the last lines for a failure skip the noise too', () => {
		expect(lastLines(file, 3)).toBe(
			'gyp ERR! build error\n◐  Building TypeScript files\n◇  Copied static files',
		);
		expect(lastLines(file, 10)).not.toContain('\x1b');
		expect(lastLines(file, 10)).not.toContain('EBADENGINE');
	});
});
