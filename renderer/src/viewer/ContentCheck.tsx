import { useEffect, useState } from 'react';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage, Loading } from '../ui/feedback.tsx';

/**
 * Shown when a viewer could not render an item. A player cannot tell a damaged file from an
 * unsupported format, so the engine decrypts and re-hashes the item (recorded as a check in its
 * custody history): content that fails authentication is said to be damaged, in plain words;
 * otherwise the viewer's own message stands.
 */
export function ContentCheck({ itemId, fallback }: { itemId: string; fallback: string }) {
  const { t } = useI18n();
  const [verdict, setVerdict] = useState<'checking' | 'damaged' | 'intact'>('checking');
  useEffect(() => {
    let current = true;
    const api = getApi();
    void api['items.verify']({ id: itemId }).then((result) => {
      if (!current) return;
      const damaged = result.ok ? !result.value.ok : result.error.kind === 'integrity';
      setVerdict(damaged ? 'damaged' : 'intact');
    });
    return () => {
      current = false;
    };
  }, [itemId]);
  if (verdict === 'checking') return <Loading label={t.viewer.loading} />;
  return (
    <ErrorMessage>
      <span data-testid={verdict === 'damaged' ? 'content-damaged' : undefined}>
        {verdict === 'damaged' ? t.app.integrity.damagedView : fallback}
      </span>
    </ErrorMessage>
  );
}
