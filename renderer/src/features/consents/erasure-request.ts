import type { ConsentMethod, ConsentRecord } from '../../../../shared/domain/consent';
import type { RequestChannel } from '../../../../shared/domain/request';
import type { LogRequestValue } from '../../../../shared/domain/request-form';

/**
 * A medical-data withdrawal that asks for erasure of the medical section becomes a request in the request register
 * (features/requests, type `erasure`), which has its deadline, handler and answer there; the withdrawal's note
 * names the request. The note is in the signed record, so the ledger shows which request it asked for.
 */

const NOTE_PREFIX = '[erasure of the medical section requested: request ';
const NOTE = /\[erasure of the medical section requested: request ([0-9a-f-]{36})\]/;

/** The withdrawal's note naming the erasure request it logged. */
export const erasureRequestNote = (requestId: string) => `${NOTE_PREFIX}${requestId}]`;

/** The erasure request a withdrawal's notes name, and the notes without that line. */
export function erasureRequestOf(notes: string | undefined): { requestId?: string; rest?: string } {
  if (notes === undefined) return {};
  const found = NOTE.exec(notes);
  if (!found) return { rest: notes };
  const rest = notes.replace(found[0], '').trim();
  return { requestId: found[1]!, ...(rest ? { rest } : {}) };
}

/** How the request reached the company, from how the withdrawal was given. */
const CHANNELS: Record<ConsentMethod, RequestChannel> = {
  'signed-paper': 'letter',
  'e-signature': 'in-person',
  'verbal-witnessed': 'in-person',
  email: 'email',
};

/** The erasure request a medical-data withdrawal logs (who asked, how), for logRequest. */
export function erasureRequestValue(withdrawal: ConsentRecord): LogRequestValue {
  return {
    clientId: withdrawal.clientId,
    type: 'erasure',
    erasureScope: 'medical',
    channel: CHANNELS[withdrawal.method],
    requesterKind: withdrawal.requestedBy ?? 'client',
    details: `Erasure of the medical section, asked with the withdrawal of the medical-data consent (consent record ${withdrawal.id}).`,
  };
}
