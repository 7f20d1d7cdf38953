import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/domain/client';
import type { IncidentFacts } from '../../../../shared/domain/incident';
import { euProposal } from '../../../../shared/domain/incident-eu';
import { listOf } from './names';

/** The fields shared by recording and updating an incident: GDPR's clients and the PPC report's written items. */

/** Each affected client with a "GDPR applies" box, ticked as the DPO chose, and the app's proposal beside it. */
export function GdprClientsField({
  idPrefix,
  clientIds,
  euClientIds,
  onChange,
  clients,
  name,
}: {
  idPrefix: string;
  clientIds: readonly string[];
  euClientIds: readonly string[];
  onChange(euClientIds: string[]): void;
  clients: ReadonlyMap<string, Client>;
  name(clientId: string): string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset data-testid="gdpr-clients">
      <legend>{t('auditBreach.gdpr.legend')}</legend>
      <p className="muted" id={`${idPrefix}-gdpr-hint`}>
        {t('auditBreach.gdpr.hint')}
      </p>
      {clientIds.length === 0 && <p className="muted">{t('auditBreach.gdpr.none')}</p>}
      {clientIds.map((clientId) => {
        const proposal = euProposal(clients.get(clientId));
        const why = `${idPrefix}-gdpr-${clientId}`;
        return (
          <div key={clientId}>
            <label className="check">
              <input
                type="checkbox"
                aria-describedby={why}
                checked={euClientIds.includes(clientId)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...euClientIds, clientId]
                      : euClientIds.filter((id) => id !== clientId),
                  )
                }
              />
              {t('auditBreach.gdpr.applies', { name: name(clientId) })}
            </label>{' '}
            <span className="muted" id={why}>
              {proposal.length > 0
                ? t('auditBreach.gdpr.proposed', {
                    grounds: listOf(
                      proposal.map((p) => t(`auditBreach.gdpr.ground.${p.ground}`, { country: p.country })),
                      i18n.language,
                    ),
                  })
                : t('auditBreach.gdpr.notProposed')}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}

export const PPC_TEXTS = ['secondaryHarm', 'publication', 'prevention'] as const;
export type PpcTexts = Record<(typeof PPC_TEXTS)[number], string>;

export const ppcTextsOf = (facts?: Partial<IncidentFacts>): PpcTexts => ({
  secondaryHarm: facts?.secondaryHarm ?? '',
  publication: facts?.publication ?? '',
  prevention: facts?.prevention ?? '',
});

/** The texts as facts: an empty one is left out (the draft then says "under investigation" or "not decided"). */
export function ppcFacts(texts: PpcTexts): Pick<IncidentFacts, (typeof PPC_TEXTS)[number]> {
  const out: Partial<PpcTexts> = {};
  for (const key of PPC_TEXTS) if (texts[key].trim()) out[key] = texts[key].trim();
  return out;
}

/** Items 5, 7 and 8 of the PPC report, in the DPO's words. */
export function PpcTextsField({
  idPrefix,
  texts,
  onChange,
}: {
  idPrefix: string;
  texts: PpcTexts;
  onChange(texts: PpcTexts): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('auditBreach.ppc.legend')}</legend>
      {PPC_TEXTS.map((key) => (
        <div key={key}>
          <label htmlFor={`${idPrefix}-${key}`}>{t(`auditBreach.ppc.${key}`)}</label>
          <textarea
            id={`${idPrefix}-${key}`}
            maxLength={4000}
            value={texts[key]}
            onChange={(e) => onChange({ ...texts, [key]: e.target.value })}
          />
        </div>
      ))}
    </fieldset>
  );
}
