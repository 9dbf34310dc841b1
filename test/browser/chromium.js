'use strict';

// Debian's Chromium driven by playwright-core (no browser download): installed with apt-get when
// missing, as on a fresh CI machine, and launched with the flags this closed network needs.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium, selectors } = require('playwright-core');

const EXECUTABLE = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's network refuses; --no-sandbox because the tests run as root.
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

function apt(args) {
	const result = spawnSync('apt-get', args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	return result.status === 0;
}

/** Installs Debian's chromium unless it is there; throws when that fails. */
function ensureChromium() {
	if (fs.existsSync(EXECUTABLE)) return;
	console.log('  chromium missing: apt-get install -y --no-install-recommends chromium');
	const install = () => apt(['install', '-y', '--no-install-recommends', 'chromium']);
	if (!install() && !(apt(['update']) && install())) {
		throw new Error('apt-get could not install chromium');
	}
	if (!fs.existsSync(EXECUTABLE))
		throw new Error(`chromium installed but ${EXECUTABLE} is missing`);
}

/**
 * Launches chromium with a fresh user-data dir.
 * @returns {Promise<{ browser, context, close(): Promise<void> }>}
 */
async function launch({ viewport = { width: 1440, height: 1000 } } = {}) {
	ensureChromium();
	// n8n's editor marks its elements with data-test-id.
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: EXECUTABLE,
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

module.exports = { ensureChromium, launch, EXECUTABLE };
