import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InputProblem } from './errors';
import { checkImage, decodeBase64, type ImageSpec, type KycImage } from './image';
import type { KycOperation } from './types';

/** The user-facing name of an image input, from its Source parameter ("ID Card Image Source"). */
export function imageLabel(operation: KycOperation, prefix: string): string {
	const source = operation.properties.find((property) => property.name === `${prefix}Source`);
	return source ? source.displayName.replace(/ Source$/, '') : prefix;
}

/**
 * A binary field name as a message shows it. A value that is no field name (often the image's
 * base64 itself, from an expression) is described, not quoted, so that it does not fill the log.
 */
export function describeFieldName(value: string): string {
	if (/^[\w.-]{1,64}$/.test(value)) return `"${value}"`;
	return `named by a ${value.length}-character value that is not a field name (is it the file itself? Enter the binary field's name, or set the Source to Base64 String)`;
}

/** Reads one image input of an item, from its binary field or a base64 string, and checks it. */
export async function readImage(
	fn: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	label: string,
	prefix: string,
	spec: ImageSpec,
): Promise<KycImage> {
	const source = fn.getNodeParameter(`${prefix}Source`, itemIndex, 'binary') as string;
	if (source === 'base64') {
		const text = fn.getNodeParameter(`${prefix}Base64`, itemIndex, '') as string;
		return checkImage(decodeBase64(String(text ?? ''), label), label, spec);
	}
	const field = String(fn.getNodeParameter(`${prefix}BinaryField`, itemIndex, 'data') ?? '').trim();
	if (field === '') throw new InputProblem(`${label} Binary Field`, 'is required but empty');
	const binary = item.binary?.[field];
	if (!binary) {
		const present = Object.keys(item.binary ?? {});
		const has = present.length
			? `its binary fields are: ${present.join(', ')}`
			: 'it has no binary data';
		throw new InputProblem(
			label,
			`the input item has no binary field ${describeFieldName(field)}; ${has}`,
		);
	}
	const data = await fn.helpers.getBinaryDataBuffer(itemIndex, field);
	return checkImage(data, label, spec, binary.fileName);
}
