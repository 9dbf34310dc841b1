'use strict';
/* global document -- these functions run in the page */

// The package in a real browser, as a user meets it (`npm run test:browser`; build first): Debian's
// Chromium (installed with apt-get when missing) driven by playwright-core against a real n8n with
// the vendor sandbox. The owner signs up through n8n's setup page; then, for each of our nodes, a new
// workflow: the node is found in the nodes panel by "KYC" and by its vendor name, every action (or
// the trigger) is added from there and its parameter panel checked and photographed, the canvas is
// checked in light and dark theme, and the node's credential opens as "Create new credential" with
// our fields and help text. Screenshots go to test/browser/artifacts/ (KYC_BROWSER_DOCS=1 also
// refreshes the README's two in docs/screenshots/). Ends with "N passed, N failed"; non-zero on failure.
// `--repeat N` (or KYC_REPEAT=N) runs the whole test N times, each with a fresh n8n and browser.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const e2e = require('../e2e/n8n');
const { startSandbox } = require('../sandbox');
const suites = require('../e2e/suites');
const catalog = require('./catalog');
const { ensureChromium, launch } = require('./chromium');
const ui = require('./editor');
const { recordToasts, watchPage, problems } = require('./watch');
const { checkPanel, checkIssues, checkCredentialDialog } = require('./checks');
const anyVendor = require('./any-vendor');
const { testRun, repeatIfAsked } = require('../testRun');
const { poll } = require('../poll');

const ARTIFACTS = path.join(__dirname, 'artifacts');
const DOCS_SCREENSHOTS = path.join(catalog.PACKAGE_ROOT, 'docs', 'screenshots');
/** artifact file -> README screenshot, copied when KYC_BROWSER_DOCS=1 */
const README_SHOTS = {
	'iluma-bank-account-validate-name.png': 'iluma-bank-name-validation.png',
	'ekycpro-id-card-recognize.png': 'ekycpro-id-card-ocr.png',
};

const { check, run, seconds } = testRun();
const resources = { sandbox: null, n8n: null, browser: null, userFolder: null, credentials: [] };
/** The names of the imported credentials of a type: the editor picks one of them for a new node. */
const credentialNames = (type) =>
	resources.credentials.filter((credential) => credential.type === type).map((c) => c.name);
const shots = [];

const slug = (text) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

async function screenshot(page, name) {
	const file = path.join(ARTIFACTS, `${slug(name)}.png`);
	await page.screenshot({ path: file });
	shots.push(file);
	return file;
}

function report(failed) {
	if (failed && resources.n8n) {
		console.log(`\n--- last lines of ${resources.n8n.logFile} ---\n${resources.n8n.tail(40)}\n---`);
	}
	if (resources.userFolder) {
		if (failed || process.env.KYC_E2E_KEEP === '1') {
			console.log(`n8n user folder kept: ${resources.userFolder}`);
		} else fs.rmSync(resources.userFolder, { recursive: true, force: true });
	}
	if (shots.length) console.log(`\n${shots.length} screenshots in ${ARTIFACTS}`);
}

/** Leaves whatever dialog or panel a failed step left open (Escape until none is). */
async function escapeAll(page) {
	const open = page.locator(
		'[data-test-id="ndv"]:visible, [data-test-id="node-creator"]:visible, .el-dialog:visible, .el-message-box:visible',
	);
	const escapeOnce = async () => {
		const count = await open.count();
		if (count) await page.keyboard.press('Escape');
		return count;
	};
	await poll(escapeOnce, {
		what: 'every dialog and panel closed after a failed step',
		until: (count) => count === 0,
		timeoutMs: 5000,
		intervalMs: 200,
	}).catch(() => {});
}

/** Opens the nodes panel and the vendor's entry in it. */
async function openVendor(page, node) {
	await ui.openNodeCreator(page);
	const entry = await ui.searchNodes(page, node.vendor, node.vendor);
	await entry.first().click();
	await page.getByTestId('node-creator-category-item').first().waitFor();
}

