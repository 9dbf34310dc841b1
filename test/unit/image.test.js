'use strict';
const {
	checkImage,
	decodeBase64,
	detectFormat,
	readDimensions,
	formatBytes,
} = require('../../nodes/shared/image');
const images = require('../fixtures/images');

const spec = {
	vendor: 'Acme',
	formats: ['jpeg', 'png'],
	maxBytes: 400000,
	minWidth: 500,
	minHeight: 500,
};

describe('image checks', () => {
	test.each([
		['jpeg', images.jpeg()],
		['png', images.png()],
		['bmp', images.bmp()],
		['pdf', images.pdf()],
		['tiff', images.tiff()],
		['gif', images.gif()],
		['webp', images.webp()],
	])('detects %s from magic bytes, whatever the name says', (format, data) => {
		expect(detectFormat(data)).toBe(format);
	});

	test('reads width and height from PNG, JPEG and BMP headers', () => {
		expect(readDimensions(images.png({ width: 640, height: 480 }), 'png')).toEqual({
			width: 640,
			height: 480,
		});
		expect(readDimensions(images.jpeg(), 'jpeg')).toEqual({ width: 640, height: 480 });
		expect(readDimensions(images.bmp({ width: 3, height: 2 }), 'bmp')).toEqual({
			width: 3,
			height: 2,
		});
	});

	test('enforces size and dimension limits with the numbers in the message', () => {
		expect(() =>
			checkImage(images.png({ width: 600, height: 600, padTo: 400001 }), 'Photo', spec),
		).toThrow(
			'Photo: the file is 390.6 KB (400,001 bytes); Acme accepts at most 390.6 KB (400,000 bytes)',
		);
		expect(() =>
			checkImage(images.png({ width: 499, height: 800 }), 'Photo', { ...spec, maxBytes: 2e6 }),
		).toThrow('Photo: the image is 499×800 px; Acme needs at least 500×500 px');
		expect(checkImage(images.png({ width: 500, height: 500 }), 'Photo', spec)).toMatchObject({
			format: 'png',
			mimeType: 'image/png',
			width: 500,
		});
	});

	test('a minimum size', () => {
		expect(() =>
			checkImage(images.png(), 'Selfie', {
				vendor: 'Acme',
				formats: ['png'],
				minBytes: 100 * 1024,
			}),
		).toThrow(/^Selfie: the file is \d+ bytes; Acme needs at least 100\.0 KB \(102,400 bytes\)$/);
	});

	test('base64: whitespace and data URLs are fine, garbage is not', () => {
		const png = images.png();
		expect(decodeBase64(`data:image/png;base64,${png.toString('base64')}`, 'X').equals(png)).toBe(
			true,
		);
		expect(decodeBase64(png.toString('base64').replace(/(.{10})/g, '$1\n'), 'X').equals(png)).toBe(
			true,
		);
		expect(() => decodeBase64('   ', 'X')).toThrow('X: the base64 string is empty');
		expect(() => decodeBase64('abc$', 'X')).toThrow('X: is not valid base64');
	});

	test('formats sizes readably', () => {
		expect(formatBytes(2 * 1024 * 1024)).toBe('2.00 MB (2,097,152 bytes)');
		expect(formatBytes(512)).toBe('512 bytes');
	});
});
