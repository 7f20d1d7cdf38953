import { useEffect, useState } from 'react';
import { loadSodium, type Sodium } from '../../../shared/crypto/index';

/** libsodium, once loaded (the same instance the session uses); undefined for the first render. */
export function useSodium(): Sodium | undefined {
  const [sodium, setSodium] = useState<Sodium | undefined>();
  useEffect(() => {
    let live = true;
    void loadSodium().then((loaded) => live && setSodium(loaded));
    return () => {
      live = false;
    };
  }, []);
  return sodium;
}
