import type { TFunction } from 'i18next';
import type { ShareRequest } from '../../../../shared/domain/share-request';

/**
 * A request's purpose as the approving manager reads it: the catalogue purpose the consent gate checks (the words
 * the consents catalogue gives it), or that a request from before the catalogue names none (it is asked again); then
 * the requester's own words.
 */
export function sharePurposeText(
  t: TFunction,
  request: Pick<ShareRequest, 'purpose' | 'purposeCode'>,
): { catalogue: string; missing: boolean; words: string } {
  return {
    catalogue: request.purposeCode
      ? t('shares.purposeCodeLine', { purpose: t(`consents.provisionPurposes.${request.purposeCode}`) })
      : t('shares.purposeCodeMissing'),
    missing: request.purposeCode === undefined,
    words: t('shares.purposeWords', { text: request.purpose }),
  };
}
