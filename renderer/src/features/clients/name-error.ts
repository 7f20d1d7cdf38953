import type { TFunction } from 'i18next';
import { CLIENT_NAME_MAX_LENGTH } from '../../../../shared/index';
import type { FieldError } from '../../../../shared/domain/validation';

/** What the client-name forms say when validateNewClient refuses a name. */
export function nameErrorText(t: TFunction, errors: readonly FieldError[]): string {
  return errors.some((error) => error.code === 'too-long')
    ? t('clients.nameTooLong', { max: CLIENT_NAME_MAX_LENGTH })
    : t('clients.nameRequired');
}
