'use strict';

// Response samples copied verbatim from the Iluma API documentation (seed 001), used by
// vendors/iluma.js. Only the values are here; which one is sent when is decided there.

/** ID card OCR "data" per type (seed: NIK, NPWP and passport examples). */
const ID_CARD_OCR_DATA = {
	indonesia_ktp: {
		idNumber: '1234567890123456',
		name: 'FIRA DIYANKA',
		religion: 'KRISTEN',
		gender: 'LAKI-LAKI',
		birthPlaceBirthday: 'JAKARTA,17-10-1975',
		province: 'JAWA TENGAH',
		city: 'KABUPATEN JEPARA',
		district: 'KELING',
		village: 'KELET',
		rtrw: '015/004',
		address: 'JL. VETERAN GG. GARUDA NO.73D/34',
		occupation: 'KARYAWAN SWASTA',
		expiryDate: '12-08-2016',
		nationality: 'WNI',
		maritalStatus: 'BELUM KAWIN',
	},
	npwp_card: {
		npwpId: '123456789123000',
		address: null,
		idNumber: null,
		npwpName: 'FIRA DIYANKA',
		registrationOffice: null,
	},
	passport: {
		gender: 'Female',
		country: 'UNITED STATES OF AMERICA',
		surname: 'TRAVELER',
		given_name: 'HAPPY',
		is_tampered: true,
		date_of_birth: '1965-02-05T00:00:00.000Z',
		date_of_issue: '2020-10-15T00:00:00.000Z',
		date_of_expiry: '2030-10-14T00:00:00.000Z',
		place_of_birth: 'WASHINGTON, D.C.,U.S.A.',
		passport_number: 'E00007734',
		issuing_authority: '',
	},
};

/** Business document OCR "result" of a readable SK_MENKEH. */
const BUSINESS_DOCUMENT_RESULT = {
	pages: 1,
	data: [
		{
			name: 'director_names',
			values: [
				{ value: 'MATTHEW DAVID ROSA', confidence_level: 99.80309041341145 },
				{ value: 'TIKA OSBOND SIRAIT', confidence_level: 99.58164469401042 },
				{ value: 'SIVA SAJAN BHUPATHI RAJU', confidence_level: 99.03042030334473 },
			],
		},
		{
			name: 'commisioner_names',
			values: [
				{ value: 'PANG SU KONG', confidence_level: 99.1666997273763 },
				{ value: 'ANTHONY RICARD CATINELLA', confidence_level: 99.64801025390625 },
			],
		},
		{
			name: 'shareholder_names',
			values: [
				{ value: 'METIS CONSULTANCY LIMITED', confidence_level: 99.80023193359375 },
				{ value: 'WASPMOBILE SERVICES PRIVATE LIMITED', confidence_level: 99.5948486328125 },
			],
		},
		{
			name: 'sk_menkeh_number',
			values: { value: 'AHU-0049135.AH.01.01.TAHUN 2016', confidence_level: 79.09121704101562 },
		},
		{
			name: 'legal_entity_name',
			values: { value: 'PT DIGITAL VISION PUBLISHING', confidence_level: 98.27043151855469 },
		},
		{
			name: 'date_of_registration',
			values: { value: '07 Oktober 2016', confidence_level: 99.31755828857422 },
		},
		{
			name: 'document_date',
			values: { value: '03 November 2016', confidence_level: 99.49999237060547 },
		},
		{ name: 'akta_number', values: { value: '02', confidence_level: 99.31755828857422 } },
		{
			name: 'notary',
			values: { value: 'BAHDER DJOHAN RAZAK,SH', confidence_level: 97.16451263427734 },
		},
		{
			name: 'place_of_registration',
			values: { value: 'KOTA ADMINISTRASI JAKARTA SELATAN', confidence_level: 99.05745697021484 },
		},
	],
};

/** Business document OCR "result" of an unreadable document. */
const BUSINESS_DOCUMENT_UNREADABLE_RESULT = {
	pages: 1,
	data: [
		{ name: 'director_names', values: [] },
		{ name: 'commisioner_names', values: [] },
		{ name: 'shareholder_names', values: [] },
		{ name: 'sk_menkeh_number', values: { value: null, confidence_level: 0 } },
		{ name: 'akta_number', values: { value: null, confidence_level: 0 } },
		{ name: 'legal_entity_name', values: { value: null, confidence_level: 0 } },
		{ name: 'date_of_registration', values: { value: null, confidence_level: 0 } },
		{ name: 'notary', values: { value: null, confidence_level: 0 } },
		{ name: 'establishment_place', values: { value: null, confidence_level: 0 } },
	],
};

