'use strict';

// What the browser test asserts about one parameter panel, a node's issues and a credential dialog,
// against the shipped descriptions (./catalog.js).

const assert = require('node:assert/strict');

const catalog = require('./catalog');
const ui = require('./editor');
const { poll } = require('../poll');

const plain = (html) =>
	String(html)
		.replace(/<[^>]+>/g, '')
		.replace(/\s+/g, ' ')
		.trim();

function assertIconsRendered(icons, iconFile, where) {
	assert.ok(icons.length > 0, `no icon of ours in the ${where}`);
	for (const icon of icons) {
		assert.ok(icon.src.endsWith(`/${iconFile}`), `${where} icon is ${icon.src}, not ${iconFile}`);
		assert.ok(icon.complete && icon.naturalWidth > 0, `${where} icon ${icon.src} did not render`);
	}
}

/** The open NDV shows this visit's resource/operation, every parameter n8n should show, our icon. */
async function checkPanel(page, node, visit, iconFile) {
	assertIconsRendered(await ui.loadedIcons(page, page.getByTestId('ndv')), iconFile, 'NDV');
	if (visit.event) {
		const events = await page.getByTestId('parameter-input-events').innerText();
		assert.equal(events.trim(), visit.event.name, 'Events shown');
	}
	if (visit.resource) {
		assert.equal(await ui.optionValue(page, 'resource'), visit.resource.name, 'Resource shown');
		assert.equal(await ui.optionValue(page, 'operation'), visit.operation.name, 'Operation shown');
	}
	const { labels, text } = await ui.ndvParameters(page);
	const panelText = plain(text);
	for (const parameter of visit.parameters) {
		if (parameter.type === 'notice') {
			const notice = plain(parameter.label).slice(0, 60);
			assert.ok(
				panelText.includes(notice),
				`notice "${notice}…" not shown; panel: ${panelText.slice(0, 400)}`,
			);
		} else {
			assert.ok(
				labels.includes(parameter.label),
				`parameter "${parameter.label}" not shown; labels: ${labels.join(', ')}`,
			);
		}
	}
}

/** The issues of a freshly added node other than the required values a user has yet to fill in. */
function unexpectedIssues(issues, visit) {
	const required = new Set(visit.parameters.filter((p) => p.required).map((p) => p.label));
	return issues.filter((issue) => {
		const match = /^Parameter "(.+)" is required\.$/.exec(issue);
		return !match || !required.has(match[1]);
	});
}

/**
 * A freshly added node may only miss the required values a user has yet to fill in. The editor
 * selects the node's credential (the only one of its type) on its own, a moment after the node is
 * added; until then the node also says "Credentials for … are not set": wait for that to go.
 */
async function checkIssues(page, nodeName, visit) {
	await poll(() => ui.canvasNodeIssues(page, nodeName), {
		what: `"${nodeName}" to show no issues but empty required fields (its credential selected by the editor)`,
		until: (issues) => unexpectedIssues(issues, visit).length === 0,
		show: (issues) => `node issues: ${issues.join(' | ') || 'none'}`,
		intervalMs: 500,
	});
}

/** "Create new credential" from the open NDV: our fields, required marks, help texts, placeholders. */
async function checkCredentialDialog(page, credentialName, screenshot) {
	const credential = catalog.credentials().find((c) => c.name === credentialName);
	const dialog = await ui.openNewCredential(page);
	try {
		assert.ok(
			(await dialog.innerText()).includes(credential.displayName),
			'credential type name shown',
		);
		const icons = await ui.loadedIcons(page, dialog);
		assert.ok(
			icons.length > 0 && icons.every((i) => i.naturalWidth > 0),
			'credential icon renders',
		);
		for (const field of credential.fields) {
			const row = dialog.getByTestId(field.name);
			await row.waitFor();
			const label = (await row.locator('label').first().innerText()).split('\n')[0].trim();
			assert.equal(label.replace(/\s*\*$/, ''), field.label, `label of ${field.name}`);
			assert.equal(label.endsWith('*'), field.required, `required mark of ${field.label}`);
			if (field.placeholder) {
				const placeholder = await row.locator('input').first().getAttribute('placeholder');
				assert.equal(placeholder, field.placeholder, `placeholder of ${field.label}`);
			}
			const help = await ui.credentialFieldHelp(page, dialog, field.name);
			assert.equal(
				plain(help ?? '(no help sign)'),
				plain(field.description),
				`help text of ${field.label}`,
			);
		}
		await screenshot(`credential ${credential.name}`);
	} finally {
		await ui.closeCredentialDialog(page);
	}
}

module.exports = { checkPanel, checkIssues, unexpectedIssues, checkCredentialDialog };
