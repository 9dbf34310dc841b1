'use strict';

// Chromium (or Google Chrome) driven by playwright-core (no browser download): KYC_CHROMIUM, else
// the machine's own, else installed with apt-get when the user may (test/systemTools.js); launched
// with the flags this closed network needs.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium, selectors } = require('playwright-core');

const { ensure } = require('../systemTools');

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's network refuses; --no-sandbox because the tests may run as root.
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

let executable;
/** The browser's executable (installed first when missing and allowed); throws a one-line error. */
function ensureChromium() {
	executable ??= ensure('chromium');
	return executable;
}

/**
 * Launches chromium with a fresh user-data dir.
 * @returns {Promise<{ browser, context, close(): Promise<void> }>}
 */
async function launch({ viewport = { width: 1440, height: 1000 } } = {}) {
	const executablePath = ensureChromium();
	// n8n's editor marks its elements with data-test-id.
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		args: ARGS,
		headless: true,
		viewport,
		colorScheme: 'light',
		// The runner stops everything itself, in order, on Ctrl-C.
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
	});
	let closing = null;
	return {
		context,
		close() {
			closing =
				closing ||
				(async () => {
					await context.close().catch(() => {});
					fs.rmSync(userDataDir, { recursive: true, force: true });
				})();
			return closing;
		},
	};
}

module.exports = { ensureChromium, launch };
