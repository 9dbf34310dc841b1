import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ImageSpec, KycImage } from './image';
import type { KycRequest, KycResponse } from './transport';
import type { KycFile, KycItemContext } from './types';

/** Where an operation's parameters and images come from for one item. */
export interface ItemInputs {
	param<T>(name: string, fallback?: T): T;
	image(prefix: string, spec: ImageSpec): Promise<KycImage>;
}

function describeFile(data: Buffer, headers: IDataObject): KycFile {
	const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : '';
	const disposition =
		typeof headers['content-disposition'] === 'string' ? headers['content-disposition'] : '';
	const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
	return {
		data,
		mimeType: contentType.split(';')[0].trim() || undefined,
		fileName: name ? decodeURIComponent(name) : undefined,
	};
}

/** The context an operation runs one item in: its inputs, and `send` for every call it makes. */
export function itemContext(
	fn: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	inputs: ItemInputs,
	send: (request: KycRequest) => Promise<KycResponse>,
): KycItemContext {
	return {
		fn,
		itemIndex,
		item,
		param: <T>(name: string, fallback?: T) => inputs.param<T>(name, fallback),
		image: async (prefix, spec) => await inputs.image(prefix, spec),
		request: async (request) => ((await send(request)).body ?? {}) as IDataObject,
		requestFile: async (request) => {
			const response = await send({ ...request, binary: true });
			return describeFile(response.body as Buffer, response.headers);
		},
	};
}
