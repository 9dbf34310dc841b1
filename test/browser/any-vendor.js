'use strict';
/* global document -- these functions run in the page */

// The KYC (Any Vendor) node's panel in the editor: its Vendors multi-select shows the picked vendors
// in order, each picked vendor brings its credential selector (and only those), and vendors picked
// by clicking are saved in the order clicked (the order Failover tries them).

const assert = require('node:assert/strict');

const catalog = require('./catalog');
const ui = require('./editor');
const { poll } = require('../poll');

const VENDORS = 'vendors';
const vendorsInput = (page) => page.getByTestId('ndv').getByTestId(`parameter-input-${VENDORS}`);

/** The vendors the Vendors multi-select shows as picked, by their shown names, in order. */
async function pickedVendors(page) {
	const tags = await vendorsInput(page).locator('.el-tag').allInnerTexts();
	return tags.map((text) => text.trim()).filter(Boolean);
}

/** The NDV's credential rows in order: { label, shown } (the label and the selector's text). */
async function credentialRows(page) {
	return await page.getByTestId('ndv').evaluate((ndv) =>
		[...ndv.querySelectorAll('[data-test-id="node-credentials-select"]')].map((select) => {
			let row = select.parentElement;
			while (row && row !== ndv && !row.querySelector('[data-test-id="credentials-label"]'))
				row = row.parentElement;
			const label = row?.querySelector('[data-test-id="credentials-label"]');
			const shown = `${select.textContent} ${[...select.querySelectorAll('input')].map((input) => input.value).join(' ')}`;
			return {
				label: (label?.textContent ?? '').replace(/\s+/g, ' ').trim(),
				shown: shown.replace(/\s+/g, ' ').trim(),
			};
		}),
	);
}

const displayNameOf = (type) => catalog.credentials().find((c) => c.name === type).displayName;

/**
 * Picks a credential in every credential selector the editor left empty (it fills in one on its own
 * when the node is added; a user picks the others), as a user does: the selector's first
 * credential (each selector lists only credentials of its type).
 */
async function fillCredentials(page, credentialTypes, credentialNames) {
	const selects = page.getByTestId('ndv').getByTestId('node-credentials-select');
	const items = page.locator(
		'[data-test-id^="node-credentials-select-item-"]:visible:not([data-test-id$="-new"]):not([data-test-id$="-n8n-credits"])',
	);
	const rows = await credentialRows(page);
	for (const [index, type] of credentialTypes.entries()) {
		if (credentialNames(type).some((name) => rows[index]?.shown.includes(name))) continue;
		// A click that lands while the selector is still settling does not open it: try again.
		for (let tries = 0; tries < 3 && (await items.count()) === 0; tries++) {
			await selects.nth(index).click();
			await items
				.first()
				.waitFor({ timeout: 5000 })
				.catch(() => {});
		}
		await items.first().click();
	}
}

/**
 * The panel shows the picked vendors (names, in order) and exactly their credentials, labelled for
 * them, in the node's order; each selector ends up with one of the imported credentials of its type.
 */
async function checkVendorsShown(page, { names, credentialTypes, credentialNames }) {
	const tags = await poll(() => pickedVendors(page), {
		what: `the Vendors field to show ${JSON.stringify(names)}`,
		until: (shown) => JSON.stringify(shown) === JSON.stringify(names),
	});
	const labelled = (shown) =>
		shown.length === credentialTypes.length &&
		credentialTypes.every((type, index) => shown[index].label.includes(displayNameOf(type)));
	await poll(() => credentialRows(page), {
		what: `one credential selector per picked vendor, labelled for ${credentialTypes.map(displayNameOf).join(', ')}`,
		until: labelled,
	});
	await fillCredentials(page, credentialTypes, credentialNames);
	const rows = await poll(() => credentialRows(page), {
		what: `each credential selector (${credentialTypes.join(', ')}) to show a credential of its type`,
		until: (shown) =>
			labelled(shown) &&
			credentialTypes.every((type, index) =>
				credentialNames(type).some((name) => shown[index].shown.includes(name)),
			),
	});
	return { tags, rows };
}

/** The credential types of vendors (values), as the node orders its credentials. */
const credentialTypesOf = (node, vendors) =>
	catalog.visibleCredentials(node.description, { [VENDORS]: vendors });

