import { useCallback, useMemo, useRef, useState } from 'react';
import type { CasePerson, ItemSummary } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ImportPanel } from '../import/ImportPanel.tsx';
import { Empty } from '../ui/feedback.tsx';
import { SafeName } from '../ui/text.tsx';
import { VirtualTable } from '../ui/VirtualTable.tsx';
import { label } from './label.ts';
import { EditItem } from './EditItem.tsx';
import { ItemThumb } from './ItemThumb.tsx';
import type { Notice } from './RecordActions.tsx';
import { EvidenceFilters, filterItems, NO_FILTER, type EvidenceFilter } from './EvidenceFilters.tsx';

const ROW_HEIGHT_GUESS_PX = 72;
const keyOf = (item: ItemSummary) => item.id;

type SortKey = 'type' | 'date' | 'title' | 'size' | 'sha256' | 'confidentiality';
type Verification =
  { state: 'busy' } | { state: 'done'; ok: boolean; sha256: string; expected: string } | { state: 'error'; message: string };

interface EvidenceProps {
  caseId: string;
  items: ItemSummary[];
  /** The case's people, whom an item can be linked to. */
  persons: CasePerson[];
  onOpen: (itemId: string) => void;
  onImported: () => void;
  onCustodyChanged: () => void;
  /** An item's details, withdrawal or links changed: read the case again. */
  onChanged?: () => void;
}

