import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Contact, PackageExportView, PackageImportView, VaultIdentity } from '../../../shared/app-model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useJob } from '../api/useJob.ts';
import { useI18n } from '../i18n/index.tsx';
import { DropFile } from '../ui/DropFile.tsx';
import { Field, SelectField } from '../ui/fields.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { ExportedFileActions } from '../ui/ExportedFileActions.tsx';
import { JobProgress } from '../ui/JobProgress.tsx';
import { CaseChoice } from '../cases/CaseChoice.tsx';

/**
 * Encrypted packages between vaults: this vault's keys to give out, an address book of colleagues'
 * pinned keys, sending a case to one of them, and receiving a package (sender shown, and pinned on request).
 */
export function PackagesPanel() {
  const { t } = useI18n();
  const m = t.app.exchange.packages;
  const api = getApi();
  const fail = useFailure();
  const sending = useJob();
  const receiving = useJob();
  const [identity, setIdentity] = useState<VaultIdentity | null>(null);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [entry, setEntry] = useState({ name: '', receivingKey: '', signingKey: '' });
  const [send, setSend] = useState<{ caseId: string; contactId: string; destination: ChosenDestination | null }>({
    caseId: '',
    contactId: '',
    destination: null,
  });
  const [expect, setExpect] = useState('');
  const [pinName, setPinName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const answer = useCallback(
    (result: Awaited<ReturnType<(typeof api)['contacts.list']>>) => {
      if (!result.ok) return fail(result.error, setError);
      setError(null);
      setContacts(result.value);
    },
    [fail],
  );

  useEffect(() => {
    void api['vault.identity']({}).then((result) => (result.ok ? setIdentity(result.value) : fail(result.error, setError)));
    void api['contacts.list']({}).then(answer);
  }, [api, answer, fail]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api['contacts.save']({
      name: entry.name.trim(),
      ...(entry.receivingKey.trim() ? { receivingKey: entry.receivingKey.trim() } : {}),
      ...(entry.signingKey.trim() ? { signingKey: entry.signingKey.trim() } : {}),
    });
    answer(result);
    if (result.ok) setEntry({ name: '', receivingKey: '', signingKey: '' });
  };

  const sent = sending.status?.state === 'done' ? (sending.status.result as PackageExportView) : null;
  const received = receiving.status?.state === 'done' ? (receiving.status.result as PackageImportView) : null;
  const recipients = contacts.filter((contact) => contact.receivingKey);
  const senders = contacts.filter((contact) => contact.signingKey);

  return (
    <div className="exchange-panels">
      <section className="exchange-panel" data-testid="identity">
        <h2>{m.identityTitle}</h2>
        <p className="muted small">{m.identityIntro}</p>
        {identity && (
          <dl className="facts">
            <dt>{m.receivingKey}</dt>
            <dd>
              <code className="break" data-testid="receiving-key">
                {identity.receivingKey}
              </code>
            </dd>
            <dt>{m.signingKey}</dt>
            <dd>
              <code className="break">{identity.signingKey}</code>
              <br />
              {t.app.users.fingerprint}: <code>{identity.fingerprint}</code>
            </dd>
          </dl>
        )}
        <h2>{m.bookTitle}</h2>
        <p className="muted small">{m.bookIntro}</p>
        {contacts.length === 0 ? (
          <p className="muted">{m.none}</p>
        ) : (
          <ul className="contact-list" data-testid="contacts">
            {contacts.map((contact) => (
              <li key={contact.id}>
                <strong>{contact.name}</strong> {contact.fingerprint && <code className="small">{contact.fingerprint}</code>}{' '}
                <button
                  type="button"
                  className="button button-link"
                  onClick={() => void api['contacts.remove']({ id: contact.id }).then(answer)}
                >
                  {m.remove}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={(event) => void add(event)} noValidate autoComplete="off" className="form-grid">
          <Field label={m.name} value={entry.name} onChange={(name) => setEntry({ ...entry, name })} />
          <Field
            label={m.theirReceiving}
            value={entry.receivingKey}
            onChange={(receivingKey) => setEntry({ ...entry, receivingKey })}
            monospace
            className="field-wide"
          />
          <Field
            label={m.theirSigning}
            value={entry.signingKey}
            onChange={(signingKey) => setEntry({ ...entry, signingKey })}
            monospace
            className="field-wide"
          />
          <div className="actions">
            <button
              type="submit"
              className="button button-secondary"
              disabled={!entry.name.trim() || !(entry.receivingKey.trim() || entry.signingKey.trim())}
            >
              {m.add}
            </button>
          </div>
        </form>
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </section>

      <section className="exchange-panel" data-testid="package-send">
        <h2>{m.sendTitle}</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const destination = send.destination?.destination;
            if (destination)
              void sending.start(() => api['package.export']({ caseId: send.caseId, contactId: send.contactId, destination }));
          }}
          noValidate
          autoComplete="off"
        >
          <fieldset disabled={sending.running} className="form-grid">
            <CaseChoice label={m.case} none="—" value={send.caseId} onChange={(caseId) => setSend({ ...send, caseId })} />
            <SelectField
              label={m.to}
              value={send.contactId}
              onChange={(contactId) => setSend({ ...send, contactId })}
              options={[{ value: '', label: '—' }, ...recipients.map((c) => ({ value: c.id, label: c.name }))]}
            />
            <DestinationPicker
              label={t.app.common.folder}
              value={send.destination}
              onChange={(destination) => setSend({ ...send, destination })}
            />
          </fieldset>
          <JobProgress status={sending.status} error={sending.error} onCancel={() => void sending.cancel()} />
          {sent && (
            <div className="message message-success" role="status" data-testid="package-sent">
              <p>{m.sent(sent.recipient)}</p>
              <ExportedFileActions file={sent} />
            </div>
          )}
          <div className="actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={sending.running || !send.caseId || !send.contactId || !send.destination}
            >
              {m.send}
            </button>
          </div>
        </form>

        <h2>{m.receiveTitle}</h2>
        <SelectField
          label={m.expectFrom}
          value={expect}
          onChange={setExpect}
          options={[{ value: '', label: m.anyone }, ...senders.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <DropFile
          purpose="package"
          accept=".cstd"
          onReady={(file) =>
            void receiving.start(() =>
              api['package.import']({
                ...('inboxId' in file ? { inboxId: file.inboxId } : { file: file.file }),
                ...(expect ? { contactId: expect } : {}),
              }),
            )
          }
        />
        <JobProgress status={receiving.status} error={receiving.error} onCancel={() => void receiving.cancel()} />
        {received && (
          <div className="message message-success" role="status" data-testid="package-received">
            <p>{received.alreadyImported ? m.alreadyReceived : m.received(received.items)}</p>
            <p>{received.sender.contact ? m.sender(received.sender.contact) : m.unknownSender(received.sender.fingerprint)}</p>
            {!received.sender.contact && (
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void api['contacts.save']({ name: pinName.trim(), signingKey: received.sender.signingKey }).then(answer);
                  setPinName('');
                }}
              >
                <Field label={m.pin} value={pinName} onChange={setPinName} />
                <button type="submit" className="button button-secondary" disabled={!pinName.trim()}>
                  {m.add}
                </button>
              </form>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
