import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHARE_PACKAGE_DEFAULT_DAYS } from '../../../../shared/crypto/share-package';
import type { ShareRequest } from '../../../../shared/domain/share-request';
import { bridge } from '../../bridge/index';
import { useProvisions } from '../provisions/provisions-data';
import { PACKAGE_DAY_CHOICES, PackageRefused, type BuiltPackage } from './package-build';
import { usePackageBuilder } from './shares-data';
import { formatDateTime } from '../../i18n/format';

type State =
  | { kind: 'idle' }
  | { kind: 'building' }
  | { kind: 'built'; built: BuiltPackage }
  | { kind: 'refused'; reason: string };

/**
 * Delivery of an approved share: the package built and saved on this device, or, once delivered, its provision
 * record (which any device holding the client sees: the ledger syncs).
 */
export function BuildPackage({ request }: { request: ShareRequest }) {
  const { t, i18n } = useTranslation();
  const builder = usePackageBuilder(request);
  const provisions = useProvisions(request.clientId);
  const [days, setDays] = useState<number>(SHARE_PACKAGE_DEFAULT_DAYS);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const delivered = provisions?.find((record) => record.kind === 'provided' && record.shareId === request.id);
  if (request.status !== 'approved') return null;
  // Registered (its record written) but the save dialog was cancelled: the same file may be saved again.
  const saveAgain = async (pending: BuiltPackage) => {
    const saved = await bridge.saveFile(pending.file);
    if (saved.saved) setState({ kind: 'built', built: { ...pending, location: saved.location } });
  };
  const built =
    state.kind === 'built' &&
    (state.built.location !== undefined ? (
      <p role="status" data-testid="package-built">
        {t('shares.package.built', {
          id: state.built.packageId,
          location: state.built.location,
          hash: state.built.hash.slice(0, 16),
        })}
      </p>
    ) : (
      <p role="alert" data-testid="package-not-saved">
        {t('shares.package.notSaved', { id: state.built.packageId })}{' '}
        <button type="button" onClick={() => void saveAgain((state as { built: BuiltPackage }).built)}>
          {t('shares.package.saveAgain')}
        </button>
      </p>
    ));
  if (delivered) {
    return (
      <>
        {built}
        <p className="small" data-testid="share-delivered">
          {t('shares.package.delivered', {
            date: formatDateTime(delivered.at, i18n.language),
            id: delivered.packageId,
            hash: delivered.packageHash?.slice(0, 16),
          })}
        </p>
      </>
    );
  }
  const build = async () => {
    if (!builder.ready) return;
    setState({ kind: 'building' });
    try {
      setState({ kind: 'built', built: await builder.build(days) });
    } catch (cause) {
      setState({ kind: 'refused', reason: cause instanceof PackageRefused ? cause.reason : 'other' });
    }
  };
  const headingId = `package-${request.id}`;
  return (
    <section className="share-package" aria-labelledby={headingId}>
      <h5 id={headingId}>{t('shares.package.heading')}</h5>
      <p className="small muted">{t('shares.package.intro')}</p>
      <label>
        {t('shares.package.days')}{' '}
        <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {PACKAGE_DAY_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t('shares.package.daysOption', { count: choice })}
            </option>
          ))}
        </select>
      </label>{' '}
      <button
        type="button"
        onClick={() => void build()}
        disabled={state.kind === 'building' || !builder.ready}
      >
        {state.kind === 'building' ? t('shares.package.building') : t('shares.package.build')}
      </button>
      {built}
      {state.kind === 'refused' && (
        <p role="alert" className="field-error">
          {t(`shares.package.refused.${state.reason}`)}
        </p>
      )}
    </section>
  );
}
