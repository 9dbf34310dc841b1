import * as workflow from 'n8n-workflow';

type SleepWithAbort = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Waits `ms`, rejecting as soon as the execution is cancelled.
 * n8n-workflow 1.x exports `sleepWithAbort`; 2.x folded it into `sleep(ms, signal)`.
 */
export async function waitOrAbort(ms: number, signal?: AbortSignal): Promise<void> {
	const legacy = (workflow as unknown as { sleepWithAbort?: SleepWithAbort }).sleepWithAbort;
	const sleep = (legacy ?? workflow.sleep) as SleepWithAbort;
	if (signal?.aborted) throw new CancelledError();
	// sleep rejects with the signal's reason on cancel; what matters is only that it was cancelled.
	await sleep(ms, signal).catch(() => undefined);
	if (signal?.aborted) throw new CancelledError();
}

export class CancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'CancelledError';
	}
}
