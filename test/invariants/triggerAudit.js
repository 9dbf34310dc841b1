'use strict';
/**
 * The triggers' audit record (Options → Audit Record, docs/nodes/*-trigger.md), checked on every
 * item a trigger emitted in a test: present unless the option is off, and made only of its five
 * fields from their fixed vocabularies, so that it can carry nothing about the applicant.
 * `vendorReference` is the item's own reference (Iluma's `id`, Argos's `submission_id`), `event` its
 * event, `receivedAt` a time within the call.
 */

const TRIGGERS = {
	ilumaTrigger: {
		vendor: 'iluma',
		reference: (json) => json.id,
		event: (json) => json.iluma_event,
		rules: /^callbackToken$/,
	},
	argosIdTrigger: {
		vendor: 'argos',
		reference: (json) => json.submission_id,
		event: (json) => json.webhook_trigger,
		rules: /^((sourceIp|forwardedSourceIp)(\+decrypted(Gcm|Ecb))?|decryptedGcm)$/,
	},
};
const FIELDS = ['vendor', 'event', 'vendorReference', 'receivedAt', 'verifiedBy'];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The vendor's id as an audit record keeps it: a short single-line string, or nothing. */
function referenceText(value) {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	return text !== '' && text.length <= 128 && !/\s/.test(text) ? text : undefined;
}

function itemViolations(trigger, json, run, where) {
	const off = run.parameters?.options?.auditRecord === false;
	const { audit } = json;
	if (off) return audit === undefined ? [] : [`${where}: audit present with Audit Record off`];
	if (!audit || typeof audit !== 'object') return [`${where}: no audit record`];
	const problems = [];
	const extra = Object.keys(audit).filter((key) => !FIELDS.includes(key));
	if (extra.length) problems.push(`fields ${extra.join(', ')} beyond the five`);
	if (audit.vendor !== trigger.vendor) problems.push(`vendor ${audit.vendor}`);
	if (audit.event !== trigger.event(json)) problems.push(`event is not the item's event`);
	const reference = referenceText(trigger.reference(json));
	// Privacy masks an all-digit `id` in the item; the audit keeps the vendor's reference whole.
	const masked = reference !== undefined && reference.includes('*');
	if (!masked && audit.vendorReference !== reference)
		problems.push(`vendorReference is not the item's reference`);
	if (!trigger.rules.test(audit.verifiedBy)) problems.push(`verifiedBy ${audit.verifiedBy}`);
	const at = ISO_TIME.test(audit.receivedAt) ? Date.parse(audit.receivedAt) : NaN;
	if (!(at >= run.startedAt && at <= run.endedAt)) problems.push(`receivedAt ${audit.receivedAt}`);
	return problems.map((problem) => `${where}: audit ${problem}`);
}

module.exports = function checkTriggerAudit(runs) {
	const violations = [];
	runs.forEach((run, index) => {
		const trigger = TRIGGERS[run.nodeType];
		const outputs = run.kind === 'webhook' && trigger && run.result?.result?.workflowData;
		if (!outputs) return;
		outputs.flat().forEach((item, itemIndex) => {
			const where = `run ${index} (${run.nodeType}) item ${itemIndex}`;
			violations.push(...itemViolations(trigger, item.json, run, where));
		});
	});
	return violations;
};
