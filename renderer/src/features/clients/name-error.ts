import type { TFunction } from 'i18next';
import { CLIENT_NAME_MAX_LENGTH } from '../../../../shared/index';

/** What the client-name forms say when validateNewClient refuses a name. */
export function nameErrorText(t: TFunction, reason: string): string {
  return reason === 'name-too-long'
    ? t('clients.nameTooLong', { max: CLIENT_NAME_MAX_LENGTH })
    : t('clients.nameRequired');
}
