'use strict';

// What the demo prints last. With --once it stops n8n and the sandbox right after, so it names no
// address of them (says how to keep them running instead); with --outage it has just shown the
// outage, so it does not suggest it.

/**
 * @param {{ once: boolean, outage: boolean, n8nUrl: string, workflowId: string,
 *   owner: { email: string, password: string }, webhookPath: string, anyVendorPath: string,
 *   sandboxUrl: string }} facts
 */
function closingText({
	once,
	outage,
	n8nUrl,
	workflowId,
	owner,
	webhookPath,
	anyVendorPath,
	sandboxUrl,
}) {
	if (once)
		return (
			'--once: n8n and the sandbox stop now. `npm run demo` (without --once) does the same and keeps ' +
			'the n8n editor running, with a local login, until Ctrl-C' +
			(outage ? '.' : '; add `-- --outage` to see KYC (Any Vendor) past a vendor outage.')
		);
	return `n8n editor:  ${n8nUrl}/workflow/${workflowId}   (all examples: ${n8nUrl}/home/workflows)
  log in as  ${owner.email} / ${owner.password}   (a local demo account)
webhook:     POST ${n8nUrl}/webhook/${webhookPath} with JSON { applicantId, idImage, selfieImage, nik, name, bankAccountNumber, bankCode }
             (images as base64; inputs and outcomes: examples/README.md)
any vendor:  POST ${n8nUrl}/webhook/${anyVendorPath} with JSON { applicantId, idImage, selfieImage }
             (KYC (Any Vendor) in Failover${outage ? ')' : '; `npm run demo -- --outage` shows ekycpro down)'}
sandbox:     ${sandboxUrl}; n8n's credentials for ekycpro, WideKYC, Iluma, CLOVA OCR and Argos ID point at it

Running until Ctrl-C.`;
}

module.exports = { closingText };
