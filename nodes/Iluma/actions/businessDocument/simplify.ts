import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to turn result.data (a list of {name, values}) into fields: { legal_entity_name: "PT …", director_names: ["…"] }, with the confidences beside them under confidence',
};

interface Reading {
	value?: unknown;
	confidence_level?: unknown;
}

/** result.data[] → { fields: { name: value | value[] }, confidence: { name: level | level[] } }. */
export function simplifyDocument(record: IDataObject): IDataObject {
	const result = record.result as IDataObject | undefined;
	if (!result || !Array.isArray(result.data)) return record;
	const fields: IDataObject = {};
	const confidence: IDataObject = {};
	for (const entry of result.data as IDataObject[]) {
		if (typeof entry?.name !== 'string') continue;
		const values = entry.values as Reading | Reading[] | undefined;
		if (Array.isArray(values)) {
			fields[entry.name] = values.map((reading) => reading.value ?? null) as IDataObject[];
			confidence[entry.name] = values.map(
				(reading) => reading.confidence_level ?? null,
			) as IDataObject[];
		} else {
			fields[entry.name] = (values?.value ?? null) as IDataObject;
			confidence[entry.name] = (values?.confidence_level ?? null) as IDataObject;
		}
	}
	const rest: IDataObject = { ...result };
	delete rest.data;
	return { ...record, result: rest, fields, confidence };
}
