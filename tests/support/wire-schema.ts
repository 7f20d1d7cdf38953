import { Ajv, type ValidateFunction } from 'ajv';
import { wireSchemaOf } from '../../shared/sync/wire-schema';
import type { Client } from '../../shared/domain/client';

/**
 * For tests: the documents' schemas as the server reads them (Ajv, strict, unknown fields refused, no coercion),
 * and a check that a schema uses only what RxDB and JSON Schema both understand.
 */
export function wireValidator(schema: Parameters<typeof wireSchemaOf>[0]): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, removeAdditional: false });
  return ajv.compile(wireSchemaOf(schema));
}

/** What a document looks like on the wire: the document plus the replication's deletion flag. */
export function onWire<T extends object>(doc: T): T & { _deleted: boolean } {
  return { ...doc, _deleted: false };
}

const SHARED_KEYWORDS = new Set([
  'type',
  'properties',
  'items',
  'required',
  'enum',
  'maxLength',
  'minLength',
  'maximum',
  'minimum',
  'multipleOf',
  'pattern',
  'uniqueItems',
  'maxItems',
  'minItems',
  'additionalProperties',
]);

/**
 * Problems with a collection schema's properties: a keyword outside the set both RxDB and Ajv understand, or a
 * string without maxLength. Empty means none. (`{}`, any value, is allowed: conflict records need it.)
 */
export function schemaProblems(properties: Readonly<Record<string, unknown>>, at = ''): string[] {
  const problems: string[] = [];
  for (const [name, definition] of Object.entries(properties)) {
    problems.push(...definitionProblems(definition as Record<string, unknown>, `${at}${name}`));
  }
  return problems;
}

function definitionProblems(definition: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  for (const keyword of Object.keys(definition)) {
    if (!SHARED_KEYWORDS.has(keyword)) problems.push(`${at}: keyword ${keyword}`);
  }
  if (definition.type === 'string' && typeof definition.maxLength !== 'number') {
    problems.push(`${at}: string without maxLength`);
  }
  if (definition.properties !== undefined) {
    problems.push(...schemaProblems(definition.properties as Record<string, unknown>, `${at}.`));
  }
  if (definition.items !== undefined) {
    problems.push(...definitionProblems(definition.items as Record<string, unknown>, `${at}[]`));
  }
  return problems;
}

/** A client with every section filled, as the forms would produce it. */
export function fullClient(): Client {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    names: { latin: 'Zoë Hartley-Łukasiewicz', katakana: 'ゾーイ・ハートリー', kanji: '張 美玲' },
    nationality: 'GB',
    dateOfBirth: '1968-07-14',
    languages: ['en-GB', 'ja'],
    contact: { email: 'zoe@example.co.uk', phone: '+442079460018', address: '1 Example Row\nLondon' },
    passport: { number: 'X1234567', country: 'GB', expiryDate: '2030-05-31' },
    preferences: {
      notes: 'Quiet rooms',
      seat: 'aisle',
      room: 'japanese-style',
      dietary: 'Japanese breakfast',
    },
    emergencyContacts: [{ name: 'Tom Hartley', relationship: 'spouse', phone: '+447911123456' }],
    lifestyle: { dietaryRestrictions: ['pescatarian'], mobilityNeeds: 'No stairs', allergies: ['feathers'] },
    status: 'active',
    assignedStaffIds: ['00000000-0000-4000-8000-0000000000aa'],
    createdAt: 1,
    updatedAt: 2,
  };
}
