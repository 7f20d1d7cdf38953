import { uuidSchema, epochMsSchema } from './schema-parts';

/**
 * The breach register (APPI Art. 26, GDPR Arts. 33-34): one incident per breach or suspected breach, kept whether
 * reported or not, in the server's PostgreSQL (docs/data-model.md). This file: the facts the DPO records, the
 * reportability the app computes from them with its reasons (`assessIncident`), and the clocks from discovery
 * (`incidentTimers`). The PPC report's draft is incident-report.ts. Not legal advice: the reasons say which rule
 * was applied so that the DPO can check it.
 */

export const incidentPaths = {
  incidents: '/breaches/incidents',
  incident: (id: string) => `/breaches/incidents/${encodeURIComponent(id)}`,
  notifications: (id: string) => `/breaches/incidents/${encodeURIComponent(id)}/notifications`,
  contacts: (id: string) => `/breaches/incidents/${encodeURIComponent(id)}/contacts`,
  reachable: (deviceId: string) => `/breaches/reachable/${encodeURIComponent(deviceId)}`,
} as const;

export const DATA_CATEGORIES = [
  'medical',
  'passport',
  'contact',
  'identity',
  'financial',
  'trip',
  'other',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
/** Special care-required personal information (APPI Art. 2(3)); health data under GDPR Art. 9. */
export const SPECIAL_CARE_CATEGORIES: readonly DataCategory[] = ['medical'];

export const INCIDENT_CAUSES = [
  'lost-device',
  'stolen-device',
  'misdelivery',
  'unauthorised-access',
  'malware',
  'insider',
  'other',
] as const;
export type IncidentCause = (typeof INCIDENT_CAUSES)[number];

/** APPI: more people than this makes a leak reportable whatever the data (PPC rules, Art. 7(iv)). */
export const APPI_PEOPLE_THRESHOLD = 1000;
export const TEXT_MAX = 4000;
export const INCIDENT_CLIENTS_MAX = 100_000;

export interface IncidentFacts {
  /** What happened, in the DPO's words (no need for client names: clients are listed by id). */
  summary: string;
  cause: IncidentCause;
  dataCategories: DataCategory[];
  /** The clients whose data was or may have been affected. */
  clientIds: string[];
  /** Of those, the ones GDPR protects (EU/EEA residents served in the EU). */
  euClientIds: string[];
  /** The data was under strong encryption (the app's at-rest encryption, a sealed export). */
  encrypted: boolean;
  /** A key that opens it was exposed too (a passphrase written on the laptop, a key in the same e-mail). */
  keyExposed: boolean;
  /** Caused with a wrongful purpose (theft, an insider, an attack): reportable, final report 60 days. */
  wrongfulPurpose: boolean;
  /** Risk of financial harm (card or bank data usable for payments). */
  financialHarmRisk: boolean;
  /** The device lost or involved, if any. */
  deviceId?: string;
  secondaryHarm?: string;
  prevention?: string;
  publication?: string;
}

export interface IncidentNotification {
  id: string;
  clientId: string;
  channel: 'email' | 'phone' | 'letter' | 'in-person';
  language: string;
  notifiedAt: number;
  notifiedBy: string;
  /**
   * When the server recorded it (its clock, never the caller's: migration 27); absent for the notifications
   * recorded before, whose recording time was not kept. Later than `notifiedAt` by more than a day: recorded late.
   */
  recordedAt?: number;
}

export interface Incident {
  id: string;
  discoveredAt: number;
  discoveredBy: string;
  recordedBy: string;
  recordedAt: number;
  facts: IncidentFacts;
  ppcPreliminaryAt?: number;
  ppcFinalAt?: number;
  gdprReportedAt?: number;
  closedAt?: number;
  updatedAt: number;
  notifications: IncidentNotification[];
  /** The incident's number of changes so far: 1 when recorded, one more per update (the register is a ledger). */
  revision: number;
  /** Every state the incident was in, oldest first (revision 1 is as recorded); never rewritten. */
  history: IncidentRevision[];
}

/** What an update may change, and what a revision keeps of the incident after it. */
export const INCIDENT_CHANGEABLE = [
  'facts',
  'discoveredAt',
  'discoveredBy',
  'ppcPreliminaryAt',
  'ppcFinalAt',
  'gdprReportedAt',
  'closedAt',
] as const;
export type IncidentChangeable = (typeof INCIDENT_CHANGEABLE)[number];

/** One state of the incident in its history: who changed it, when, what changed, and the state after. */
export interface IncidentRevision {
  revision: number;
  at: number;
  by?: string;
  /**
   * The names of what changed ('recorded' for revision 1); for facts, the facts' own field names;
   * 'discovery-kept' for the revision migration 27 added to each incident recorded before, by the server (no `by`).
   */
  changed: string[];
  /**
   * The state after. The discovery (time and discoverer, which start the clocks) is in every revision since
   * migration 27, and in no earlier one.
   */
  state: Pick<Incident, 'facts' | 'ppcPreliminaryAt' | 'ppcFinalAt' | 'gdprReportedAt' | 'closedAt'> &
    Partial<Pick<Incident, 'discoveredAt' | 'discoveredBy'>>;
}

const text = { type: 'string', minLength: 1, maxLength: TEXT_MAX } as const;
const optionalText = { type: 'string', maxLength: TEXT_MAX } as const;
const clientList = {
  type: 'array',
  items: uuidSchema,
  maxItems: INCIDENT_CLIENTS_MAX,
  uniqueItems: true,
} as const;

export const incidentFactsSchema = {
  type: 'object',
  properties: {
    summary: text,
    cause: { type: 'string', enum: [...INCIDENT_CAUSES] },
    dataCategories: {
      type: 'array',
      items: { type: 'string', enum: [...DATA_CATEGORIES] },
      maxItems: DATA_CATEGORIES.length,
      uniqueItems: true,
    },
    clientIds: clientList,
    euClientIds: clientList,
    encrypted: { type: 'boolean' },
    keyExposed: { type: 'boolean' },
    wrongfulPurpose: { type: 'boolean' },
    financialHarmRisk: { type: 'boolean' },
    deviceId: uuidSchema,
    secondaryHarm: optionalText,
    prevention: optionalText,
    publication: optionalText,
  },
  required: [
    'summary',
    'cause',
    'dataCategories',
    'clientIds',
    'euClientIds',
    'encrypted',
    'keyExposed',
    'wrongfulPurpose',
    'financialHarmRisk',
  ],
  additionalProperties: false,
} as const;

export interface RecordIncidentRequest {
  discoveredAt: number;
  discoveredBy: string;
  facts: IncidentFacts;
}

export const recordIncidentRequestSchema = {
  type: 'object',
  properties: { discoveredAt: epochMsSchema, discoveredBy: uuidSchema, facts: incidentFactsSchema },
  required: ['discoveredAt', 'discoveredBy', 'facts'],
  additionalProperties: false,
} as const;

export interface UpdateIncidentRequest {
  /** The revision the change was made on: refused (409, stale-revision) if the incident has changed since. */
  baseRevision?: number;
  facts?: IncidentFacts;
  /**
   * A correction of the discovery, kept as a revision: only to an earlier time (someone knew before), never later,
   * which would lengthen the clocks (refused, `discovery-later`).
   */
  discoveredAt?: number;
  discoveredBy?: string;
  ppcPreliminaryAt?: number;
  ppcFinalAt?: number;
  gdprReportedAt?: number;
  closedAt?: number;
}

export const updateIncidentRequestSchema = {
  type: 'object',
  properties: {
    baseRevision: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    facts: incidentFactsSchema,
    discoveredAt: epochMsSchema,
    discoveredBy: uuidSchema,
    ppcPreliminaryAt: epochMsSchema,
    ppcFinalAt: epochMsSchema,
    gdprReportedAt: epochMsSchema,
    closedAt: epochMsSchema,
  },
  additionalProperties: false,
  minProperties: 1,
} as const;

export const recordNotificationRequestSchema = {
  type: 'object',
  properties: {
    clientId: uuidSchema,
    channel: { type: 'string', enum: ['email', 'phone', 'letter', 'in-person'] },
    language: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 },
    notifiedAt: epochMsSchema,
  },
  required: ['clientId', 'channel', 'language', 'notifiedAt'],
  additionalProperties: false,
} as const;
export type RecordNotificationRequest = Pick<
  IncidentNotification,
  'clientId' | 'channel' | 'language' | 'notifiedAt'
