import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../shared/errors';
import { quoteInput } from '../shared/privacy';
import type { KycItemContext } from '../shared/types';

const LANGUAGES = ['ko', 'en', 'ja', 'zh-TW'];

export const languagesProperty: INodeProperties = {
	displayName: 'Languages',
	name: 'languages',
	type: 'multiOptions',
	options: [
		{ name: 'Chinese (Traditional)', value: 'zh-TW' },
		{ name: 'English', value: 'en' },
		{ name: 'Japanese', value: 'ja' },
		{ name: 'Korean', value: 'ko' },
	],
	default: [],
	description: 'The languages to recognise; none uses the language setting of your CLOVA domain',
};

/** `lang` as CLOVA takes it ("ko,ja"), or nothing so that the domain's setting applies. */
export function languageField(ctx: KycItemContext): IDataObject {
	const chosen = ctx.param<string[]>('languages', []) ?? [];
	const unknown = chosen.filter((language) => !LANGUAGES.includes(language));
	if (unknown.length) {
		throw new InputProblem(
			'Languages',
			`${unknown.map(quoteInput).join(', ')} is not one of ${LANGUAGES.join(', ')}`,
		);
	}
	return chosen.length ? { lang: chosen.join(',') } : {};
}