/** The two DTTOT records of the seed example (request "Abdul Aziz"). */
const CFT_WATCHLIST = [
	{
		pid: 'dttot_77',
		name: 'AIMAN MUHAMMED RABI AL-ZAWAHIRI',
		aliases: [
			'AYMAN AL-ZAWAHARI',
			'AHMED FUAD SALIM',
			'AL ZAWAHRY AIMAN  MOHAMED RABI ABDEL MUAZ',
			'AL ZAWAHIRI AYMAN',
			'ABDUL QADER ABDUL AZIZ ABDUL MOEZ AL DOCTOR',
			'AL ZAWAHRY AIMAN MOHAMED RABI',
			'AL ZAWAHRY AIMAN MOHAMED RABIE',
			'AL ZAWAHRY AIMAN MOHAMED ROBI',
			'DHAWAHRI AYMAN',
			'EDDAOUAHIRI AYMAN',
			'NUR AL DEEN ABU MOHAMMED',
			'AYMAN AL ZAWAHARI',
			'AHMAD FUAD SALIM',
		],
		place_of_birth: 'Giza, Mesir',
		date_of_birth: '19-Jun-51',
		nationality: 'Mesir',
		origin: 'DTTOT',
		country_code: 'EG',
	},
	{
		pid: 'dttot_138',
		name: 'DAWOOD IBRAHIM KASKAR',
		aliases: [
			'DAWOOD EBRAHIM',
			'SHEIKH DAWOOD HASSAN',
			'ABDUL HAMID ABDUL AZIZ',
			'ANIS IBRAHIM',
			'AZIZ DILIP',
			'DAUD HASAN SHAIKH IBRAHIM KASKAR',
			'DAUD IBRAHIM MEMON KASKAR',
			'DAWOOD HASAN IBRAHIM KASKAR',
			'DAWOOD IBRAHIM MEMON',
			'DAWOOD SABRI',
			'KASKAR DAWOOD HASAN',
			'SHAIKH MOHD ISMAIL ABDUL REHMAN',
			'DOWOOD HASSAN SHAIKH IBRAHIM',
			'DAWOOD BHAI',
			'IBRAHIM SHAIKH MOHD ANIS ',
			'SHAIKH ISMAIL ABDUL ',
			'HIZRAT ',
			'SHEIKH FAROOQI ',
			'BADA SETH',
			'BADA BHAI',
			'IQBAL BHAI',
			'MUCCHAD',
			'HAJI SAHAB',
		],
		place_of_birth: 'Kher, Ratnagiri, Maharashtra, India',
		date_of_birth: '26-Dec-55',
		nationality: 'India',
		origin: 'DTTOT',
		country_code: 'IN',
	},
];

/** Document OCR capture "result" objects (seed COMPLETED example). */
const CAPTURE_RESULT = {
	id_card_ocr: {
		id: 'fc8e83a9-cd47-4094-9ecd-37f1988233fd',
		link: 'a70daa99-f031-4d43-903e-81226c41761a.jpeg',
		gender: 'M',
		address: 'Street 17',
		country: 'PH',
		surname: 'Test',
		given_name: 'Test name',
		is_tampered: false,
		date_of_birth: '1985-02-03',
		date_of_issue: '2018-06-20',
		document_name: 'Driver’s Licence',
		date_of_expiry: '2027-06-19',
		id_card_number: 'P1111111A',
		place_of_birth: 'SASMUAN PAMPANGA',
	},
	selfie: {
		id: 'e07193c3-8660-4ddf-91ed-addf86ea17f5',
		link: '86b5d614-70bd-4e25-827f-da55eaa17963.jpeg',
		are_eyes_open: true,
		face_mask_detected: false,
		is_face_cropped: false,
		multiple_faces_detected: false,
		is_live: true,
		confidence: 99,
		document_name: 'Selfie',
	},
	face_match_percentage: { is_a_match: false, match_score: 0.38 },
	business_registration_ocr: {
		id: '8cd03b5b-5cf5-458e-a499-62543395e89d',
		link: '571603d3-2b42-4cbe-a73a-ae36a49ec065.pdf',
		address: 'TANONG, MARIKINA CITY, NCR,SECOND DISTRICT,NATIONAL CAPITAL REGION (NCR)',
		is_tampered: false,
		business_name: 'Testcompany LLC',
		date_of_issue: '2018-05-03',
		document_name: 'Any Document',
		date_of_expiry: '2028-05-03',
		business_owner_name: 'John Bold',
		registration_number: '1111111',
		date_of_registration: '2018-05-03',
	},
};

module.exports = {
	ID_CARD_OCR_DATA,
	BUSINESS_DOCUMENT_RESULT,
	BUSINESS_DOCUMENT_UNREADABLE_RESULT,
	CFT_WATCHLIST,
	CAPTURE_RESULT,
};