>;

/** What the DPO needs to tell an affected client: how to reach them and in which language. */
export interface AffectedContact {
  clientId: string;
  name: string;
  email?: string;
  phone?: string;
  language: string;
  nationality?: string;
  notifiedAt?: number;
}

/** Why an incident is or is not reportable: codes the UI words in EN and JA. */
export type ReasonCode =
  | 'encrypted-key-safe'
  | 'special-care'
  | 'financial-harm'
  | 'wrongful-purpose'
  | 'over-threshold'
  | 'no-trigger'
  | 'no-one-affected'
  | 'no-eu-clients'
  | 'risk-to-rights'
  | 'high-risk-individuals';

export interface IncidentAssessment {
  appi: { reportable: boolean; reasons: ReasonCode[]; notifyIndividuals: boolean };
  gdpr: { applies: boolean; reportable: boolean; reasons: ReasonCode[]; notifyIndividuals: boolean };
  people: number;
}

/**
 * Reportability under APPI Art. 26 (PPC rules Art. 7) and GDPR Arts. 33-34, with the rules applied.
 *
 * APPI: data under strong encryption whose key was not exposed is not a reportable leak (PPC guidelines 3-5-3-1);
 * otherwise any of: special care-required data (even one person), risk of financial harm, a wrongful purpose, more
 * than 1,000 people. The people told are the same as reported. GDPR (EU clients only): reportable unless unlikely
 * to result in a risk (encrypted, key safe: Art. 33(1), Recital 85); the people told too when the risk is high
 * (health data in the clear: Art. 34(1), exempted by encryption, Art. 34(3)(a)).
 */
