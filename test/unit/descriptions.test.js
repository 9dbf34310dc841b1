'use strict';
/** What n8n's editor does with our descriptions: resolve every resource/operation's parameters. */
const { NodeHelpers } = require('n8n-workflow');
const { EkycPro } = require('../../nodes/EkycPro/EkycPro.node');
const { WideKyc } = require('../../nodes/WideKyc/WideKyc.node');
const { ClovaOcr } = require('../../nodes/ClovaOcr/ClovaOcr.node');
const { Iluma } = require('../../nodes/Iluma/Iluma.node');
const { ArgosId } = require('../../nodes/ArgosId/ArgosId.node');

const nodes = [new EkycPro(), new WideKyc(), new ClovaOcr(), new Iluma(), new ArgosId()];

describe.each(nodes.map((node) => [node.description.name, node]))(
	'%s description',
	(_name, node) => {
		const { description } = node;
		const selectors = description.properties.filter((property) => property.name === 'operation');
		const pairs = selectors.flatMap((selector) =>
			selector.options.map((option) => [
				selector.displayOptions.show.resource[0],
				option.value,
				option,
			]),
		);

		test.each(pairs)(
			'%s → %s resolves its parameters and describes itself for agents',
			(resource, operation, option) => {
				const nodeStub = {
					name: 'x',
					type: `n8n-nodes-kyc.${description.name}`,
					typeVersion: 1,
					parameters: {},
					position: [0, 0],
				};
				const parameters = NodeHelpers.getNodeParameters(
					description.properties,
					{ resource, operation },
					true,
					false,
					nodeStub,
					description,
				);
				expect(parameters.resource).toBe(resource);
				expect(parameters.operation).toBe(operation);
				expect(parameters.options).toEqual({});
				const own = description.properties
					.filter((property) => {
						const show = (property.displayOptions && property.displayOptions.show) || {};
						const keys = Object.keys(show);
						return (
							keys.length === 2 &&
							show.resource.includes(resource) &&
							show.operation &&
							show.operation.includes(operation)
						);
					})
					.map((property) => property.name);
				expect(Object.keys(parameters)).toEqual(expect.arrayContaining(own));
				expect(option.action).toMatch(/^[A-Z]/);
				expect(option.description.length).toBeGreaterThan(20);
			},
		);

		test('every resource has operations and the node declares usableAsTool', () => {
			expect(pairs.length).toBeGreaterThan(0);
			expect(typeof description.usableAsTool).toBe('boolean');
		});
	},
);
