'use strict';
/**
 * The core's multipart body (global FormData + Blob) as n8n's request helper really sends it.
 * A probe node built on the core posts to the sandbox's multipart echo, which reports what arrived.
 */
const crypto = require('crypto');
const { runNode } = require('../harness/n8n');
const { useSandbox, imageItem, images, scenarios } = require('../helpers');
const { describeOperations, executeKyc } = require('../../nodes/shared/node');
const { imageParameters } = require('../../nodes/shared/image');
const { multipartBody } = require('../../nodes/shared/multipart');
const { EkycProApi } = require('../../credentials/EkycProApi.credentials');

const probeVendor = {
	displayName: 'Probe',
	credentialType: 'ekycProApi',
	baseUrlField: 'baseUrl',
	auditName: 'probe',
	inspect: () => undefined,
};
const resources = [
	{
		value: 'upload',
		name: 'Upload',
		operations: [
			{
				value: 'send',
				product: 'multipartEcho',
				name: 'Send',
				action: 'Send a file',
				description: 'Sends a file and a text field as multipart/form-data',
				billing: 'free',
				properties: [
					...imageParameters('image', 'Image'),
					{ displayName: 'Note', name: 'note', type: 'string', default: '' },
				],
				async execute(ctx) {
					const image = await ctx.image('image', { vendor: 'Probe', formats: ['jpeg', 'png'] });
					const body = await ctx.request({
						method: 'POST',
						path: '/echo/multipart',
						multipart: multipartBody({ file: image, note: ctx.param('note'), empty: '' }),
						repeatable: true,
					});
					return { json: body };
				},
			},
		],
	},
];

class Probe {
	constructor() {
		this.description = {
			displayName: 'Probe',
			name: 'probe',
			group: ['transform'],
			version: 1,
			description: 'Core test probe',
			defaults: { name: 'Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'ekycProApi', required: true }],
			properties: describeOperations(probeVendor, resources),
		};
	}
	async execute() {
		return await executeKyc(this, probeVendor, resources);
	}
}

const state = useSandbox();

test('a file part keeps its bytes, name and type; text fields arrive; empty ones are left out', async () => {
	const photo = images.jpeg({ padTo: 50 * 1024 });
	const { items, error } = await runNode({
		nodeClass: Probe,
		credentialClasses: [EkycProApi],
		credentials: {
			ekycProApi: { apiKey: scenarios.EKYCPRO_API_KEY, baseUrl: `${state.sandbox.url}/__sandbox` },
		},
		parameters: { resource: 'upload', operation: 'send', note: 'hello' },
		items: [imageItem({ data: photo })],
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({
		audit: [expect.objectContaining({ product: 'probe.multipartEcho', billed: false, calls: 1 })],
		ok: true,
		contentType: 'multipart/form-data',
		fields: {
			file: {
				fileName: 'data.jpg',
				contentType: 'image/jpeg',
				size: photo.length,
				sha256: crypto.createHash('sha256').update(photo).digest('hex'),
			},
			note: { value: 'hello' },
		},
	});
});

test('a base64 input becomes a file part named after its detected format', async () => {
	const { items, error } = await runNode({
		nodeClass: Probe,
		credentialClasses: [EkycProApi],
		credentials: {
			ekycProApi: { apiKey: scenarios.EKYCPRO_API_KEY, baseUrl: `${state.sandbox.url}/__sandbox` },
		},
		parameters: {
			resource: 'upload',
			operation: 'send',
			note: 'again',
			imageSource: 'base64',
			imageBase64: images.png().toString('base64'),
		},
	});
	expect(error).toBeUndefined();
	expect(items[0].json.fields.file).toMatchObject({
		fileName: 'image.png',
		contentType: 'image/png',
		size: images.png().length,
	});
});