/** One node type in its own new workflow: nodes panel, every panel, credential, canvas in both themes. */
async function exerciseNode(page, node, credentialsSeen) {
	const label = node.displayName;
	const iconFile = (theme) => node.icon[theme].replace(/^file:/, '');
	let ready = await check(
		`${label}: found in the nodes panel by "KYC" and by "${node.vendor}", with its icon`,
		async () => {
			await ui.newWorkflow(page, resources.n8n.url);
			await ui.openNodeCreator(page);
			for (const query of ['KYC', node.vendor]) {
				const entry = await ui.searchNodes(page, query, node.vendor);
				const icons = await ui.loadedIcons(page, entry.first());
				assert.ok(icons.length > 0, `no icon of ours on the "${node.vendor}" entry`);
				for (const icon of icons) {
					assert.ok(icon.src.endsWith(`/${iconFile('light')}`), `entry icon is ${icon.src}`);
					assert.ok(icon.naturalWidth > 0, `entry icon ${icon.src} did not render`);
				}
			}
			await screenshot(page, `${node.name} nodes panel`);
			// No actions: its entry adds the node at once (the panel visit below does).
			if (node.single) return 'an entry without actions: picking it adds the node';
			const entry = await ui.searchNodes(page, node.vendor, node.vendor);
			await entry.first().click();
			// The entry draws its category headers one after another: wait for ours and its count.
			const [category, count] = node.trigger
				? ['Triggers', node.events.length]
				: ['Actions', node.actions.length];
			const categories = await poll(() => ui.creatorCategories(page), {
				what: `the "${node.vendor}" entry to list ${category} (${count})`,
				until: (listed) => listed[category] === count,
			});
			return `entry lists ${JSON.stringify(categories)}`;
		},
	);

	const visits = node.single
		? [{ ...node.singlePanel, action: 'added from the nodes panel', file: 'panel' }]
		: node.trigger
			? // The nodes panel lists one trigger entry per event ("On all events", "On approved", …).
				node.events.map((event) => ({
					...node.triggerPanel,
					title: `Events: ${event.name}`,
					event,
					// n8n writes "Submitted (Pending)" as "On submitted pending".
					action: `On ${event.name
						.toLowerCase()
						.replace(/[^a-z0-9 ]/g, '')
						.replace(/\s+/g, ' ')}`,
					file: `trigger ${event.value === '*' ? 'all' : event.value}`,
				}))
			: node.actions.map((action) => ({
					...action,
					file: `${action.resource.name} ${action.operation.name}`,
				}));
	let nodeName;
	for (const [index, visit] of visits.entries()) {
		if (!ready) break;
		ready = await check(`${label}: ${visit.action} → panel (${visit.title})`, async () => {
			try {
				let note;
				if (node.single) await ui.addNode(page, node.vendor);
				else {
					if (index > 0) await openVendor(page, node);
					await ui.pickAction(page, node.trigger ? 'Triggers' : 'Actions', visit.action);
				}
				nodeName = await ui.ndvNodeName(page);
				await checkPanel(page, node, visit, iconFile('light'));
				// KYC (Any Vendor) shows one credential selector per picked vendor.
				if (node.name === 'kycAnyVendor')
					note = await anyVendor.checkDefaultVendors(page, node, credentialNames);
				else
					for (const shown of visit.credentials)
						await ui.waitForSelectedCredential(page, credentialNames(shown));
				const credential = node.single ? undefined : node.credentials[0];
				await screenshot(page, `${node.name} ${visit.file}`);
				if (node.name === 'ekycPro' && visit.values.resource === 'idCard') {
					await checkDocumentTypes(page, node, visit);
				}
				if (!node.trigger && credential && !credentialsSeen.has(credential)) {
					await checkCredentialDialog(page, credential, (name) => screenshot(page, name));
					credentialsSeen.add(credential);
				}
				await ui.closeNdv(page);
				await checkIssues(page, nodeName, visit);
				return note;
			} catch (error) {
				await screenshot(page, `FAILED ${node.name} ${visit.file}`).catch(() => {});
				await escapeAll(page);
				throw error;
			}
		});
	}
	if (!ready) return;

	if (node.name === 'kycAnyVendor')
		await check(
			`${label}: vendors picked by clicking (WideKYC, then ekycpro) are shown, given their credentials and saved in the order clicked`,
			async () => {
				try {
					return await checkVendorOrder(page, node, nodeName);
				} catch (error) {
					await screenshot(page, `FAILED ${node.name} vendor order`).catch(() => {});
					await escapeAll(page);
					throw error;
				}
			},
		);

	await check(`${label}: canvas icons render in light and dark theme`, async () => {
		await ui.tidyCanvas(page);
		const canvas = page.getByTestId('canvas');
		for (const theme of ['light', 'dark']) {
			await page.emulateMedia({ colorScheme: theme });
			await page.waitForFunction(
				({ file }) =>
					[...document.querySelectorAll('[data-test-id="canvas"] img')].some((img) =>
						img.getAttribute('src')?.endsWith(`/${file}`),
					),
				{ file: iconFile(theme) },
			);
			const icons = await ui.loadedIcons(page, canvas);
			assert.equal(icons.length, visits.length, `one icon per node of ours (${theme})`);
			for (const icon of icons) {
				assert.ok(icon.src.endsWith(`/${iconFile(theme)}`), `${theme} canvas icon is ${icon.src}`);
				assert.ok(icon.naturalWidth > 0, `${theme} canvas icon ${icon.src} did not render`);
			}
			await screenshot(page, `${node.name} canvas ${theme}`);
		}
		await page.emulateMedia({ colorScheme: 'light' });
	});
}

