'use strict';

// Credentials that point a vendor node at the e2e sandbox, for suites that bring their own (so each
// suite still runs alone under KYC_E2E_SUITES). `credential(sandbox, type, id)` is the import entry;
// `credentialRef(type, id)` is what a node's `credentials` names.

const DATA = {
	ekycProApi: (s) => ({ apiKey: s.keys.ekycpro.apiKey, baseUrl: s.baseUrls.ekycpro }),
	ilumaApi: (s) => ({ apiKey: s.keys.iluma.apiKey, baseUrl: s.baseUrls.iluma }),
	wideKycApi: (s) => ({ token: s.keys.wideKyc.token, serverUrl: s.baseUrls.wideKyc }),
	clovaOcrApi: (s) => ({ invokeUrl: s.baseUrls.clova, secretKey: s.keys.clova.secretKey }),
	argosIdApi: (s) => ({
		apiKey: s.keys.argos.apiKey,
		baseUrl: s.baseUrls.argos,
		secretKey: s.keys.argos.secretKey,
	}),
};

const nameOf = (type, id) => `${type} (${id})`;

const credential = (sandbox, type, id) => ({
	id,
	name: nameOf(type, id),
	type,
	data: DATA[type](sandbox),
});

const credentialRef = (type, id) => ({ [type]: { id, name: nameOf(type, id) } });

module.exports = { credential, credentialRef };
