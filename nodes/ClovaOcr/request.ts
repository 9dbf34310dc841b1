import { randomUUID } from 'crypto';

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../shared/errors';
import { imageParameters, type ImageFormat, type ImageSpec, type KycImage } from '../shared/image';
import { describeFieldName } from '../shared/imageInput';
import { multipartBody } from '../shared/multipart';
import type { KycItemContext } from '../shared/types';

const MB = 1024 * 1024;

/** The formats every CLOVA model documents: jpg, jpeg, png, pdf, tif, tiff. */
export const CLOVA_IMAGE: ImageSpec = {
	vendor: 'CLOVA OCR',
	formats: ['jpeg', 'png', 'pdf', 'tiff'],
};
/** General OCR: "Image size: up to 50 MB". */
export const GENERAL_IMAGE: ImageSpec = { ...CLOVA_IMAGE, maxBytes: 50 * MB };
/** Template OCR: 20 MB, PDF and TIFF 50 MB. */
export const TEMPLATE_IMAGE: ImageSpec = { ...CLOVA_IMAGE, maxBytes: 50 * MB };
export const TEMPLATE_PICTURE_MAX_BYTES = 20 * MB;

const IMAGE_LABEL = 'Document Image';

/** CLOVA's spelling of each format in images[].format. */
const FORMAT: Record<ImageFormat, string> = {
	jpeg: 'jpg',
	png: 'png',
	pdf: 'pdf',
	tiff: 'tiff',
	bmp: 'bmp',
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return only the recognised values instead of CLOVA’s whole response with its coordinates',
};

/** The image, and how it travels: base64 inside JSON (CLOVA's default) or multipart `message` + `file`. */
export function uploadProperties(description: string): INodeProperties[] {
	return [
		...imageParameters('image', IMAGE_LABEL, { description }),
		{
			displayName: 'Upload As',
			name: 'upload',
			type: 'options',
			options: [
				{
					name: 'JSON (Base64)',
					value: 'json',
					description: 'The image base64-encoded in images[].data of a JSON body',
				},
				{
					name: 'Multipart Form',
					value: 'multipart',
					description: 'A message field with the request and a file field with the image',
				},
			],
			default: 'json',
		},
	];
}

/** Every CLOVA model reads one image per call; a list of binary fields is refused before sending. */
function requireOneImage(ctx: KycItemContext): void {
	if (ctx.param<string>('imageSource', 'binary') !== 'binary') return;
	const fields = String(ctx.param<string>('imageBinaryField', 'data') ?? '')
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	if (fields.length > 1) {
		throw new InputProblem(
			`${IMAGE_LABEL} Binary Field`,
			`names ${fields.length} binary fields (${fields.map(describeFieldName).join(', ')}); CLOVA OCR reads one image per call`,
		);
	}
}

function imageName(image: KycImage): string {
	return image.fileName.replace(/\.[^.]*$/, '').trim() || 'image';
}

export interface OcrCall {
	path: string;
	spec: ImageSpec;
	/** Fields beside version, requestId, timestamp and images, e.g. lang. */
	message?: IDataObject;
	/** Fields of the images[] entry beside format, name and data, e.g. templateIds. */
	image?: IDataObject;
	/** A check of the image that only this model needs. */
	checkImage?: (image: KycImage) => void;
}

/** Sends one image to a CLOVA model with the documented envelope: version V2, a fresh requestId, the time. */
export async function recognise(ctx: KycItemContext, call: OcrCall): Promise<IDataObject> {
	requireOneImage(ctx);
	const image = await ctx.image('image', call.spec);
	call.checkImage?.(image);
	const upload = ctx.param<string>('upload', 'json');
	if (upload !== 'json' && upload !== 'multipart') {
		throw new InputProblem('Upload As', `"${upload}" is not json or multipart`);
	}
	const entry: IDataObject = {
		format: FORMAT[image.format],
		name: imageName(image),
		...call.image,
	};
	const message: IDataObject = {
		version: 'V2',
		requestId: randomUUID(),
		timestamp: Date.now(),
		...call.message,
	};
	const volatile = [String(message.requestId), String(message.timestamp)];
	if (upload === 'multipart') {
		return await ctx.request({
			method: 'POST',
			path: call.path,
			multipart: multipartBody({
				message: JSON.stringify({ ...message, images: [entry] }),
				// The part's name says what the bytes are, whatever the binary field's file name claimed.
				file: { ...image, fileName: `${String(entry.name)}.${String(entry.format)}` },
			}),
			repeatable: false,
			volatile,
		});
	}
	return await ctx.request({
		method: 'POST',
		path: call.path,
		json: { ...message, images: [{ ...entry, data: image.data.toString('base64') }] },
		repeatable: false,
		volatile,
	});
}

/** The first (and only) image's result in a CLOVA answer. */
export function firstImage(body: IDataObject): IDataObject {
	const images = Array.isArray(body.images) ? (body.images as IDataObject[]) : [];
	return images[0] ?? {};
}
