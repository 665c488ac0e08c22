import type { SyncthingReport } from '../../../shared/replica.ts';
import { useI18n } from '../i18n/index.tsx';

/** Settings → Replica: Syncthing's view of the replica folder and of each device it is shared with, or why there is none. */
export function SyncthingView({ report }: { report: SyncthingReport }) {
  const { t, f } = useI18n();
  const m = t.replica.syncthing;
  if (!report.available) {
    return (
      <div className="syncthing" data-testid="syncthing">
        <p className="small">{m.cause[report.cause]}</p>
        <p className="muted small break">{report.reason}</p>
      </div>
    );
  }
  const { folder } = report;
  const state = folder.paused ? m.paused : (m.states[report.state] ?? report.state);
  return (
    <div className="syncthing" data-testid="syncthing">
      <p className="small">
        {m.at(report.address)} · {m.folderState(folder.label || folder.id, m.types[folder.type] ?? folder.type, state)}
      </p>
      {report.lastScan && <p className="muted small">{m.lastScan(f.dateTime(report.lastScan))}</p>}
      {report.devices.length === 0 ? (
        <p className="muted small">{m.noDevices}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{m.device}</th>
                <th scope="col">{m.connection}</th>
                <th scope="col" className="numeric">
                  {m.completion}
                </th>
                <th scope="col">{m.lastSeen}</th>
              </tr>
            </thead>
            <tbody>
              {report.devices.map((device) => (
                <tr key={device.id}>
                  <th scope="row">
                    <bdi>{device.name}</bdi>
                  </th>
                  <td>{device.connected ? m.connected : m.disconnected}</td>
                  <td className="numeric">{f.percent(device.completion)}</td>
                  <td>{device.lastSeen ? f.dateTime(device.lastSeen) : m.never}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
