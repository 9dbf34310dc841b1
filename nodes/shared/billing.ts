/**
 * Whether an operation bills, declared once per operation: its action text (what n8n sends an AI
 * agent as the tool's description: "{action} in {node}") and its description say it from here.
 * A test holds every declaration to the calls the operation sends (`billable ?? !repeatable`).
 */
export type OperationBilling = 'perCall' | 'free' | 'undocumented';

const TAGS: Record<OperationBilling, string> = {
	perCall: 'billed per call',
	free: 'free',
	undocumented: 'may be billed',
};

/** The action as the nodes panel and an agent's tool list show it: "Get the account balance (free)". */
export function actionWithBilling(action: string, billing: OperationBilling): string {
	return `${action} (${TAGS[billing]})`;
}

/** The operation's description with one sentence on its billing. */
export function describeBilling(
	description: string,
	billing: OperationBilling,
	vendor: string,
): string {
	const sentence: Record<OperationBilling, string> = {
		perCall: `Billed by ${vendor} per call.`,
		free: `Free: a look-up, not billed by ${vendor}.`,
		undocumented: `May be billed: ${vendor}’s documents do not say, so Max Billed Calls counts it as billed.`,
	};
	return `${description.replace(/\.$/, '')}. ${sentence[billing]}`;
}
