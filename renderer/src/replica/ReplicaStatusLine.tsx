import { useI18n } from '../i18n/index.tsx';
import { replicaLine, syncthingLine } from './replica-lines.ts';
import { useReplicaStatus } from './useReplicaStatus.ts';
import './replica.css';

/** Under the navigation, beside the integrity status: the replica and Syncthing in a short line each. */
export function ReplicaStatusLine() {
  const { t, f } = useI18n();
  const { view } = useReplicaStatus(30_000);
  if (!view) return null;
  const replica = replicaLine(view, t, f);
  const syncthing = view.dir && view.syncthing ? syncthingLine(view.syncthing, t, f) : null;
  return (
    <div className="sidenav-status" data-testid="nav-replica">
      <p className={`sidenav-status-line tone-${replica.tone}`} title={replica.text}>
        {replica.text}
      </p>
      {syncthing && (
        <p
          className={`sidenav-status-line tone-${syncthing.tone}`}
          title={view.syncthing?.available ? syncthing.text : view.syncthing?.reason}
        >
          {syncthing.text}
        </p>
      )}
    </div>
  );
}
