'use strict';
const { multipartBody } = require('../../nodes/shared/multipart');

const imageOf = (data) => ({ data, mimeType: 'image/jpeg', fileName: 'card.jpg' });

/** Builds the form while counting `new Uint8Array(view)`: each such call copies the whole image. */
function buildCountingCopies(fields) {
	const Real = globalThis.Uint8Array;
	let copies = 0;
	globalThis.Uint8Array = new Proxy(Real, {
		construct(target, args, newTarget) {
			if (args.length === 1 && ArrayBuffer.isView(args[0])) copies++;
			return Reflect.construct(target, args, newTarget);
		},
	});
	try {
		return { form: multipartBody(fields)(), copies };
	} finally {
		globalThis.Uint8Array = Real;
	}
}

describe('multipart file part', () => {
	test('the image goes into the Blob without an extra copy of its bytes', async () => {
		const data = Buffer.alloc(1024 * 1024, 7);
		const { form, copies } = buildCountingCopies({ image: imageOf(data) });
		expect(copies).toBe(0);
		const part = form.get('image');
		expect(part.size).toBe(data.length);
		expect(Buffer.from(await part.arrayBuffer()).equals(data)).toBe(true);
	});

	test('a Buffer that is a slice of a larger one sends only its own bytes', async () => {
		const whole = Buffer.from('xxxxJPEGBYTESyyyy');
		const { form } = buildCountingCopies({ image: imageOf(whole.subarray(4, 13)), type: 'ktp' });
		expect(Buffer.from(await form.get('image').arrayBuffer()).toString()).toBe('JPEGBYTES');
		expect(form.get('image').type).toBe('image/jpeg');
		expect(form.get('type')).toBe('ktp');
	});
});
