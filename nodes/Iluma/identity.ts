import type { IDataObject } from 'n8n-workflow';

import { buildIdentity, type Identity } from '../shared/identity';

/** "JAKARTA,17-10-1975" → place and date; a value without a comma is taken as the date alone. */
export function splitBirthPlaceBirthday(value: unknown): { place?: string; date?: string } {
	if (typeof value !== 'string') return {};
	const comma = value.lastIndexOf(',');
	if (comma < 0) return { date: value.trim() };
	return { place: value.slice(0, comma).trim() || undefined, date: value.slice(comma + 1).trim() };
}

/** The shared identity object from an ID card OCR result, by card type. */
export function idCardIdentity(type: unknown, data: IDataObject): Identity {
	if (type === 'passport') {
		return buildIdentity({
			givenNames: data.given_name,
			surname: data.surname,
			idNumber: data.passport_number,
			dateOfBirth: data.date_of_birth,
			placeOfBirth: data.place_of_birth,
			gender: data.gender,
			nationality: data.country,
			issueDate: data.date_of_issue,
			expiryDate: data.date_of_expiry,
		});
	}
	if (type === 'npwp_card') {
		return buildIdentity({ fullName: data.npwpName, idNumber: data.npwpId });
	}
	const birth = splitBirthPlaceBirthday(data.birthPlaceBirthday);
	return buildIdentity({
		fullName: data.name,
		idNumber: data.idNumber,
		dateOfBirth: birth.date,
		placeOfBirth: birth.place,
		gender: data.gender,
		nationality: data.nationality,
		expiryDate: data.expiryDate,
	});
}

/** The capture flow's id_card_ocr object (any country's ID) as the shared identity. */
export function captureIdentity(ocr: IDataObject): Identity {
	return buildIdentity({
		givenNames: ocr.given_name,
		surname: ocr.surname,
		idNumber: ocr.id_card_number,
		dateOfBirth: ocr.date_of_birth,
		placeOfBirth: ocr.place_of_birth,
		gender: ocr.gender,
		nationality: ocr.country,
		issueDate: ocr.date_of_issue,
		expiryDate: ocr.date_of_expiry,
	});
}

/** Adds `identity` to an ID card OCR result once it has data. */
export function withIdCardIdentity(record: IDataObject): IDataObject {
	const data = record.data;
	if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return record;
	return { ...record, identity: idCardIdentity(record.type, data as IDataObject) };
}

/** Adds `identity` to a capture result that holds an id_card_ocr. */
export function withCaptureIdentity(record: IDataObject): IDataObject {
	const ocr = (record.result as IDataObject | undefined)?.id_card_ocr;
	if (!ocr || typeof ocr !== 'object') return record;
	return { ...record, identity: captureIdentity(ocr as IDataObject) };
}
