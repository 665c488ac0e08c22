import { useI18n } from '../i18n/index.tsx';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = (t.labels.status as Record<string, string>)[status] ?? status;
  return <span className={`badge badge-status badge-${status}`}>{label}</span>;
}
