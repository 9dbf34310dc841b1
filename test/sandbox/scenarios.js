'use strict';

/*
 * KYC vendor sandbox: scenarios
 * =============================
 *
 * One local HTTP server imitates the vendors as their public documentation describes them
 * (ekycpro and WideKYC pages, vendor-apis.md B and E). Each vendor lives under its own path prefix:
 *
 *   ekycpro  http://127.0.0.1:PORT/ekycpro   (e.g. POST /ekycpro/v1/id_ocr/general)
 *   WideKYC  http://127.0.0.1:PORT/widekyc   (e.g. POST /widekyc/api/passive-liveness)
 *   CLOVA    http://127.0.0.1:PORT/clova     (e.g. POST /clova/document/credit-card; its scenarios,
 *            secret and markers are described at the top of vendors/clova.js)
 *
 * Start it with `npm run sandbox` (or `node test/sandbox/cli.js --port 8787 --latency 0`,
 * port also from KYC_SANDBOX_PORT), or from a test with `startSandbox()` (test/sandbox/index.js).
 * Test images come from test/fixtures/images.js; `jpeg({ marker: 'no-face' })` produces an image
 * containing the text `SANDBOX:no-face`. A scenario is selected by such a marker in an uploaded
 * image, by a test NIK, or by a credential.
 *
 * Credentials
 * -----------
 *   ekycpro  header X-API-Key: sandbox-ekycpro-key
 *            anything else -> HTTP 401 {"status":"INVALID_KEY","message":"invalid api key"}
 *   WideKYC  header token:    sandbox-widekyc-token        active merchant, all products
 *                             sandbox-widekyc-inactive     HTTP 200 ERROR "Product is not activated. Please Check Available Products in Manage Product Menu"
 *                             sandbox-widekyc-quota        HTTP 200 ERROR "Quota Exceeded"
 *                             sandbox-widekyc-unapproved   HTTP 200 ERROR "Product is not activated yet by Admin"
 *            missing/unknown token -> HTTP 401 JSON
 *
 * ekycpro (all answers HTTP 200 {status, message} unless stated)
 * -------
 *   GET  /v1/balance                -> {"balance":100} (not billed)
 *   POST /v1/<code>/general  (OCR; form field img = base64 jpeg/png/bmp)
 *        codes: pe_ocr pk_ocr ro_ocr bd_ocr ph_ocr_umid ph_ocr_vote ph_ocr_dl ph_ocr_tinid id_ocr
 *               in_ocr_back my_ocr th_ocr mx_ocr co_ocr gn_ocr
 *        checks, in order: body not x-www-form-urlencoded, img missing/empty/not base64 -> INVALID_REQUEST
 *                          decoded image > 2 MiB (2097152 bytes)                -> IMAGE_INVALID_SIZE
 *                          not jpeg/png/bmp by magic bytes                       -> IMAGE_INVALID_FORMAT
 *        markers:  SANDBOX:recognition-fail    -> FAIL "check input image and retry"
 *                  SANDBOX:not-identity-card   -> FAIL "not identity card"
 *                  SANDBOX:card-not-recognized -> FAIL "card not recognized"
 *                  SANDBOX:inner-error         -> INNER_ERROR "Inner error, please retry later"
 *                  SANDBOX:card-back           -> bd_ocr / co_ocr answer with the back-side fields
 *                  SANDBOX:driver-license      -> th_ocr answers with the driver's license fields
 *                  none                        -> OK, message = that card's documented fields
 *                                                 (id_ocr: NIK 3201000000000001, BUDI SANTOSO)
 *   POST /v1/facecompare  (img1, img2; a non-image is INVALID_REQUEST, there is no IMAGE_INVALID_FORMAT)
 *                  none                        -> OK {"similarity":92.5,"result":"SAME PERSON"}
 *                  SANDBOX:face-unsure         -> OK {"similarity":55,"result":"NOT SURE"}
 *                  SANDBOX:face-different      -> OK {"similarity":20,"result":"NOT SAME PERSON"}
 *                  SANDBOX:no-face             -> RETRY_LATER "image detect face fail"
 *                  SANDBOX:inner-error         -> INNER_ERROR
 *   POST /v1/picturelive  (img, country, detail; image checks as OCR)
 *                  none                        -> OK {"live_score":0.98} (+ detail=1: "is_liveness":true,"reason":"success")
 *                  SANDBOX:multiple-faces      -> OK {"live_score":0.12} (+ detail=1: false, "multiple faces")
 *                  SANDBOX:no-liveness-face    -> same, reason "no liveness face"
 *                  SANDBOX:eyes-closed         -> same, reason "eyes closed"
 *                  SANDBOX:age-dissatisfaction -> same, reason "age dissatisfaction"
 *                  SANDBOX:inner-error         -> INNER_ERROR
 *   POST /v1/ididcheck  (id = NIK, name optional, callback accepted and ignored)
 *        id missing -> INVALID_REQUEST; id not exactly 16 digits -> INVALID_ID_NUMBER
 *        3201000000000001 (BUDI SANTOSO) -> OK {"score":0.97} with no name or a matching name
 *                                           (case/space-insensitive), NOT {"score":0.31} otherwise
 *        3201000000000002                -> PERSON_NOT_FOUND
 *        3201000000000003                -> RETRY_LATER
 *        any other 16-digit NIK          -> OK {"score":0.9}
 *   Unknown path -> HTTP 404 {"status":"NOT_FOUND",...}; known path, wrong method -> HTTP 405.
 *
 * WideKYC (POST JSON; errors in a 200 are {"statusCode":"ERROR","responseStatusDetails":[{description,type:"Exception"}]})
 * -------
 *   /api/passive-liveness {cust_ref_no, selfie_image}  -> result "True"; SANDBOX:spoof -> result "False"
 *   /api/id-recognize     {cust_ref_no, id_image}      -> the documented eKTP example (nik 3671121401010004)
 *   /api/id-validation    {cust_ref_no, nik, name?, birth_date?, birth_place?, address?, selfie_image?}
 *        3201000000000001: BUDI SANTOSO, 01-02-1990, JAKARTA; each sent field compared
 *                          case-insensitively; address always true; selfie_photo 10 when a selfie was sent
 *        3201000000000002: nik false and every sent field false (selfie_photo 0)
 *        other 16-digit NIK: every sent field true
 *        data only carries the fields that were sent (nik always).
 *   In any image: SANDBOX:server-error -> HTTP 500, SANDBOX:unavailable -> 503, SANDBOX:gateway-timeout -> 504.
 *   Content-Type not JSON, body not a JSON object, cust_ref_no / selfie_image / id_image / nik missing,
 *   an image that is not base64, or a nik that is not 16 digits -> HTTP 200 ERROR naming the field.
 *   ref_id echoes cust_ref_no; trx_id is fresh (yyyyMMddHHmmss + 4 digits); timestamp is now (ms).
 *   Unknown path -> HTTP 404; wrong method -> HTTP 405.
 *
 * Whole-server behaviour
 * ----------------------
 *   Latency (latencyMs) delays every vendor answer. Rate limit {limit, windowMs, retryAfterSeconds}:
 *   the (limit+1)th vendor request admitted within a sliding windowMs gets HTTP 429 with
 *   Retry-After (retryAfterSeconds, or the seconds until a slot frees). Faults
 *   ({vendor?, path?, status, count=1, retryAfter?, body?, drop?, delayMs?}) answer the next
 *   `count` matching vendor requests before credentials are checked; drop:true destroys the socket.
 *   A fault with `bodyIncludes` (a string) matches only requests whose raw body contains it, e.g. one
 *   item's NIK, so that one item of several fails on every try.
 *   `vendor` is 'ekycpro' or 'wideKyc' (any case); `path` is the full path ('/widekyc/api/id-recognize')
 *   or the path below the prefix ('/api/id-recognize'); without `body` the answer is a small JSON error.
 *   reset() clears faults, the log and rate-limit counters, and restores latency/rate limit to the
 *   values the sandbox was started with (0 / none by default).
 *   Request bodies over 25 MB -> HTTP 413. Control API under /__sandbox/: POST config, POST faults,
 *   GET requests, POST reset, GET health. The request log holds {vendor, method, path, status, at}
 *   only (status null for a dropped connection); no bodies, headers or query strings.
 */