export function assessIncident(facts: IncidentFacts): IncidentAssessment {
  const people = facts.clientIds.length;
  const protectedByEncryption = facts.encrypted && !facts.keyExposed;
  const appiReasons: ReasonCode[] = [];
  if (people === 0) appiReasons.push('no-one-affected');
  else if (protectedByEncryption) appiReasons.push('encrypted-key-safe');
  else {
    if (facts.dataCategories.some((category) => SPECIAL_CARE_CATEGORIES.includes(category))) {
      appiReasons.push('special-care');
    }
    if (facts.financialHarmRisk) appiReasons.push('financial-harm');
    if (facts.wrongfulPurpose) appiReasons.push('wrongful-purpose');
    if (people > APPI_PEOPLE_THRESHOLD) appiReasons.push('over-threshold');
    if (appiReasons.length === 0) appiReasons.push('no-trigger');
  }
  const appiReportable = appiReasons.some((reason) =>
    (['special-care', 'financial-harm', 'wrongful-purpose', 'over-threshold'] as ReasonCode[]).includes(
      reason,
    ),
  );

  const eu = facts.euClientIds.filter((id) => facts.clientIds.includes(id));
  const gdprReasons: ReasonCode[] = [];
  let gdprReportable = false;
  let gdprTell = false;
  if (eu.length === 0) gdprReasons.push('no-eu-clients');
  else if (protectedByEncryption) gdprReasons.push('encrypted-key-safe');
  else {
    gdprReportable = true;
    gdprReasons.push('risk-to-rights');
    if (facts.dataCategories.some((category) => SPECIAL_CARE_CATEGORIES.includes(category))) {
      gdprTell = true;
      gdprReasons.push('high-risk-individuals');
    }
  }
  return {
    appi: { reportable: appiReportable, reasons: appiReasons, notifyIndividuals: appiReportable },
    gdpr: {
      applies: eu.length > 0,
      reportable: gdprReportable,
      reasons: gdprReasons,
      notifyIndividuals: gdprTell,
    },
    people,
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** APPI preliminary report: "promptly", read as 3 to 5 days; the app aims at 3 and shows 5 as the limit. */
export const PPC_PRELIMINARY_TARGET_MS = 3 * DAY;
export const PPC_PRELIMINARY_LIMIT_MS = 5 * DAY;
export const PPC_FINAL_MS = 30 * DAY;
export const PPC_FINAL_WRONGFUL_MS = 60 * DAY;
export const GDPR_REPORT_MS = 72 * HOUR;
/** A clock is due soon in its last day. */
export const DUE_SOON_MS = DAY;

export type TimerKind = 'ppc-preliminary' | 'ppc-final' | 'gdpr';
export type TimerState = 'done' | 'overdue' | 'due-soon' | 'running';

export interface IncidentTimer {
  kind: TimerKind;
  /** The limit. */
  dueAt: number;
  /** The app's own earlier aim, where it has one (the preliminary report's 3 days). */
  targetAt?: number;
  doneAt?: number;
  state: TimerState;
}

/** The clocks that run for an incident from its discovery, given what is reportable; none when nothing is. */
export function incidentTimers(
  incident: Pick<Incident, 'discoveredAt' | 'ppcPreliminaryAt' | 'ppcFinalAt' | 'gdprReportedAt' | 'facts'>,
  now: number,
): IncidentTimer[] {
  const assessment = assessIncident(incident.facts);
  const timers: IncidentTimer[] = [];
  const timer = (kind: TimerKind, dueAt: number, doneAt: number | undefined, targetAt?: number) => {
    const soonFrom = targetAt ?? dueAt - DUE_SOON_MS;
    const state: TimerState =
      doneAt !== undefined ? 'done' : now > dueAt ? 'overdue' : now >= soonFrom ? 'due-soon' : 'running';
    timers.push({
      kind,
      dueAt,
      ...(targetAt !== undefined ? { targetAt } : {}),
      ...(doneAt !== undefined ? { doneAt } : {}),
      state,
    });
  };
  const from = incident.discoveredAt;
  if (assessment.appi.reportable) {
    timer(
      'ppc-preliminary',
      from + PPC_PRELIMINARY_LIMIT_MS,
      incident.ppcPreliminaryAt,
      from + PPC_PRELIMINARY_TARGET_MS,
    );
    const final = incident.facts.wrongfulPurpose ? PPC_FINAL_WRONGFUL_MS : PPC_FINAL_MS;
    timer('ppc-final', from + final, incident.ppcFinalAt);
  }
  if (assessment.gdpr.reportable) timer('gdpr', from + GDPR_REPORT_MS, incident.gdprReportedAt);
  return timers;
}
