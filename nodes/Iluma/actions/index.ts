import type { KycResource } from '../../shared/types';
import { getApiKeys } from './account/getApiKeys.operation';
import { getValidation } from './bankAccount/getValidation.operation';
import { validateName as validateBankName } from './bankAccount/validateName.operation';
import { extract as extractDocument } from './businessDocument/extract.operation';
import { get as getDocument } from './businessDocument/get.operation';
import { getMany as getManyDocuments } from './businessDocument/getMany.operation';
import { createLink } from './capture/createLink.operation';
import { download } from './capture/download.operation';
import { get as getCapture } from './capture/get.operation';
import { getMany as getManyCaptures } from './capture/getMany.operation';
import { requestRecapture } from './capture/requestRecapture.operation';
import { screenIndividual } from './cft/screenIndividual.operation';
import { compare } from './face/compare.operation';
import { extract as extractIdCard } from './idCardOcr/extract.operation';
import { get as getIdCard } from './idCardOcr/get.operation';
import { getMany as getManyIdCards } from './idCardOcr/getMany.operation';
import { verifyIdCard } from './identity/verifyIdCard.operation';
import { validateName as validateKtpName } from './ktp/validateName.operation';

export const resources: KycResource[] = [
	{ value: 'bankAccount', name: 'Bank Account', operations: [validateBankName, getValidation] },
	{ value: 'ktp', name: 'KTP', operations: [validateKtpName] },
	{ value: 'identity', name: 'Identity', operations: [verifyIdCard] },
	{
		value: 'idCardOcr',
		name: 'ID Card OCR',
		operations: [extractIdCard, getIdCard, getManyIdCards],
	},
	{ value: 'face', name: 'Face', operations: [compare] },
	{
		value: 'cft',
		name: 'CFT Watchlist',
		operations: [screenIndividual],
	},
	{
		value: 'businessDocument',
		name: 'Business Document OCR',
		operations: [extractDocument, getDocument, getManyDocuments],
	},
	{
		value: 'capture',
		name: 'Document OCR Capture',
		operations: [createLink, getCapture, getManyCaptures, requestRecapture, download],
	},
	{ value: 'account', name: 'Account', operations: [getApiKeys] },
];
