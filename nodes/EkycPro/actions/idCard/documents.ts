import type { IDataObject } from 'n8n-workflow';

import type { IdentityFields } from '../../../shared/identity';

/** One ekycpro OCR endpoint: all share the same contract (`img` in, `{status, message}` out). */
export interface EkycDocument {
	value: string;
	name: string;
	path: string;
	toIdentity(message: IDataObject): IdentityFields;
}

const join = (...parts: unknown[]) =>
	parts.filter((part) => typeof part === 'string' && part.trim()).join(' ');

/** Sorted by name, as the Document Type selector shows them. Field names as ekycpro documents them. */
export const DOCUMENTS: EkycDocument[] = [
	{
		value: 'bd',
		name: 'Bangladesh National ID',
		path: '/v1/bd_ocr/general',
		toIdentity: (m) => ({
			fullName: m.name,
			idNumber: m.id_number,
			dateOfBirth: m.birthday,
			issueDate: m.issue_date,
		}),
	},
	{
		value: 'co',
		name: 'Colombia ID Card (Cédula)',
		path: '/v1/co_ocr/general',
		toIdentity: (m) => ({
			givenNames: m.GivenNames,
			surname: m.Surname,
			idNumber: m.CardNumber,
			dateOfBirth: m.DateOfBirth,
			gender: m.Gender,
			issueDate: m.DateOfIssue,
			expiryDate: m.DateOfExpiry,
		}),
	},
	{
		value: 'gh',
		name: 'Ghana Card',
		path: '/v1/gn_ocr/general',
		toIdentity: (m) => ({
			givenNames: m.firstname,
			surname: m.surname,
			idNumber: m.personalId,
			dateOfBirth: m.dateOfBirth,
			gender: m.gender,
			nationality: m.nationality,
			issueDate: m.dateOfIssue,
			expiryDate: m.dateOfExpiry,
		}),
	},
	{
		value: 'in_back',
		name: 'India Aadhaar (Back)',
		path: '/v1/in_ocr_back/general',
		toIdentity: (m) => ({ idNumber: m.CardNumber }),
	},
	{
		value: 'id',
		name: 'Indonesia KTP',
		path: '/v1/id_ocr/general',
		toIdentity: (m) => ({
			fullName: m.name,
			idNumber: m.id,
			dateOfBirth: m.dob,
			gender: m.gender,
			// ekycpro spells this field "nationnality"
			nationality: m.nationnality ?? m.nationality,
		}),
	},
	{
		value: 'my',
		name: 'Malaysia MyKad',
		path: '/v1/my_ocr/general',
		toIdentity: (m) => ({
			fullName: m.Name,
			idNumber: m.CardNumber,
			dateOfBirth: m.DateOfBirth,
			gender: m.Gender,
		}),
	},
	{
		value: 'mx',
		name: 'Mexico INE Voter ID',
		path: '/v1/mx_ocr/general',
		toIdentity: (m) => ({
			fullName: m.fullName ?? join(m.name, m.fatherLastName, m.motherLastName),
			givenNames: m.name,
			surname: join(m.fatherLastName, m.motherLastName),
			idNumber: m.idNumber,
			dateOfBirth: m.birthday,
			gender: m.gender,
		}),
	},
	{
		value: 'pk',
		name: 'Pakistan CNIC',
		path: '/v1/pk_ocr/general',
		toIdentity: (m) => ({
			fullName: m.name,
			idNumber: m.idNumber,
			dateOfBirth: m.birthDay,
			gender: m.gender,
			nationality: m.country,
			issueDate: m.issueDay,
			expiryDate: m.expiryDay,
		}),
	},
	{
		value: 'pe',
		name: 'Peru DNI',
		path: '/v1/pe_ocr/general',
		toIdentity: (m) => ({
			givenNames: m.ForeNames,
			surname: join(m.Surname, m.SecondSurname),
			idNumber: m.CardNumber,
			dateOfBirth: m.DateOfBirth,
			gender: m.gender,
			nationality: m.nationality,
			issueDate: m.dateOfIssue,
			expiryDate: m.dateOfExpiry,
		}),
	},
	{
		value: 'ph_dl',
		name: 'Philippines Driver’s License',
		path: '/v1/ph_ocr_dl/general',
		toIdentity: (m) => ({
			fullName: m.name ?? join(m.firstName, m.middleName, m.lastName),
			givenNames: join(m.firstName, m.middleName),
			surname: m.lastName,
			idNumber: m.licenseNo,
			dateOfBirth: m.birthday,
			gender: m.sex,
			nationality: m.nationality,
			expiryDate: m.expiresDate,
		}),
	},
	{
		value: 'ph_tin',
		name: 'Philippines TIN ID',
		path: '/v1/ph_ocr_tinid/general',
		toIdentity: (m) => ({
			fullName: m.fullName,
			idNumber: m.licenseNumber,
			dateOfBirth: m.birthday,
			issueDate: m.issueDate,
		}),
	},
	{
		value: 'ph_umid',
		name: 'Philippines UMID',
		path: '/v1/ph_ocr_umid/general',
		toIdentity: (m) => ({
			givenNames: join(m.givenName, m.middleName ?? m.MiddleName),
			surname: m.surname,
			idNumber: m.crn,
			dateOfBirth: m.birthday,
			gender: m.sex,
		}),
	},
	{
		value: 'ph_voter',
		name: 'Philippines Voter’s ID',
		path: '/v1/ph_ocr_vote/general',
		toIdentity: (m) => ({
			givenNames: m.firstName,
			surname: m.lastName,
			idNumber: m.vin,
			dateOfBirth: m.birthday,
			nationality: m.citizenship,
		}),
	},
	{
		value: 'ro',
		name: 'Romania ID Card',
		path: '/v1/ro_ocr/general',
		toIdentity: (m) => ({
			givenNames: m.first_name,
			surname: m.last_name,
			idNumber: join(m.series, m.number).replace(/\s+/g, ''),
			nationality: m.nationality,
		}),
	},
	{
		value: 'th_dl',
		name: 'Thailand Driver’s License',
		path: '/v1/th_ocr/general',
		toIdentity: (m) => ({
			fullName: m.nameEn,
			idNumber: m.licenseNumber,
			dateOfBirth: m.birthEn,
			issueDate: m.issueDate,
			expiryDate: m.expiryDate,
		}),
	},
	{
		value: 'th',
		name: 'Thailand ID Card',
		path: '/v1/th_ocr/general',
		toIdentity: (m) => ({
			givenNames: m.nameEn,
			surname: m.lastNameEn,
			idNumber: m.idNumber,
			dateOfBirth: m.birthEn,
			issueDate: m.issueDateEN,
			expiryDate: m.expiryDateEN,
		}),
	},
];
