'use strict';
/**
 * Options → Privacy masks every identifier the vendors' documents name (test/fixtures/seed-identifiers.js),
 * in every node and in both triggers: the vendor nodes' output as the core masks it (with each
 * vendor's own keys), KYC (Any Vendor)'s, and the Argos ID and Iluma Triggers' through n8n's engine.
 */
const { callWebhook } = require('../harness/webhook');
const { useSandbox } = require('../helpers');
const { maskSensitive } = require('../../nodes/shared/privacy');
const { ArgosIdTrigger } = require('../../nodes/ArgosId/ArgosIdTrigger.node');
const { IlumaTrigger } = require('../../nodes/Iluma/IlumaTrigger.node');
const identifiers = require('../fixtures/seed-identifiers');
const ilumaSamples = require('../fixtures/iluma-seed-samples');
const ilumaSandbox = require('../sandbox/vendors/iluma');

const VENDORS = {
	ekycpro: require('../../nodes/EkycPro/vendor').ekycPro,
	iluma: require('../../nodes/Iluma/vendor').iluma,
	clova: require('../../nodes/ClovaOcr/vendor').clovaOcr,
	argos: require('../../nodes/ArgosId/vendor').argosId,
	widekyc: require('../../nodes/WideKyc/vendor').wideKyc,
};
const all = Object.entries(identifiers).flatMap(([vendor, fields]) =>
	fields.map((entry) => ({ vendor, ...entry })),
);

/** An answer that carries the field as a key at the top, nested, in a list, and as a {name, values} pair. */
function answerWith({ field, value }) {
	return {
		[field]: value,
		data: { [field]: value, list: [{ [field]: value }] },
		result: { data: [{ name: field, values: { value, confidence_level: 99.3 } }] },
	};
}

/** Where the value survived unmasked in `output` (JSON paths), or []. */
function unmasked(output, value) {
	const found = [];
	const walk = (node, path) => {
		if (typeof node === 'string' || typeof node === 'number') {
			if (String(node) === value) found.push(path);
		} else if (node && typeof node === 'object') {
			for (const [key, inner] of Object.entries(node)) walk(inner, `${path}.${key}`);
		}
	};
	walk(output, '$');
	return found;
}

describe('Privacy masks every identifier the vendors’ documents name', () => {
	test('the list is what the documents name, for all five vendors', () => {
		expect(Object.keys(identifiers).sort()).toEqual(Object.keys(VENDORS).sort());
		expect(all.length).toBeGreaterThanOrEqual(30);
		// Each value is long enough to be masked (3+ digits or characters to hide).
		for (const { value } of all) expect(value).toMatch(/\d{3,}/);
	});

	test.each(all.map((entry) => [entry.vendor, entry.field, entry]))(
		'%s node: %s is masked in the output, at any depth and as a {name, values} pair',
		(vendor, _field, entry) => {
			const out = maskSensitive(answerWith(entry), VENDORS[vendor].sensitiveKeys);
			expect(unmasked(out, entry.value)).toEqual([]);
			expect(out[entry.field]).toMatch(new RegExp(`^\\*+${escape(entry.value.slice(-4))}$`));
		},
	);

	test.each(all.map((entry) => [entry.field, entry]))(
		'KYC (Any Vendor) and every other node (the shared list alone): %s is masked',
		(_field, entry) => {
			expect(unmasked(maskSensitive(answerWith(entry)), entry.value)).toEqual([]);
		},
	);

	test('Argos ID Trigger: with Privacy on, no identifier of any vendor’s documents is output', async () => {
		const event = {
			webhook_trigger: 'approved',
			submission_id: 'privacy-sub-1',
			kyc_result: { status: 'approved' },
			additional_list: [{ blockType: 'phone', answer: 'x' }],
		};
		for (const entry of all) event[entry.field] = entry.value;
		event.additional_list[0].inputValue = { phoneNumber: '+821012345678' };
		const { result } = await callWebhook({
			nodeClass: ArgosIdTrigger,
			parameters: { options: { privacy: true }, events: ['*'] },
			body: event,
			ip: '52.78.194.237',
		});
		const json = result.workflowData[0][0].json;
		for (const entry of all)
			expect([entry.field, unmasked(json, entry.value)]).toEqual([entry.field, []]);
		expect(json.submission_id).toBe('privacy-sub-1');
	});

	describe('Iluma Trigger', () => {
		const state = useSandbox();
		const credentials = () => ({
			ilumaApi: {
				apiKey: state.sandbox.keys.iluma.apiKey,
				baseUrl: state.sandbox.baseUrls.iluma,
				callbackToken: ilumaSandbox.credentials.callbackToken,
			},
		});
		const callbacks = ilumaSamples.filter((sample) => sample.expected);

		test.each(callbacks.map((sample) => [sample.seedLine, sample.heading, sample]))(
			'seed line %s (%s): with Privacy on, every identifier in the callback is masked',
			async (_line, _heading, sample) => {
				const { result } = await callWebhook({
					nodeClass: IlumaTrigger,
					parameters: { options: { privacy: true } },
					credentials: credentials(),
					body: sample.body,
					headers: { 'x-callback-token': ilumaSandbox.credentials.callbackToken },
				});
				const json = result.workflowData[0][0].json;
				for (const entry of identifiers.iluma)
					expect([entry.field, unmasked(json, entry.value)]).toEqual([entry.field, []]);
				// The document's own identifier values do not survive either.
				const text = JSON.stringify(json);
				for (const value of [
					'1234567890123456',
					'3275031210930027',
					'123456789123000',
					'E00007734',
					'081234567890',
					'AHU-0049135.AH.01.01.TAHUN 2016',
				])
					expect(text).not.toContain(value);
			},
		);
	});
});

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
