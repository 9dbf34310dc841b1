'use strict';

// CLOVA OCR answers. The credit-card success and failure payloads are the seed's (002) verbatim,
// except for one trailing comma that made the seed's JSON invalid. The other models' values are
// invented; their shapes follow what could be checked (the response-field tables of NAVER's per-model
// pages were not readable here):
// - receipt: NAVER's receipt example as copied in public notes, and a real receipt answer kept in a
//   public repository (keyText, confidenceScore, boundingPolys, maskingPolys; bizNum's formatted value
//   is the dashed number, tel's the bare digits, dates formatted as year/month/day);
// - id-card: NAVER's own eKYC SDK model of the same result (isConfident, ic/dl/pp/ac lists of values,
//   idtype) and a real resident-card answer logged in a public repository ("idtype": "ID Card", rois,
//   values with text, formatted and maskingPolys but no confidence); idtype spellings and the dl/pp/ac
//   field names from public client code;
// - name card, business license: field names as public client code reads them (a licence also
//   carries the representative's resident number, socialNumber / coRepSocialNum);
// - not verified: the global passport model (/passport) and its mrz, the receipt's paymentInfo.time
//   and items' price / unitPrice.

const poly = (x, y, w, h) => ({
	vertices: [
		{ x, y },
		{ x: x + w, y },
		{ x: x + w, y: y + h },
		{ x, y: y + h },
	],
});

/** One recognised value as the Document OCR models return it. */
function value(text, formatted, confidenceScore = 0.98, at = [100, 100]) {
	return {
		text,
		...(formatted ? { formatted } : {}),
		keyText: '',
		confidenceScore,
		boundingPolys: [poly(at[0], at[1], 200, 40)],
		maskingPolys: [],
	};
}
const plain = (text, confidence) => value(text, { value: text }, confidence);
const date = (text, year, month, day) => value(text, { year, month, day });

/** One ID card value as the id-card model returns it: no keyText and no confidence. */
function idValue(text, formatted, maskingPolys = []) {
	return { boundingPolys: [poly(100, 100, 200, 40)], formatted, text, maskingPolys };
}
const idText = (text) => idValue(text, { value: text });
const idDate = (text, year, month, day) => idValue(text, { year, month, day });
/** The card's outline on the image, which the id-card model reports beside the fields. */
const ROIS = [poly(3, 4, 750, 470)];

// Seed 002, "Success".
const CREDIT_CARD_SUCCESS = {
	version: 'V2',
	requestId: '1234',
	timestamp: 1725005676747,
	images: [
		{
			uid: '{uid}',
			name: 'creditcard_test',
			inferResult: 'SUCCESS',
			message: 'SUCCESS',
			validationResult: {
				result: 'NO_REQUESTED',
			},
			creditCard: {
				result: {
					name: {
						text: 'KAIY*** VENY***',
						confidence: 0.8576972,
						boundingPoly: {
							vertices: [],
						},
						subBoundingPolys: [
							{
								vertices: [
									{ x: 192.0, y: 609.0 },
									{ x: 407.0, y: 609.0 },
									{ x: 407.0, y: 651.0 },
									{ x: 192.0, y: 651.0 },
								],
							},
						],
					},
					number: {
						text: '512571781234****',
						confidence: 0.999885,
						boundingPoly: {
							vertices: [
								{ x: 187.0, y: 450.0 },
								{ x: 1007.0, y: 450.0 },
								{ x: 1007.0, y: 506.0 },
								{ x: 187.0, y: 506.0 },
							],
						},
						subBoundingPolys: [
							{
								vertices: [
									{ x: 187.0, y: 450.0 },
									{ x: 360.0, y: 450.0 },
									{ x: 360.0, y: 506.0 },
									{ x: 187.0, y: 506.0 },
								],
							},
						],
					},
					validThru: {
						text: '09/23',
						confidence: 0.9999175,
						boundingPoly: {
							vertices: [
								{ x: 585.0, y: 557.0 },
								{ x: 735.0, y: 557.0 },
								{ x: 735.0, y: 600.0 },
								{ x: 585.0, y: 600.0 },
							],
						},
						subBoundingPolys: [],
					},
				},
			},
		},
	],
};