const EKYCPRO_API_KEY = 'sandbox-ekycpro-key';

const WIDEKYC_TOKENS = Object.freeze({
	active: 'sandbox-widekyc-token',
	inactive: 'sandbox-widekyc-inactive',
	quotaExceeded: 'sandbox-widekyc-quota',
	unapproved: 'sandbox-widekyc-unapproved',
});

/** Descriptions copied from the WideKYC wiki (seed 004) for the three account errors. */
const WIDEKYC_ACCOUNT_ERRORS = Object.freeze({
	[WIDEKYC_TOKENS.inactive]:
		'Product is not activated. Please Check Available Products in Manage Product Menu',
	[WIDEKYC_TOKENS.quotaExceeded]: 'Quota Exceeded',
	[WIDEKYC_TOKENS.unapproved]: 'Product is not activated yet by Admin',
});

/** Marker names; an image carries `SANDBOX:<name>` (see markerText). */
const MARKERS = Object.freeze({
	// ekycpro OCR
	recognitionFail: 'recognition-fail',
	notIdentityCard: 'not-identity-card',
	cardNotRecognized: 'card-not-recognized',
	innerError: 'inner-error',
	cardBack: 'card-back',
	driverLicense: 'driver-license',
	// ekycpro face comparison
	noFace: 'no-face',
	faceDifferent: 'face-different',
	faceUnsure: 'face-unsure',
	// ekycpro liveness
	multipleFaces: 'multiple-faces',
	noLivenessFace: 'no-liveness-face',
	eyesClosed: 'eyes-closed',
	ageDissatisfaction: 'age-dissatisfaction',
	// WideKYC
	spoof: 'spoof',
	serverError: 'server-error',
	unavailable: 'unavailable',
	gatewayTimeout: 'gateway-timeout',
});