/** The open panel, as added: the check's default vendors picked, two credentials. */
async function checkDefaultVendors(page, node, credentialNames) {
	const field = catalog.multiOptions(node.description, VENDORS, {});
	const nameOf = (value) => field.options.find((option) => option.value === value).name;
	const names = field.default.map(nameOf);
	assert.equal(names.length, 2, `default vendors ${JSON.stringify(field.default)}`);
	const { rows } = await checkVendorsShown(page, {
		names,
		credentialTypes: credentialTypesOf(node, field.default),
		credentialNames,
	});
	return `Vendors shows ${names.join(', ')}; credentials: ${rows.map((row) => row.label).join('; ')}`;
}

/** Closes the open dropdown by clicking the panel's parameter list beside it (Escape would close the NDV). */
async function closeDropdown(page) {
	await page.getByTestId('node-parameters').click({ position: { x: 4, y: 4 } });
	await page
		.locator('.el-select-dropdown:visible')
		.waitFor({ state: 'hidden', timeout: ui.UI_TIMEOUT });
}

/**
 * In the open panel: removes every picked vendor, then picks `clicks` (option values) one by one in
 * the dropdown; the field and the credential selectors follow. Returns the names shown.
 */
async function pickVendors(page, node, clicks, credentialNames) {
	const field = catalog.multiOptions(node.description, VENDORS, {});
	const nameOf = (value) => field.options.find((option) => option.value === value).name;
	const input = vendorsInput(page);
	while ((await input.locator('.el-tag .el-tag__close').count()) > 0) {
		const before = await input.locator('.el-tag').count();
		await input.locator('.el-tag .el-tag__close').first().click();
		await poll(() => input.locator('.el-tag').count(), {
			what: 'a picked vendor to go after its ✕ was clicked',
			until: (count) => count < before,
		});
	}
	for (const value of clicks) {
		if (!(await page.locator('.el-select-dropdown:visible').count()))
			await input.locator('.el-select').first().click();
		const option = page
			.locator('.el-select-dropdown:visible .el-select-dropdown__item')
			.filter({ has: page.getByText(nameOf(value), { exact: true }) });
		await option.first().click();
	}
	await closeDropdown(page);
	const names = clicks.map(nameOf);
	await checkVendorsShown(page, {
		names,
		credentialTypes: credentialTypesOf(node, clicks),
		credentialNames,
	});
	return names;
}

/** Saves the workflow open in the editor and returns its id (from the URL once saved). */
async function saveWorkflow(page) {
	const button = page.getByTestId('workflow-save-button');
	if ((await button.count()) && (await button.isEnabled())) await button.click();
	else await page.keyboard.press('Control+s');
	await page.waitForURL((url) => /\/workflow\/(?!new)[^/?#]+/.test(url.pathname), {
		timeout: ui.UI_TIMEOUT,
	});
	return /\/workflow\/([^/?#]+)/.exec(new URL(page.url()).pathname)[1];
}

/** The `vendors` parameter of the node named `nodeName` in a workflow as n8n stored it. */
async function storedVendors(rest, workflowId, nodeName) {
	const { nodes } = (await rest.get(`/rest/workflows/${workflowId}`)).data;
	return nodes.find((node) => node.name === nodeName)?.parameters?.[VENDORS];
}

/** Waits until n8n has stored `expected` as the node's vendors (saving is asynchronous). */
async function waitForStoredVendors(rest, workflowId, nodeName, expected) {
	return await poll(() => storedVendors(rest, workflowId, nodeName), {
		what: `workflow ${workflowId} to store "${nodeName}" with vendors ${JSON.stringify(expected)}`,
		until: (stored) => JSON.stringify(stored) === JSON.stringify(expected),
	});
}

/** Whether the page shows the panel of the node named `nodeName` (used after reopening it). */
async function openNode(page, nodeName) {
	await page
		.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName.replace(/"/g, '\\"')}"]`)
		.dblclick();
	await page.getByTestId('ndv').waitFor({ timeout: ui.UI_TIMEOUT });
	await page.waitForFunction(
		() => document.querySelector('[data-test-id="node-parameters"]') !== null,
		null,
		{ timeout: ui.UI_TIMEOUT },
	);
}

module.exports = {
	checkDefaultVendors,
	pickVendors,
	pickedVendors,
	credentialRows,
	saveWorkflow,
	storedVendors,
	waitForStoredVendors,
	openNode,
};