/**
 * KYC (Any Vendor): in the node's panel every picked vendor is removed, then WideKYC and ekycpro are
 * clicked in that order (the reverse of the dropdown's); the field and the credential selectors
 * follow, the saved workflow stores `vendors` in the order clicked, and reopening shows it so.
 */
async function checkVendorOrder(page, node, nodeName) {
	const clicks = ['wideKyc', 'ekycPro'];
	await anyVendor.openNode(page, nodeName);
	const names = await anyVendor.pickVendors(page, node, clicks, credentialNames);
	await screenshot(page, `${node.name} vendors picked in order`);
	await ui.closeNdv(page);
	const workflowId = await anyVendor.saveWorkflow(page);
	const rest = await e2e.login(resources.n8n.url, e2e.OWNER);
	await anyVendor.waitForStoredVendors(rest, workflowId, nodeName, clicks);
	await page.reload();
	await page.getByTestId('canvas').waitFor({ timeout: ui.UI_TIMEOUT });
	await anyVendor.openNode(page, nodeName);
	const shown = await poll(() => anyVendor.pickedVendors(page), {
		what: `the reopened panel to show the vendors ${JSON.stringify(names)}`,
		until: (picked) => JSON.stringify(picked) === JSON.stringify(names),
	});
	await ui.closeNdv(page);
	return `clicked ${names.join(', ')}; stored vendors ${JSON.stringify(clicks)} in workflow ${workflowId}; reopened: ${shown.join(', ')}`;
}

/** ekycpro's ID-card OCR: every Document Type value, each one a panel visit with its screenshot. */
async function checkDocumentTypes(page, node, visit) {
	const documentType = visit.parameters.find((p) => p.name === 'document');
	for (const option of documentType.options) {
		await ui.chooseOption(page, 'document', option.name);
		const values = { ...visit.values, document: option.value };
		await checkPanel(
			page,
			node,
			{ ...visit, values, parameters: catalog.visibleParameters(node.description, values) },
			node.icon.light.replace(/^file:/, ''),
		);
		await screenshot(page, `${node.name} id card document ${option.value}`);
	}
	await ui.chooseOption(page, 'document', documentType.options[0].name);
}

