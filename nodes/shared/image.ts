import type { INodeProperties } from 'n8n-workflow';

import { InputProblem } from './errors';

export type ImageFormat = 'jpeg' | 'png' | 'bmp' | 'pdf' | 'tiff';
type DetectedFormat = ImageFormat | 'gif' | 'webp' | 'heic';

export interface ImageSpec {
	/** The vendor that sets the limits, for messages. */
	vendor: string;
	formats: ImageFormat[];
	maxBytes?: number;
	minBytes?: number;
	minWidth?: number;
	minHeight?: number;
	maxWidth?: number;
	maxHeight?: number;
}

export interface KycImage {
	data: Buffer;
	format: ImageFormat;
	mimeType: string;
	fileName: string;
	width?: number;
	height?: number;
}

const MIME: Record<ImageFormat, string> = {
	jpeg: 'image/jpeg',
	png: 'image/png',
	bmp: 'image/bmp',
	pdf: 'application/pdf',
	tiff: 'image/tiff',
};

const EXTENSION: Record<ImageFormat, string> = {
	jpeg: 'jpg',
	png: 'png',
	bmp: 'bmp',
	pdf: 'pdf',
	tiff: 'tif',
};

export function detectFormat(data: Buffer): DetectedFormat | undefined {
	const starts = (...bytes: number[]) => bytes.every((byte, i) => data[i] === byte);
	if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (starts(0x42, 0x4d) && data.length >= 26) return 'bmp';
	if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
	if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
	if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
	if (starts(0x52, 0x49, 0x46, 0x46) && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
	if (
		data.toString('latin1', 4, 8) === 'ftyp' &&
		/^(heic|heix|mif1|hevc)/.test(data.toString('latin1', 8, 12))
	) {
		return 'heic';
	}
	return undefined;
}

/** Width and height from the file header, without decoding the image. */
export function readDimensions(
	data: Buffer,
	format: ImageFormat,
): { width: number; height: number } | undefined {
	const size = headerSize(data, format);
	// A zero side (a JPEG that leaves its height to a later DNL marker, a broken header) is no size.
	return size && size.width > 0 && size.height > 0 ? size : undefined;
}

function headerSize(
	data: Buffer,
	format: ImageFormat,
): { width: number; height: number } | undefined {
	// PNG's first chunk must be IHDR; anything else there is not a size.
	if (format === 'png' && data.length >= 24 && data.toString('latin1', 12, 16) === 'IHDR') {
		return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	}
	if (format === 'bmp' && data.length >= 26) {
		return { width: Math.abs(data.readInt32LE(18)), height: Math.abs(data.readInt32LE(22)) };
	}
	if (format === 'jpeg') {
		let offset = 2;
		while (offset + 9 < data.length) {
			if (data[offset] !== 0xff) return undefined;
			const marker = data[offset + 1];
			const isStartOfFrame =
				marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
			if (isStartOfFrame) {
				return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
			}
			offset += 2 + data.readUInt16BE(offset + 2);
		}
	}
	return undefined;
}

export function formatBytes(bytes: number): string {
	const grouped = bytes.toLocaleString('en-US');
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB (${grouped} bytes)`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB (${grouped} bytes)`;
	return `${grouped} bytes`;
}

const NAMES: Record<DetectedFormat, string> = {
	jpeg: 'JPEG',
	png: 'PNG',
	bmp: 'BMP',
	pdf: 'PDF',
	tiff: 'TIFF',
	gif: 'GIF',
	webp: 'WebP',
	heic: 'HEIC',
};

/** Checks an image against a vendor's documented limits; `field` names the parameter. */
export function checkImage(
	data: Buffer,
	field: string,
	spec: ImageSpec,
	fileName?: string,
): KycImage {
	if (data.length === 0) throw new InputProblem(field, 'the file is empty (0 bytes)');
	const accepted = spec.formats.map((format) => NAMES[format]).join(', ');
	const detected = detectFormat(data);
	if (!detected) {
		throw new InputProblem(
			field,
			`not an image ${spec.vendor} accepts: the content is no known image format; accepted: ${accepted}`,
		);
	}
	if (!(spec.formats as DetectedFormat[]).includes(detected)) {
		throw new InputProblem(
			field,
			`the file is ${NAMES[detected]}; ${spec.vendor} accepts ${accepted}`,
		);
	}
	const format = detected as ImageFormat;
	if (spec.maxBytes !== undefined && data.length > spec.maxBytes) {
		throw new InputProblem(
			field,
			`the file is ${formatBytes(data.length)}; ${spec.vendor} accepts at most ${formatBytes(spec.maxBytes)}`,
		);
	}
	if (spec.minBytes !== undefined && data.length < spec.minBytes) {
		throw new InputProblem(
			field,
			`the file is ${formatBytes(data.length)}; ${spec.vendor} needs at least ${formatBytes(spec.minBytes)}`,
		);
	}
	const size = readDimensions(data, format);
	const hasMin = spec.minWidth !== undefined || spec.minHeight !== undefined;
	const hasMax = spec.maxWidth !== undefined || spec.maxHeight !== undefined;
	const min = `at least ${spec.minWidth ?? 0}×${spec.minHeight ?? 0} px`;
	const max = `at most ${spec.maxWidth ?? '∞'}×${spec.maxHeight ?? '∞'} px`;
	// A size that cannot be read cannot be shown to fit, so the vendor's limit is not risked.
	if (!size && (hasMin || hasMax)) {
		const limits = [hasMin ? min : '', hasMax ? max : ''].filter(Boolean).join(' and ');
		throw new InputProblem(
			field,
			`the image size cannot be read from its ${NAMES[format]} header (damaged or incomplete file?); ${spec.vendor} needs ${limits}, so it was not sent`,
		);
	}
	if (size && hasMin) {
		if (size.width < (spec.minWidth ?? 0) || size.height < (spec.minHeight ?? 0)) {
			throw new InputProblem(
				field,
				`the image is ${size.width}×${size.height} px; ${spec.vendor} needs ${min}`,
			);
		}
	}
	if (size && hasMax) {
		if (size.width > (spec.maxWidth ?? Infinity) || size.height > (spec.maxHeight ?? Infinity)) {
			throw new InputProblem(
				field,
				`the image is ${size.width}×${size.height} px; ${spec.vendor} accepts ${max}`,
			);
		}
	}
	return {
		data,
		format,
		mimeType: MIME[format],
		fileName: fileName ?? `image.${EXTENSION[format]}`,
		width: size?.width,
		height: size?.height,
	};
}

/** Decodes a base64 string, or a `data:` URL, strictly: stray characters are an input error. */
export function decodeBase64(value: string, field: string): Buffer {
	const text = value.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
	if (text === '') throw new InputProblem(field, 'the base64 string is empty');
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
		throw new InputProblem(field, 'is not valid base64');
	}
	return Buffer.from(text, 'base64');
}

export interface ImageParameterOptions {
	defaultBinaryField?: string;
	description?: string;
}

/** The three parameters behind one image input: where it comes from, and the field or the string. */
export function imageParameters(
	prefix: string,
	displayName: string,
	options: ImageParameterOptions = {},
): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: `${displayName} Source`,
			name: `${prefix}Source`,
			type: 'options',
			options: [
				{ name: 'Binary File', value: 'binary', description: 'A binary field of the input item' },
				{ name: 'Base64 String', value: 'base64', description: 'Base64 text, or a data URL' },
			],
			default: 'binary',
			description: options.description,
		},
		{
			displayName: `${displayName} Binary Field`,
			name: `${prefix}BinaryField`,
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input item’s binary field that holds the image',
			displayOptions: { show: { [`${prefix}Source`]: ['binary'] } },
		},
		{
			displayName: `${displayName} (Base64)`,
			name: `${prefix}Base64`,
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			displayOptions: { show: { [`${prefix}Source`]: ['base64'] } },
		},
	];
	if (options.defaultBinaryField) properties[1].default = options.defaultBinaryField;
	return properties;
}
