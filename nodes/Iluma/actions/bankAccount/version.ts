import type { INodeProperties } from 'n8n-workflow';

import type { KycItemContext } from '../../../shared/types';
import { requireChoice } from '../../../shared/validation';
import { pathSegment } from '../../request';

export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	options: [
		{
			name: 'V1.1',
			value: 'v1.1',
			description: 'Status COMPLETED with result.is_found, account_holder_name, is_virtual_account',
		},
		{
			name: 'V1',
			value: 'v1',
			description: 'Status SUCCESS or FAILED with bank_account_holder_name, is_normal_account',
		},
	],
	default: 'v1.1',
};

export const readVersion = (ctx: KycItemContext) =>
	requireChoice(ctx.param('apiVersion', 'v1.1'), 'API Version', ['v1.1', 'v1']);

export function validationPath(version: 'v1.1' | 'v1', id?: string): string {
	const base = `/${version}/identity/bank_account_data_requests`;
	return id === undefined ? base : `${base}/${pathSegment(id)}`;
}
