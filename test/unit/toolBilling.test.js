'use strict';
/**
 * Issue 24: what an AI agent reads about billing. n8n sends a node used as a tool the description
 * "{action} in {node}" (n8n-workflow's getToolDescriptionForNode, "Set Automatically"), so every
 * operation's action, and its description, say whether it bills, from the operation's one
 * `billing` declaration. That declaration is held here to the first call the operation really
 * sends (the call Max Billed Calls counts: `billable ?? !repeatable`), by running the operation up
 * to that call, as KYC (Any Vendor) checks an operation's input before any vendor is called.
 */
const { NodeHelpers } = require('n8n-workflow');
const { EkycPro } = require('../../nodes/EkycPro/EkycPro.node');
const { WideKyc } = require('../../nodes/WideKyc/WideKyc.node');
const { ClovaOcr } = require('../../nodes/ClovaOcr/ClovaOcr.node');
const { Iluma } = require('../../nodes/Iluma/Iluma.node');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');
const { KycAnyVendor } = require('../../nodes/KycAnyVendor/KycAnyVendor.node');
const images = require('../fixtures/images');

const NODES = [
	[new EkycPro(), require('../../nodes/EkycPro/actions').resources],
	[new WideKyc(), require('../../nodes/WideKyc/actions').resources],
	[new ClovaOcr(), require('../../nodes/ClovaOcr/actions').resources],
	[new Iluma(), require('../../nodes/Iluma/actions').resources],
	[new ArgosId(), require('../../nodes/ArgosId/actions').resources],
];

const TAG = { perCall: '(billed per call)', free: '(free)', undocumented: '(may be billed)' };

/** Values an operation accepts, by parameter name, where its default is empty. */
const VALUES = {
	nik: '3201000000000001',
	name: 'BUDI SANTOSO',
	givenName: 'BUDI',
	id: 'req-0001',
	referenceId: 'ref-0001',
	businessId: 'business-1',
	token: 'one-time-token',
	accountNumber: '1234567890',
	bankAccountNumber: '1234567890',
	bankCode: 'BCA',
	templateIds: '390',
	submissionId: 'submission-1',
	email: 'applicant@example.invalid',
	types: ['IDENTITY_CARD'],
	idCardNumber: '3201000000000001',
	birthdate: '01-02-1990',
	dateOfBirth: '1990-02-01',
	link: 'ktp.jpg',
};

class SentFirstCall extends Error {
	constructor(request) {
		super('sent');
		this.request = request;
	}
}

function defaultOf(properties, name) {
	for (const property of properties) {
		if (property.name === name) return property.default;
	}
	return undefined;
}

/** Runs the operation up to its first call and returns that call. */
async function firstCall(operation) {
	const image = images.jpeg({ width: 1200, height: 800 });
	const ctx = {
		itemIndex: 0,
		item: { json: {} },
		param: (name, fallback) => {
			if (name in VALUES) return VALUES[name];
			const value = defaultOf(operation.properties, name);
			return value === undefined || value === '' ? (fallback ?? value) : value;
		},
		image: async () => ({
			data: image,
			format: 'jpeg',
			mimeType: 'image/jpeg',
			fileName: 'image.jpg',
			width: 1200,
			height: 800,
		}),
		request: async (request) => {
			throw new SentFirstCall(request);
		},
		requestFile: async (request) => {
			throw new SentFirstCall(request);
		},
	};
	const outcome = await operation.execute(ctx).then(
		() => new Error('answered without a call'),
		(error) => error,
	);
	if (!(outcome instanceof SentFirstCall)) throw outcome;
	return outcome.request;
}

const cases = NODES.flatMap(([node, resources]) =>
	resources.flatMap((resource) =>
		resource.operations.map((operation) => [
			node.description.displayName,
			resource.value,
			operation.value,
			node,
			operation,
		]),
	),
);

describe('every operation says whether it bills, as its calls do', () => {
	test.each(cases)('%s %s → %s', async (vendorName, resource, operationName, node, operation) => {
		const request = await firstCall(operation);
		const billable = request.billable ?? !request.repeatable;
		expect({ billing: operation.billing, billable }).toEqual({
			billing: operation.billing,
			billable: operation.billing !== 'free',
		});

		// What n8n shows in the nodes panel and sends an agent as the tool's description.
		const selector = node.description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource),
		);
		const option = selector.options.find((o) => o.value === operationName);
		expect(option.action).toBe(`${operation.action} ${TAG[operation.billing]}`);
		const parameters = NodeHelpers.getNodeParameters(
			node.description.properties,
			{ resource, operation: operationName },
			true,
			false,
			{ name: 'x', type: 'x', typeVersion: 1, parameters: {}, position: [0, 0] },
			node.description,
		);
		const toolDescription = NodeHelpers.getToolDescriptionForNode(
			{ parameters: { ...parameters, descriptionType: 'auto' } },
			{ description: node.description },
		);
		expect(toolDescription).toBe(
			`${operation.action} ${TAG[operation.billing]} in ${node.description.defaults.name}`,
		);
		const sentence = {
			perCall: `Billed by ${vendorName} per call.`,
			free: `Free: a look-up, not billed by ${vendorName}.`,
			undocumented: `May be billed: ${vendorName}’s documents do not say`,
		}[operation.billing];
		expect(option.description).toContain(sentence);
		// Billing is said once, from the declaration, not in the operation's own words too.
		expect(operation.description).not.toMatch(/\bbill|\bcharge|\bfree\b/i);
		expect(operation.action).not.toMatch(/\bbill|\bcharge|\bfree\b/i);
	});
});

describe('KYC (Any Vendor) as a tool', () => {
	const node = new KycAnyVendor();
	test('its tool description (the node description, it has no operations) says what each check needs and that it bills', () => {
		const text = NodeHelpers.getToolDescriptionForNode(
			{ parameters: { check: 'verifyNik' } },
			{ description: node.description },
		);
		expect(text).toBe(node.description.description);
		expect(text).toMatch(/Verify NIK/);
		expect(text).toMatch(/Read KTP/);
		expect(text).toMatch(/billed/i);
		expect(text).toMatch(/16-digit NIK/);
	});
	test('each check says it is billed by the vendor that answers', () => {
		const check = node.description.properties.find((p) => p.name === 'check');
		for (const option of check.options)
			expect(option.description).toMatch(/Billed per call by the vendor that answers/);
	});
});
