import { useEffect, useMemo, useState } from 'react';
import { isEffective, type PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { useSession } from '../../session/session-context';
import type { LocalStore } from '../../store/local-store';
import type { NoticeValues } from './notice-form';

/**
 * The notices feature's data layer: the only notices code that touches the local store (RxDB). Notice versions are
 * `orgSettings` documents of kind `privacy-notice`, synced to every device (read offline); only the admin writes
 * them, and only while not yet effective (the server refuses the rest as well). A command's refusal carries a code:
 * `notice-effective` (the version took effect meanwhile), `not-found`.
 */

/** Every notice version on this device, live: undefined while loading. */
export function useNotices(): PrivacyNotice[] | undefined {
  const { store } = useSession();
  const [notices, setNotices] = useState<PrivacyNotice[] | undefined>();
  useEffect(() => {
    const subscription = store.orgSettings
      .find({ selector: { kind: 'privacy-notice' } })
      .$.subscribe((docs) => setNotices(docs.map((doc) => doc.toJSON() as PrivacyNotice)));
    return () => subscription.unsubscribe();
  }, [store]);
  return notices;
}

const refusal = (code: string) => Object.assign(new Error(code), { code });

/** Loads a new version, published by `staffId`. */
export async function addNotice(store: LocalStore, staffId: string, values: NoticeValues): Promise<string> {
  const now = Date.now();
  const id = crypto.randomUUID();
  const notice: PrivacyNotice = {
    id,
    kind: 'privacy-notice',
    ...values,
    publishedBy: staffId,
    assignedStaffIds: [],
    createdAt: now,
    updatedAt: now,
  };
  await store.orgSettings.insert(notice);
  return id;
}

/** Corrects a version not yet effective (its label, moment, summary, flag, deadline and texts). */
export async function updateNotice(store: LocalStore, id: string, values: NoticeValues): Promise<void> {
  const doc = await store.orgSettings.findOne(id).exec();
  if (!doc) throw refusal('not-found');
  if (isEffective(doc.toJSON() as PrivacyNotice, Date.now())) throw refusal('notice-effective');
  await doc.incrementalModify((data) => {
    const current = data as PrivacyNotice;
    if (isEffective(current, Date.now())) throw refusal('notice-effective');
    const { renewalDeadline: _dropped, ...rest } = current;
    void _dropped;
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    return { ...rest, ...given, updatedAt: Math.max(current.updatedAt + 1, Date.now()) } as PrivacyNotice;
  });
}

/** Deletes a version not yet effective. */
export async function deleteNotice(store: LocalStore, id: string): Promise<void> {
  const doc = await store.orgSettings.findOne(id).exec();
  if (!doc) throw refusal('not-found');
  if (isEffective(doc.toJSON() as PrivacyNotice, Date.now())) throw refusal('notice-effective');
  await doc.remove();
}

export interface NoticeCommands {
  addNotice(values: NoticeValues): Promise<string>;
  updateNotice(id: string, values: NoticeValues): Promise<void>;
  deleteNotice(id: string): Promise<void>;
}

/** The notice commands bound to the open session (the publisher is the person signed in). */
export function useNoticeCommands(): NoticeCommands {
  const { store, identity } = useSession();
  return useMemo(
    () => ({
      addNotice: (values) => addNotice(store, identity.staffId, values),
      updateNotice: (id, values) => updateNotice(store, id, values),
      deleteNotice: (id) => deleteNotice(store, id),
    }),
    [store, identity.staffId],
  );
}

/** The clock, read again every `everyMs`: a scheduled version shows as in effect when its moment comes. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