export function Evidence({ caseId, items: allItems, persons, onOpen, onImported, onCustodyChanged, onChanged }: EvidenceProps) {
  const { t, f, locale } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const [importing, setImporting] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'date', descending: false });
  const [verified, setVerified] = useState<Record<string, Verification>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ say: Notice } | null>(null);
  const [filter, setFilter] = useState<EvidenceFilter>(NO_FILTER);
  // A derived item names its original by title, whether or not a filter shows the original.
  const titles = useMemo(() => new Map(allItems.map((item) => [item.id, item.title ?? item.originalName])), [allItems]);
  const items = useMemo(() => filterItems(allItems, filter, (type) => label(t.labels.itemType, type)), [allItems, filter, t]);

  const sorted = useMemo(() => {
    const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    const value = (item: ItemSummary): string | number => {
      switch (sort.key) {
        case 'type':
          return label(t.labels.itemType, item.type);
        case 'date':
          return item.documentDate ?? '';
        case 'title':
          return item.title ?? item.originalName;
        case 'size':
          return item.size;
        case 'sha256':
          return item.sha256;
        case 'confidentiality':
          return label(t.labels.confidentiality, item.confidentiality);
      }
    };
    const out = [...items].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    });
    return sort.descending ? out.reverse() : out;
  }, [items, sort, locale, t]);

  const verify = async (id: string) => {
    setVerified((v) => ({ ...v, [id]: { state: 'busy' } }));
    const result = await api['items.verify']({ id });
    const settle = (check: Verification) => {
      setVerified((v) => ({ ...v, [id]: check }));
      onCustodyChanged();
    };
    if (result.ok) settle({ state: 'done', ...result.value });
    else fail(result.error, (message) => settle({ state: 'error', message }));
  };

  // The rows are memoised on renderCells; these two change with every render, so rows reach them here.
  const latest = useRef({ onOpen, verify });
  latest.current = { onOpen, verify };
  const renderCells = useCallback(
    (item: ItemSummary) => {
      const check = verified[item.id];
      const { onOpen, verify } = latest.current;
      return (
        <>
          <td className="nowrap">{label(t.labels.itemType, item.type)}</td>
          <td className="nowrap">
            {item.documentDate ? f.partialDate(item.documentDate) : <span className="muted">{t.cases.noValue}</span>}
          </td>
          <th scope="row" className="item-title">
            <ItemThumb item={item} />
            <button type="button" className="button-link strong item-open" onClick={() => onOpen(item.id)}>
              <SafeName text={item.title ?? item.originalName} />
            </button>
            {item.title && <SafeName className="muted small block" text={item.originalName} />}
            {item.derivedFrom && item.derivation && (
              <span className="muted small block" data-testid="derived-from">
                {t.caseView.derivedFrom(label(t.record.derivations, item.derivation), titles.get(item.derivedFrom) ?? null)}
              </span>
            )}
            {item.acquisition && (
              <span className="muted small block">{t.caseView.acquisition(item.acquisition.obtainedFrom, item.acquisition.method)}</span>
            )}
            {item.withdrawnAt && <span className="badge badge-warning">{t.caseView.withdrawn}</span>}
            <button type="button" className="button-link small block" data-testid="edit-item-open" onClick={() => setEditing(item.id)}>
              {t.record.editItem}
            </button>
          </th>
          <td className="numeric nowrap">{f.bytes(item.size)}</td>
          <td>
            <code className="hash" title={t.caseView.fullHash(item.sha256)}>
              {item.sha256.slice(0, 12)}…
            </code>
          </td>
          <td>
            <span className={`badge badge-conf-${item.confidentiality}`}>{label(t.labels.confidentiality, item.confidentiality)}</span>
          </td>
          <td className="verify-cell">
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={check?.state === 'busy'}
              aria-busy={check?.state === 'busy'}
              onClick={() => void verify(item.id)}
            >
              {check?.state === 'busy' ? t.caseView.verifying : t.caseView.verify}
            </button>
            <span role="status" className="verify-result">
              {check?.state === 'done' &&
                (check.ok ? (
                  <span className="ok" title={t.caseView.verifyOkDetail(check.sha256)}>
                    ✓ {t.caseView.verifyOk}
                  </span>
                ) : (
                  <span className="bad" title={t.caseView.verifyFailedDetail(check.expected, check.sha256)}>
                    ✗ {t.caseView.verifyFailed}
                  </span>
                ))}
              {check?.state === 'error' && <span className="bad">{check.message}</span>}
            </span>
          </td>
        </>
      );
    },
    [verified, t, f, titles],
  );

  const importer = importing ? (
    <ImportPanel caseId={caseId} onClose={() => setImporting(false)} onImported={onImported} />
  ) : (
    <div className="actions actions-start">
      <button type="button" className="button button-primary" onClick={() => setImporting(true)}>
        {t.importer.open}
      </button>
    </div>
  );

  if (allItems.length === 0) {
    return (
      <>
        {importer}
        {!importing && <Empty title={t.caseView.noEvidence} hint={t.caseView.noEvidenceHint} />}
      </>
    );
  }

  const header = (key: SortKey, text: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort"
          title={t.caseView.sortBy(text)}
          onClick={() => setSort({ key, descending: active ? !sort.descending : false })}
        >
          {text}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <>
      {importer}
      <EvidenceFilters filter={filter} onFilter={setFilter} />
      {/* What the edit form did, when it says more than "saved" (a derived item's file name). */}
      {notice && (
        <p className="message message-info break" role="status" data-testid="evidence-notice">
          {notice.say(t)}
        </p>
      )}
      {editing && allItems.some((item) => item.id === editing) && (
        <EditItem
          key={editing}
          item={allItems.find((item) => item.id === editing)!}
          persons={persons}
          onDone={(message) => {
            setEditing(null);
            setNotice(message ? { say: message } : null);
            onChanged?.();
          }}
          onCancel={() => setEditing(null)}
          onLinksChanged={() => onChanged?.()}
        />
      )}
      <VirtualTable
        items={sorted}
        rowHeight={ROW_HEIGHT_GUESS_PX}
        caption={t.caseView.evidence}
        name="evidence"
        className="table evidence"
        testId="evidence"
        columns={7}
        head={
          <>
            {header('type', t.caseView.columnType)}
            {header('date', t.caseView.columnDate)}
            {header('title', t.caseView.columnTitle)}
            {header('size', t.caseView.columnSize, 'numeric')}
            {header('sha256', t.caseView.columnHash)}
            {header('confidentiality', t.caseView.columnConfidentiality)}
            <th scope="col">{t.caseView.columnVerify}</th>
          </>
        }
        keyOf={keyOf}
        renderCells={renderCells}
      />
    </>
  );
}
