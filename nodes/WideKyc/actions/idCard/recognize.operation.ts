import type { IDataObject } from 'n8n-workflow';

import { buildIdentity } from '../../../shared/identity';
import { imageParameters } from '../../../shared/image';
import type { KycOperation } from '../../../shared/types';
import { customerReferenceProperty, postImage } from '../../request';

/** e-KTP OCR; WNI (Warga Negara Indonesia) is an Indonesian citizen. */
function ktpIdentity(data: IDataObject) {
	return buildIdentity({
		fullName: data.nama,
		idNumber: data.nik,
		dateOfBirth: data.tanggal_lahir,
		gender: data.jenis_kelamin,
		nationality: data.kewarganegaraan === 'WNI' ? 'IDN' : data.kewarganegaraan,
	});
}

export const recognize: KycOperation = {
	value: 'recognize',
	product: 'idRecognize',
	name: 'Recognize',
	action: 'Recognize an e-KTP',
	description: 'Read the fields of an Indonesian e-KTP image (OCR)',
	properties: [
		...imageParameters('idImage', 'e-KTP Image', { description: 'JPEG or PNG photo of the e-KTP' }),
		customerReferenceProperty,
	],
	async execute(ctx) {
		const body = await postImage(ctx, '/api/id-recognize', 'id_image', 'idImage');
		const result = ((body.content as IDataObject | undefined)?.result ?? {}) as IDataObject;
		return { json: { ...body, identity: ktpIdentity((result.data ?? {}) as IDataObject) } };
	},
};