// Seed 002, "Failure".
const CREDIT_CARD_FAILURE = {
	version: 'V2',
	requestId: '4567',
	timestamp: 1725003278037,
	images: [
		{
			uid: '{uid}',
			name: 'receipt_test2',
			inferResult: 'ERROR',
			message: 'Read page:0 error.',
			validationResult: {
				result: 'NO_REQUESTED',
			},
		},
	],
};

const RECEIPT = {
	meta: { estimatedLanguage: 'ko' },
	result: {
		storeInfo: {
			name: plain('스타벅스 역삼점'),
			bizNum: value('1234567890', { value: '123-45-67890' }),
			addresses: [plain('서울특별시 강남구 테헤란로 152')],
			tel: [value('02-123-4567', { value: '021234567' })],
		},
		paymentInfo: {
			date: date('2024-08-30', '2024', '08', '30'),
			time: value('13:45:10', { hour: '13', minute: '45', second: '10' }),
			cardInfo: {
				company: plain('신한카드'),
				number: value('5125-71**-****-1234', { value: '512571******1234' }),
			},
			confirmNum: plain('30012345'),
		},
		subResults: [
			{
				items: [
					{
						name: plain('아메리카노'),
						count: plain('2'),
						price: {
							price: value('9,000', { value: '9000' }),
							unitPrice: value('4,500', { value: '4500' }),
						},
					},
				],
			},
		],
		totalPrice: { price: value('9,000', { value: '9000' }) },
		subTotal: [{ taxPrice: [value('818', { value: '818' })] }],
	},
};

const NAME_CARD = {
	meta: { estimatedLanguage: 'ko' },
	result: {
		name: [plain('김네이버')],
		company: [plain('네이버클라우드')],
		department: [plain('AI 서비스팀')],
		position: [plain('매니저')],
		address: [plain('경기도 성남시 분당구 정자일로 95')],
		tel: [plain('031-123-4567')],
		mobile: [plain('010-1234-5678')],
		email: [plain('clova@example.com')],
		fax: [plain('031-123-4568')],
		homepage: [plain('www.ncloud.com')],
	},
};

const BIZ_LICENSE = {
	meta: { estimatedLanguage: 'ko' },
	result: {
		documentType: [plain('사업자등록증')],
		registerNumber: [plain('123-45-67890')],
		corpName: [plain('주식회사 클로바')],
		repName: [plain('홍길동')],
		socialNumber: [plain('800101-1234567')],
		openDate: [date('2015 년 03 월 02 일', '2015', '03', '02')],
		bisAddress: [plain('서울특별시 강남구 테헤란로 152')],
		headAddress: [plain('서울특별시 강남구 테헤란로 152')],
		bisType: [plain('서비스')],
		bisItem: [plain('소프트웨어 개발')],
		issuanceDate: [date('2015 년 03 월 05 일', '2015', '03', '05')],
		taxType: [plain('법인사업자')],
	},
};

const RESIDENT_CARD = {
	result: {
		idtype: 'ID Card',
		rois: ROIS,
		ic: {
			address: [idText('서울특별시 종로구 세종대로 209')],
			authority: [idText('서울특별시 종로구청장')],
			name: [idText('홍길동')],
			personalNum: [
				idValue('900101-1234567', { value: '900101-1234567' }, [poly(300, 200, 120, 40)]),
			],
			issueDate: [idDate('2019.3.15.', '2019', '03', '15')],
		},
		isConfident: true,
	},
	meta: { estimatedLanguage: 'ko' },
};

