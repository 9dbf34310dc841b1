'use strict';
/* global document -- these functions run in the page */

// The steps a user takes in n8n 2.41's editor, by its data-test-id attributes: owner sign-up, a new
// workflow, the nodes panel (node creator), the node details view (NDV), the canvas and the
// credential dialog.

const { poll } = require('../poll');

const UI_TIMEOUT = 30_000;

async function signUpOwner(page, baseUrl, owner) {
	await page.goto(baseUrl);
	await page.waitForURL(/\/setup/, { timeout: UI_TIMEOUT });
	await page.getByTestId('email').locator('input').fill(owner.email);
	await page.getByTestId('firstName').locator('input').fill(owner.firstName);
	await page.getByTestId('lastName').locator('input').fill(owner.lastName);
	await page.getByTestId('password').locator('input').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/setup'), { timeout: UI_TIMEOUT });
}

async function newWorkflow(page, baseUrl) {
	await page.goto(`${baseUrl}/workflow/new`);
	await page.getByTestId('canvas-add-button').waitFor({ timeout: UI_TIMEOUT });
}

async function openNodeCreator(page) {
	const first = page.getByTestId('canvas-plus-button');
	if (await first.isVisible()) await first.click();
	else await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator').waitFor({ timeout: UI_TIMEOUT });
}

const creatorItems = (page) => page.getByTestId('node-creator').getByTestId('item-iterator-item');

/** Types into the nodes panel's search and returns the entry named `name` (waits for it). */
async function searchNodes(page, text, name) {
	await page.getByTestId('node-creator-search-bar').fill(text);
	const entry = creatorItems(page).filter({
		has: page.getByTestId('node-creator-item-name').getByText(name, { exact: true }),
	});
	await entry.first().waitFor({ timeout: UI_TIMEOUT });
	return entry;
}

/** The category headers of the open vendor entry, e.g. { Actions: 18, Triggers: 6 }. */
async function creatorCategories(page) {
	const texts = await page.getByTestId('node-creator-category-item').allInnerTexts();
	return Object.fromEntries(
		texts
			.map((text) => /^\s*(.+?)\s*\((\d+)\)/.exec(text))
			.filter(Boolean)
			.map(([, name, count]) => [name, Number(count)]),
	);
}

/**
 * Picks an action or trigger in the open vendor entry (opening its category first when it is
 * collapsed); the NDV opens. The entry renders its categories a moment after it opens: a header
 * clicked because its item was not drawn yet would collapse an open category, so the header is only
 * clicked when its chevron says it is collapsed.
 */
async function pickAction(page, category, actionName) {
	const item = creatorItems(page)
		.filter({
			has: page.getByTestId('node-creator-item-name').getByText(actionName, { exact: true }),
		})
		.first();
	const header = page.getByTestId('node-creator-category-item').filter({ hasText: category });
	const shown = async () => {
		if (await item.isVisible()) return true;
		if ((await header.locator('[data-icon="chevron-up"]').count()) === 0)
			return `"${actionName}" not drawn; "${category}" not collapsed`;
		await header.click();
		await header
			.locator('[data-icon="chevron-down"]')
			.waitFor({ timeout: 5000 })
			.catch(() => {});
		return `"${category}" was collapsed: opened it`;
	};
	await poll(shown, {
		what: `"${actionName}" shown under "${category}" in the nodes panel`,
		until: (value) => value === true,
		timeoutMs: UI_TIMEOUT,
		intervalMs: 300,
	});
	await item.click();
	await page.getByTestId('ndv').waitFor({ timeout: UI_TIMEOUT });
	await page.getByTestId('node-parameters').waitFor({ timeout: UI_TIMEOUT });
}

/**
 * Adds a node that has no actions (KYC (Any Vendor)) from the nodes panel: its entry, found by
 * `name`, opens the node's details in the panel (n8n 2.41, for an installed community node), whose
 * "Add to workflow" adds it; the NDV opens.
 */
async function addNode(page, name) {
	await openNodeCreator(page);
	const entry = await searchNodes(page, name, name);
	await entry.first().click();
	await page
		.getByTestId('node-creator')
		.getByText('Add to workflow', { exact: true })
		.click({ timeout: UI_TIMEOUT });
	await page.getByTestId('ndv').waitFor({ timeout: UI_TIMEOUT });
	await page.getByTestId('node-parameters').waitFor({ timeout: UI_TIMEOUT });
}

async function ndvNodeName(page) {
	return (
		await page.getByTestId('ndv').getByTestId('inline-edit-preview').first().innerText()
	).trim();
}

/**
 * Waits until the NDV's credential selector shows one of `names`: the editor selects an existing
 * credential for a new node on its own, a moment after the NDV opens; closed before that, the node
 * keeps "Credentials for … are not set".
 */
async function waitForSelectedCredential(page, names) {
	const select = page.getByTestId('ndv').getByTestId('node-credentials-select').first();
	const shown = () =>
		select.evaluate(
			(element) =>
				`${element.textContent} ${[...element.querySelectorAll('input')].map((input) => input.value).join(' ')}`
					.replace(/\s+/g, ' ')
					.trim(),
			null,
			{ timeout: 2000 },
		);
	return await poll(shown, {
		what: `the NDV's credential selector to show one of ${names.map((name) => `"${name}"`).join(', ')} (selected by the editor)`,
		until: (text) => names.some((name) => text.includes(name)),
		intervalMs: 300,
	});
}

