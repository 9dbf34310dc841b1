import type { KycImage } from './image';

export type MultipartField = string | KycImage | undefined;

function isImage(value: MultipartField): value is KycImage {
	return typeof value === 'object' && value !== null && Buffer.isBuffer(value.data);
}

/** The Buffer's bytes as a view, not a copy: the Blob copies them anyway. */
function bytesOf(data: Buffer): Uint8Array<ArrayBuffer> {
	const { buffer, byteOffset, byteLength } = data;
	return buffer instanceof ArrayBuffer
		? new Uint8Array(buffer, byteOffset, byteLength)
		: new Uint8Array(data);
}

/**
 * A multipart body as n8n's request helper takes it: a global FormData with Blob file parts
 * (n8n-core sets the boundary). Built anew for every attempt; empty fields are left out.
 */
export function multipartBody(fields: Record<string, MultipartField>): () => FormData {
	return () => {
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) {
			if (value === undefined || value === '') continue;
			if (isImage(value)) {
				form.append(
					name,
					new Blob([bytesOf(value.data)], { type: value.mimeType }),
					value.fileName,
				);
			} else {
				form.append(name, value);
			}
		}
		return form;
	};
}