const DRIVER_LICENSE = {
	result: {
		idtype: "Driver's License",
		rois: ROIS,
		dl: {
			type: [idText('1종보통')],
			num: [idText('11-19-123456-01')],
			name: [idText('홍길동')],
			personalNum: [idText('900101-1234567')],
			address: [idText('서울특별시 종로구 세종대로 209')],
			renewStartDate: [idDate('2029.01.01', '2029', '01', '01')],
			renewEndDate: [idDate('2029.12.31', '2029', '12', '31')],
			condition: [idText('')],
			code: [idText('A1B2C3')],
			organDate: [idDate('2019.01.01', '2019', '01', '01')],
			issueDate: [idDate('2019.01.15', '2019', '01', '15')],
			authority: [idText('서울지방경찰청장')],
		},
		isConfident: true,
	},
	meta: { estimatedLanguage: 'ko' },
};

const PASSPORT = {
	meta: { estimatedLanguage: 'en' },
	result: {
		type: plain('P'),
		issuingCountry: plain('KOR'),
		passportNo: plain('M12345678'),
		surname: plain('HONG'),
		givenName: plain('GILDONG'),
		nationality: value('REPUBLIC OF KOREA', { value: 'KOR' }),
		birthDate: date('01 JAN 1990', '1990', '01', '01'),
		sex: plain('M'),
		issueDate: date('15 MAR 2019', '2019', '03', '15'),
		expiryDate: date('15 MAR 2029', '2029', '03', '15'),
		mrz: {
			mrz1: plain('P<KORHONG<<GILDONG<<<<<<<<<<<<<<<<<<<<<<<<<<<'),
			mrz2: plain('M12345678<KOR9001011M2903151<<<<<<<<<<<<<<<0'),
		},
	},
};

/** General OCR: one field per word, V2 layout with lineBreak. */
const GENERAL_FIELDS = [
	['CLOVA', 0.9998, false],
	['OCR', 0.9995, true],
	['Hello', 0.9871, false],
	['world', 0.9902, true],
].map(([inferText, inferConfidence, lineBreak], index) => ({
	valueType: 'ALL',
	boundingPoly: poly(40 + index * 120, 40, 100, 30),
	inferText,
	inferConfidence,
	type: 'NORMAL',
	lineBreak,
}));

const GENERAL_TABLE = {
	cells: [
		['Item', 0, 0],
		['Price', 0, 1],
		['Coffee', 1, 0],
		['4500', 1, 1],
	].map(([inferText, rowIndex, columnIndex]) => ({
		cellTextLines: [
			{
				boundingPoly: poly(40 + columnIndex * 100, 200 + rowIndex * 30, 90, 25),
				cellWords: [
					{
						boundingPoly: poly(40 + columnIndex * 100, 200 + rowIndex * 30, 90, 25),
						inferText,
						inferConfidence: 0.99,
					},
				],
			},
		],
		boundingPoly: poly(40 + columnIndex * 100, 200 + rowIndex * 30, 100, 30),
		inferConfidence: 0.99,
		rowSpan: 1,
		rowIndex,
		columnSpan: 1,
		columnIndex,
	})),
	boundingPoly: poly(40, 200, 200, 60),
	inferConfidence: 0.99,
};

/** Templates deployed in the sandbox's domain: id → name and fields. */
const TEMPLATES = {
	390: {
		name: 'invoice',
		title: 'INVOICE',
		fields: [
			['invoiceNumber', 'INV-2024-0042', 0.9991],
			['customer', 'ACME Korea Co., Ltd.', 0.9874],
			['total', '1,250,000', 0.9962],
		],
	},
	391: {
		name: 'order form',
		title: 'ORDER',
		fields: [['orderNumber', 'PO-7781', 0.9921]],
	},
};

module.exports = {
	CREDIT_CARD_SUCCESS,
	CREDIT_CARD_FAILURE,
	RECEIPT,
	NAME_CARD,
	BIZ_LICENSE,
	RESIDENT_CARD,
	DRIVER_LICENSE,
	PASSPORT,
	GENERAL_FIELDS,
	GENERAL_TABLE,
	TEMPLATES,
	poly,
};
