import { DATA_CATEGORIES } from './incident';
import { clientSchema } from './client';
import { consentSchema } from './consent';
import { MEDICAL_FIELDS } from './medical';
import { partnerSchema } from './partner';
import { provisionSchema } from './provision';
import { dataSubjectRequestSchema } from './request';
import { CLIENT_EXPORT_FORMAT, CLIENT_EXPORT_SCHEMA_VERSION } from './request-export';
import { SHARE_FIELDS, SHARE_REQUEST_STATUSES } from './share-request';
import {
  TRIP_ITEM_LOCATION_MAX_LENGTH,
  TRIP_ITEM_NOTES_MAX_LENGTH,
  TRIP_TITLE_MAX_LENGTH,
  tripSchema,
} from './trip';
import { epochMsSchema, uuidSchema } from './schema-parts';

/**
 * The JSON Schema (draft-07) of the client export, version 1 (request-export.ts; docs/client-export.md). The
 * records inside reuse the synced collections' own schemas, less the local store's keywords and the `conflicts`
 * field (open edit conflicts are the device's bookkeeping, not the client's data), so the export's schema moves
 * with the collections'. A change that breaks a reader raises CLIENT_EXPORT_SCHEMA_VERSION.
 */

type Schema = Record<string, unknown>;

/** A collection's schema as plain JSON Schema: without RxDB's keywords, without `conflicts`. */
function documentSchema(schema: Schema, drop: readonly string[] = ['conflicts']): Schema {
  const { properties, required, ...rest } = schema as Schema & {
    properties: Record<string, unknown>;
    required: readonly string[];
  };
  delete rest.primaryKey;
  delete rest.version;
  delete rest.indexes;
  return {
    ...rest,
    properties: Object.fromEntries(Object.entries(properties).filter(([key]) => !drop.includes(key))),
    required: required.filter((key) => !drop.includes(key)),
  };
}

const text = { type: 'string' } as const;
const array = (items: Schema) => ({ type: 'array', items }) as const;
const object = (properties: Schema, required: readonly string[]) =>
  ({ type: 'object', properties, required, additionalProperties: false }) as const;

/**
 * A trip as exported: the collection's schema, each item with the optional `openedDetails` (version 4): the
 * sealed details of a medical item, opened with the exporting device's grant.
 */
function exportedTripSchema(): Schema {
  const trip = documentSchema(tripSchema) as Schema & { properties: Record<string, Schema> };
  const items = trip.properties.items as Schema & { items: Schema & { properties: Schema } };
  const openedDetails = object(
    {
      title: { type: 'string', maxLength: TRIP_TITLE_MAX_LENGTH },
      location: { type: 'string', maxLength: TRIP_ITEM_LOCATION_MAX_LENGTH },
      notes: { type: 'string', maxLength: TRIP_ITEM_NOTES_MAX_LENGTH },
    },
    ['title'],
  );
  return {
    ...trip,
    properties: {
      ...trip.properties,
      items: {
        ...items,
        items: {
          ...items.items,
          properties: { ...items.items.properties, openedDetails },
          // Only a sealed item's details are opened.
          dependencies: { openedDetails: ['sealedDetails'] },
        },
      },
    },
  };
}

const shareRequestSchema = {
  type: 'object',
  properties: {
    id: uuidSchema,
    clientId: uuidSchema,
    partnerName: text,
    partnerId: uuidSchema,
    partnerCountry: text,
    purpose: text,
    purposeCode: text,
    fields: array({ type: 'string', enum: [...SHARE_FIELDS] }),
    status: { type: 'string', enum: [...SHARE_REQUEST_STATUSES] },
    requestedBy: uuidSchema,
    requestedAt: epochMsSchema,
    decidedBy: uuidSchema,
    decidedAt: epochMsSchema,
    decisionNote: text,
    cancelledAt: epochMsSchema,
    cancelReason: text,
    cancelledByRecord: uuidSchema,
    tripId: uuidSchema,
    tripItemId: uuidSchema,
  },
  required: ['id', 'clientId', 'partnerName', 'purpose', 'fields', 'status', 'requestedBy', 'requestedAt'],
  additionalProperties: false,
} as const;

const legalHoldSchema = object(
  {
    id: uuidSchema,
    clientId: uuidSchema,
    reason: text,
    appliedBy: uuidSchema,
    appliedAt: epochMsSchema,
    liftReason: text,
    liftedBy: uuidSchema,
    liftedAt: epochMsSchema,
  },
  ['id', 'clientId', 'reason', 'appliedBy', 'appliedAt'],
);

/** The opened medical section: each field as the medical form writes it (medical.ts). */
const medicalContentSchema = {
  type: 'object',
  properties: Object.fromEntries(MEDICAL_FIELDS.map((field) => [field, {}])),
  additionalProperties: false,
} as const;