const MARKER_PREFIX = 'SANDBOX:';

function markerText(name) {
	return MARKER_PREFIX + name;
}

/** Indonesian NIKs with a fixed sandbox answer (both ekycpro ididcheck and WideKYC id-validation). */
const NIKS = Object.freeze({
	registered: '3201000000000001',
	notFound: '3201000000000002',
	retryLater: '3201000000000003', // ekycpro only
});

/** The person registered under NIKS.registered. */
const REGISTERED_PERSON = Object.freeze({
	nik: NIKS.registered,
	name: 'BUDI SANTOSO',
	birthDate: '01-02-1990',
	birthPlace: 'JAKARTA',
});

const EKYCPRO_OCR_CODES = Object.freeze([
	'pe_ocr',
	'pk_ocr',
	'ro_ocr',
	'bd_ocr',
	'ph_ocr_umid',
	'ph_ocr_vote',
	'ph_ocr_dl',
	'ph_ocr_tinid',
	'id_ocr',
	'in_ocr_back',
	'my_ocr',
	'th_ocr',
	'mx_ocr',
	'co_ocr',
	'gn_ocr',
]);

module.exports = {
	EKYCPRO_API_KEY,
	WIDEKYC_TOKENS,
	WIDEKYC_ACCOUNT_ERRORS,
	MARKERS,
	MARKER_PREFIX,
	markerText,
	NIKS,
	REGISTERED_PERSON,
	EKYCPRO_OCR_CODES,
};