async function main() {
	console.log('browser: n8n-nodes-kyc in n8n, in Chromium, as a user meets it');
	e2e.checkBuilt();
	ensureChromium(); // before n8n: a missing browser fails the stage at once
	fs.rmSync(ARTIFACTS, { recursive: true, force: true });
	fs.mkdirSync(ARTIFACTS, { recursive: true });

	const installFolder = e2e.installN8n();
	resources.sandbox = await startSandbox({ port: 0 });
	resources.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kyc-browser-'));
	// The e2e suites' credentials (pointing at the sandbox), so that new nodes pick one up; the owner
	// is not set up here: the browser signs up.
	resources.n8n = await e2e.startN8n({
		installFolder,
		userFolder: resources.userFolder,
		credentials: (resources.credentials = suites.flatMap((suite) =>
			suite.credentials(resources.sandbox),
		)),
	});
	console.log(`  n8n: ${resources.n8n.url} (up after ${seconds()}), log ${resources.n8n.logFile}`);

	resources.browser = await launch();
	const { context } = resources.browser;
	await context.addInitScript(recordToasts);
	const page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(ui.UI_TIMEOUT);
	const watcher = watchPage(page);

	const signedUp = await check('the owner signs up on n8n’s setup page', async () => {
		await ui.signUpOwner(page, resources.n8n.url, e2e.OWNER);
		await page.getByTestId('main-sidebar-settings').waitFor();
		// The account the browser created logs in with the password typed there.
		const rest = await e2e.login(resources.n8n.url, e2e.OWNER);
		assert.equal((await rest.get('/rest/login')).data.email, e2e.OWNER.email);
		return `landed on ${new URL(page.url()).pathname}`;
	});
	if (!signedUp) return;

	// KYC_BROWSER_NODES=iluma,ekyc (a development aid) keeps only the node types whose names contain one.
	const only = (process.env.KYC_BROWSER_NODES || '').toLowerCase().split(',').filter(Boolean);
	const nodes = catalog
		.nodes()
		.filter((node) => !only.length || only.some((word) => node.name.toLowerCase().includes(word)));
	const credentialsSeen = new Set();
	for (const node of nodes) await exerciseNode(page, node, credentialsSeen);

	await check('every credential type’s "Create new credential" dialog was checked', async () => {
		// A node without actions (KYC (Any Vendor)) uses the vendor nodes' credentials, checked there.
		const expected = new Set(
			nodes.filter((n) => !n.trigger && !n.single).flatMap((n) => n.credentials),
		);
		assert.deepEqual([...credentialsSeen].sort(), [...expected].sort());
	});

	await check(
		'no error toast, uncaught page error, console error about our package or failed icon',
		async () => {
			const seen = await problems(watcher, resources.n8n.url);
			assert.deepEqual(seen.errors, []);
			const samples = [...new Set(seen.noise.map((text) => text.slice(0, 160)))].slice(0, 3);
			return (
				`${seen.toasts.length} toasts (${seen.toasts.map((t) => `${t.type}: ${String(t.text).slice(0, 120)}`).join('; ') || 'none'}); ` +
				`${seen.noise.length} other console errors (${seen.schemaMisses} of them n8n's optional ` +
				`output-schema previews, which the package does not ship), e.g. ${JSON.stringify(samples)}`
			);
		},
	);

	if (process.env.KYC_BROWSER_DOCS === '1') {
		fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
		for (const [from, to] of Object.entries(README_SHOTS)) {
			fs.copyFileSync(path.join(ARTIFACTS, from), path.join(DOCS_SCREENSHOTS, to));
			console.log(`  README screenshot: docs/screenshots/${to}`);
		}
	}
}

if (!repeatIfAsked(__filename))
	run(main, {
		what: 'chromium, n8n and the sandbox',
		stop: async () => {
			await resources.browser?.close();
			await Promise.allSettled([resources.n8n?.stop(), resources.sandbox?.close()]);
		},
		report,
	});