const medicalSchema = {
  oneOf: [
    object(
      {
        state: { const: 'open' },
        sectionId: uuidSchema,
        keyId: text,
        createdAt: epochMsSchema,
        updatedAt: epochMsSchema,
        content: medicalContentSchema,
      },
      ['state', 'sectionId', 'keyId', 'createdAt', 'updatedAt', 'content'],
    ),
    object({ state: { const: 'none' } }, ['state']),
    object({ state: { const: 'no-access' }, granters: array(uuidSchema) }, ['state', 'granters']),
  ],
} as const;

export const CLIENT_EXPORT_SCHEMA_ID = `https://lumina-concierge.example/schemas/client-export/v${CLIENT_EXPORT_SCHEMA_VERSION}.json`;

export const clientExportJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: CLIENT_EXPORT_SCHEMA_ID,
  title: 'Lumina Concierge: complete export of one client',
  type: 'object',
  properties: {
    format: { const: CLIENT_EXPORT_FORMAT },
    schemaVersion: { const: CLIENT_EXPORT_SCHEMA_VERSION },
    clientId: uuidSchema,
    exportedAt: epochMsSchema,
    exportedBy: object({ staffId: uuidSchema, deviceId: uuidSchema, name: text }, ['staffId', 'deviceId']),
    requestId: uuidSchema,
    language: { type: 'string', enum: ['en', 'ja'] },
    client: documentSchema(clientSchema),
    trips: array(exportedTripSchema()),
    medical: medicalSchema,
    medicalAccess: array(
      object(
        {
          keyId: text,
          recipientId: text,
          granterId: uuidSchema,
          createdAt: epochMsSchema,
          updatedAt: epochMsSchema,
        },
        ['keyId', 'recipientId', 'granterId', 'createdAt', 'updatedAt'],
      ),
    ),
    consents: array(
      object(
        {
          record: documentSchema(consentSchema),
          validity: {
            type: 'string',
            enum: ['valid', 'unsigned-legacy', 'invalid-signature', 'unknown-device'],
          },
        },
        ['record', 'validity'],
      ),
    ),
    privacyNotices: array(
      object({ id: uuidSchema, version: text, effectiveAt: epochMsSchema, summary: text, text }, [
        'id',
        'version',
        'effectiveAt',
        'summary',
      ]),
    ),
    shareRequests: array(shareRequestSchema),
    provisionRecords: array(shareRequestSchema),
    legalHolds: array(legalHoldSchema),
    incidents: array(
      object(
        {
          id: uuidSchema,
          discoveredAt: epochMsSchema,
          dataCategories: array({ type: 'string', enum: [...DATA_CATEGORIES] }),
          status: { type: 'string', enum: ['open', 'closed'] },
          closedAt: epochMsSchema,
          notifications: array(
            object({ channel: text, language: text, notifiedAt: epochMsSchema }, [
              'channel',
              'language',
              'notifiedAt',
            ]),
          ),
        },
        ['id', 'discoveredAt', 'dataCategories', 'status', 'notifications'],
      ),
    ),
    accessLog: array(
      object(
        {
          source: { type: 'string', enum: ['device', 'server'] },
          kind: text,
          at: epochMsSchema,
          staffId: uuidSchema,
          deviceId: uuidSchema,
          fields: array(text),
        },
        ['source', 'kind', 'at'],
      ),
    ),
    requests: array(documentSchema(dataSubjectRequestSchema)),
    provisionLedger: object(
      {
        records: array(documentSchema(provisionSchema)),
        partners: array(
          object(
            {
              id: uuidSchema,
              names: partnerSchema.properties.names,
              kind: partnerSchema.properties.kind,
              country: partnerSchema.properties.country,
              city: partnerSchema.properties.city,
            },
            ['id', 'names', 'kind', 'country', 'city'],
          ),
        ),
      },
      ['records', 'partners'],
    ),
    deletedRecords: array(
      object({ collection: text, id: text, deleted: { const: true }, record: { type: 'object' } }, [
        'collection',
        'id',
        'deleted',
        'record',
      ]),
    ),
    sources: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
  },
  required: [
    'format',
    'schemaVersion',
    'clientId',
    'exportedAt',
    'exportedBy',
    'language',
    'client',
    'trips',
    'medical',
    'medicalAccess',
    'consents',
    'privacyNotices',
    'shareRequests',
    'provisionRecords',
    'legalHolds',
    'incidents',
    'accessLog',
    'requests',
    'provisionLedger',
    'deletedRecords',
    'sources',
  ],
  additionalProperties: false,
} as const;
