'use strict';
/* global document, MutationObserver -- these functions run in the page */

// Records what a user would see go wrong while the test drives the editor: uncaught page errors,
// console errors, failed loads of our icons, and every toast n8n shows (caught in the page by a
// MutationObserver, since toasts vanish on their own; kept in sessionStorage across navigations).

const PACKAGE_PATTERN = /n8n-nodes-kyc|ekyc|iluma|widekyc|clova|argos/i;

function recordToasts() {
	const seen = new WeakSet();
	const scan = () => {
		for (const toast of document.querySelectorAll('.el-notification')) {
			if (seen.has(toast)) continue;
			seen.add(toast);
			const type = toast.querySelector('.el-notification__icon')?.className || toast.className;
			const toasts = JSON.parse(sessionStorage.getItem('kycToasts') || '[]');
			toasts.push({
				type: /error|danger/i.test(type) ? 'error' : /warning/i.test(type) ? 'warning' : 'info',
				text: (toast.innerText || '').replace(/\s+/g, ' ').trim(),
			});
			sessionStorage.setItem('kycToasts', JSON.stringify(toasts));
		}
	};
	new MutationObserver(scan).observe(document, { childList: true, subtree: true });
}

function watchPage(page) {
	const events = { pageErrors: [], consoleErrors: [], iconFailures: [] };
	page.on('pageerror', (error) => events.pageErrors.push(String(error.stack || error)));
	page.on('console', (message) => {
		// "Failed to load resource" names its URL only in the location.
		const where = message.location()?.url;
		if (message.type() === 'error') {
			events.consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
		}
	});
	page.on('response', (response) => {
		if (response.url().includes('/icons/n8n-nodes-kyc/') && response.status() >= 400) {
			events.iconFailures.push(`${response.status()} ${response.url()}`);
		}
	});
	page.on('requestfailed', (request) => {
		if (request.url().includes('/icons/n8n-nodes-kyc/')) {
			events.iconFailures.push(`${request.failure()?.errorText} ${request.url()}`);
		}
	});
	return {
		events,
		toasts: () =>
			page.evaluate(() => JSON.parse(sessionStorage.getItem('kycToasts') || '[]')).catch(() => []),
	};
}

/**
 * Console errors that are known not to be a fault of the package: loads from hosts other than the
 * n8n under test (this machine is offline; the editor looks the package up on the npm registry), and
 * n8n's optional output-schema preview (`/schemas/<node type>/<version>/<resource>/<operation>.json`),
 * which the package does not ship, so n8n answers 404 and shows no preview.
 */
function isKnownNoise(text, baseUrl) {
	const where = /\((https?:\/\/[^)\s]+)\)$/.exec(text)?.[1];
	if (!where) return false;
	if (new URL(where).origin !== new URL(baseUrl).origin) return true;
	return /404/.test(text) && new URL(where).pathname.startsWith('/schemas/n8n-nodes-kyc.');
}

/**
 * Problems a user would see: error toasts, uncaught errors, console errors naming our package (but
 * for the known noise above) and failed icon loads. Other console errors are returned as `noise`
 * (n8n logs unreachable n8n.io services on this offline machine).
 */
async function problems(watcher, baseUrl) {
	const { events } = watcher;
	const toasts = await watcher.toasts();
	const ours = (text) => PACKAGE_PATTERN.test(text) && !isKnownNoise(text, baseUrl);
	return {
		errors: [
			...toasts.filter((t) => t.type === 'error').map((t) => `error toast: ${t.text}`),
			...toasts
				.filter((t) => t.type !== 'error' && PACKAGE_PATTERN.test(t.text))
				.map((t) => `${t.type} toast about our package: ${t.text}`),
			...events.pageErrors.map((e) => `uncaught page error: ${e}`),
			...events.consoleErrors.filter(ours).map((text) => `console error: ${text}`),
			...events.iconFailures.map((text) => `icon failed to load: ${text}`),
		],
		noise: events.consoleErrors.filter((text) => !ours(text)),
		schemaMisses: events.consoleErrors.filter((text) => /\/schemas\/n8n-nodes-kyc\./.test(text))
			.length,
		toasts,
	};
}

module.exports = { recordToasts, watchPage, problems };