async function closeNdv(page) {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** The value shown by an options parameter in the NDV. */
async function optionValue(page, parameterName) {
	return await page
		.getByTestId(`parameter-input-${parameterName}`)
		.locator('input')
		.first()
		.inputValue();
}

/** Chooses an option of an options parameter in the NDV by its display name. */
async function chooseOption(page, parameterName, optionName) {
	await page.getByTestId(`parameter-input-${parameterName}`).click();
	const option = page
		.locator('.el-select-dropdown__item:visible')
		.filter({ hasText: optionName })
		.filter({ has: page.getByText(optionName, { exact: true }) });
	await option.first().click();
	await page.waitForFunction(
		({ name, expected }) =>
			document.querySelector(`[data-test-id="parameter-input-${name}"] input`)?.value === expected,
		{ name: parameterName, expected: optionName },
		{ timeout: UI_TIMEOUT },
	);
}

/** The labels of the NDV's parameter rows, and the panel's whole text. */
async function ndvParameters(page) {
	const parameters = page.getByTestId('node-parameters');
	const labels = await parameters.getByTestId('input-label').allInnerTexts();
	return {
		labels: labels.map((text) =>
			text
				.split('\n')[0]
				.replace(/\s*\*$/, '')
				.trim(),
		),
		text: await parameters.innerText(),
	};
}

/** Our icons in `scope`: src and natural size of each <img> served from the package. */
async function packageIcons(locator) {
	return await locator.evaluate((root) =>
		[...root.querySelectorAll('img')]
			.filter((img) => img.getAttribute('src')?.includes('/icons/n8n-nodes-kyc/'))
			.map((img) => ({
				src: img.getAttribute('src'),
				complete: img.complete,
				naturalWidth: img.naturalWidth,
			})),
	);
}

/** Waits until every one of our icons in `locator` has finished loading, and returns them. */
async function loadedIcons(page, locator) {
	await locator.evaluate(
		(root) =>
			Promise.all(
				[...root.querySelectorAll('img')]
					.filter((img) => !img.complete)
					.map(
						(img) =>
							new Promise((resolve) => img.addEventListener('load', resolve, { once: true })),
					),
			),
		null,
		{ timeout: UI_TIMEOUT },
	);
	return await packageIcons(locator);
}

/** The issues n8n lists in the tooltip of a canvas node's warning sign ([] when it has none). */
async function canvasNodeIssues(page, nodeName) {
	const node = page.locator(
		`[data-test-id="canvas-node"][data-node-name="${nodeName.replace(/"/g, '\\"')}"]`,
	);
	await node.waitFor({ timeout: UI_TIMEOUT });
	const sign = node.getByTestId('node-issues');
	if ((await sign.count()) === 0) return [];
	await sign.hover();
	const tooltip = page.getByTestId('tooltip-content').filter({ hasText: 'Issues' }).last();
	await tooltip.waitFor({ timeout: UI_TIMEOUT });
	const issues = await tooltip.locator('li').allInnerTexts();
	await page.mouse.move(5, 5);
	await tooltip.waitFor({ state: 'hidden', timeout: UI_TIMEOUT }).catch(() => {});
	return issues.map((text) => text.trim());
}

/** "Tidy up" (the nodes added one after another overlap) and zoom to fit. */
async function tidyCanvas(page) {
	await page.getByTestId('tidy-up-button').click();
	await page.getByTestId('zoom-to-fit').click();
	// The canvas animates the zoom: wait until its viewport has stopped moving.
	const transform = () =>
		page.evaluate(
			() =>
				document.querySelector('.vue-flow__transformationpane')?.style.transform ??
				'no canvas pane',
		);
	let previous;
	await poll(transform, {
		what: 'the canvas to finish its zoom-to-fit animation (its transform unchanged between reads)',
		until: (value) => {
			const still = value === previous;
			previous = value;
			return still;
		},
		intervalMs: 150,
		timeoutMs: 5000,
	});
}

/** Opens "Create new credential" from the NDV's credential selector; returns the dialog. */
async function openNewCredential(page) {
	await page.getByTestId('node-credentials-select').click();
	await page.getByTestId('node-credentials-select-item-new').click();
	const dialog = page.getByTestId('editCredential-modal');
	await dialog
		.getByTestId('credential-connection-parameter')
		.first()
		.waitFor({ timeout: UI_TIMEOUT });
	return dialog;
}

/** The help text of a credential field: hover its label, then its "?" sign, read the tooltip. */
async function credentialFieldHelp(page, dialog, fieldName) {
	const field = dialog.getByTestId(fieldName);
	await field.locator('label').first().hover();
	const sign = field.locator('label [data-icon="circle-help"]');
	if ((await sign.count()) === 0) return undefined;
	await sign.first().hover();
	const tooltip = page.getByTestId('tooltip-content').last();
	await tooltip.waitFor({ timeout: UI_TIMEOUT });
	const text = (await tooltip.innerText()).trim();
	await page.mouse.move(5, 5);
	return text;
}

async function closeCredentialDialog(page) {
	const dialog = page.getByTestId('editCredential-modal');
	// Its own close button: Escape would close the NDV behind it too.
	await page.locator('.el-dialog__headerbtn:visible').last().click();
	// An untouched new credential closes at once; n8n may still ask before discarding it.
	const confirm = page
		.locator('.el-message-box__btns button')
		.filter({ hasText: /close|leave|discard/i });
	await Promise.race([
		dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT }),
		confirm
			.first()
			.waitFor({ timeout: UI_TIMEOUT })
			.then(() => confirm.first().click()),
	]);
	await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

module.exports = {
	UI_TIMEOUT,
	signUpOwner,
	newWorkflow,
	openNodeCreator,
	searchNodes,
	creatorCategories,
	pickAction,
	addNode,
	ndvNodeName,
	closeNdv,
	waitForSelectedCredential,
	optionValue,
	chooseOption,
	ndvParameters,
	packageIcons,
	loadedIcons,
	canvasNodeIssues,
	tidyCanvas,
	openNewCredential,
	credentialFieldHelp,
	closeCredentialDialog,
};
