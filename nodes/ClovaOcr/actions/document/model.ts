import type { IDataObject } from 'n8n-workflow';

import type { KycOperation } from '../../../shared/types';
import {
	CLOVA_IMAGE,
	firstImage,
	recognise,
	simplifyProperty,
	uploadProperties,
} from '../../request';
import { flattenResult, identityOf, simplifyCard } from '../../simplify';

/** One of CLOVA's specialised Document OCR models: same envelope, its own path and result key. */
export interface DocumentModel {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The model's path below `/document`. */
	path: string;
	/** Where the model puts its result: images[0].<resultKey>.result. */
	resultKey: string;
	/** What Simplify returns: the card's three fields, the shared identity, or the fields flattened. */
	simplify: 'card' | 'identity' | 'fields';
	/** What the image shows, for the parameter's hint. */
	noun: string;
}

export function documentOperation(model: DocumentModel): KycOperation {
	return {
		value: model.value,
		product: 'documentOcr',
		name: model.name,
		action: model.action,
		description: model.description,
		properties: [
			...uploadProperties(`A JPEG or PNG photo, or a PDF or TIFF, of the ${model.noun}`),
			simplifyProperty,
		],
		async execute(ctx) {
			const body = await recognise(ctx, { path: `/document/${model.path}`, spec: CLOVA_IMAGE });
			const section = (firstImage(body)[model.resultKey] ?? {}) as IDataObject;
			const result = (section.result ?? {}) as IDataObject;
			const identity = model.simplify === 'identity' ? identityOf(result) : undefined;
			if (!ctx.param<boolean>('simplify', false)) {
				return { json: identity ? { ...body, identity } : body };
			}
			if (model.simplify === 'card') return { json: simplifyCard(result) };
			if (identity) return { json: { identity, fields: flattenResult(result) } };
			return { json: flattenResult(result) };
		},
	};
}
