import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';

test('the session clock decides when an audit is due and which powers of attorney are expiring', async () => {
  const dir = tempDir('custodia-clock-');
  let now = new Date('2026-01-01T09:00:00.000Z');
  const { archive } = await Archive.create(path.join(dir, 'vault'), PASSPHRASE, { clock: () => now });
  try {
    assert.equal(archive.integritySummary().dueAt, '2026-01-01T09:00:00.000Z', 'never audited: due now by the injected clock');
    const report = await archive.verify();
    assert.equal(report.startedAt, '2026-01-01T09:00:00.000Z');
    const caseId = archive.addCase({ title: 'Clock' });
    const grantor = archive.addPerson({ name: 'Grantor' }, { caseId, role: 'victim' });
    archive.addPowerOfAttorney({
      caseId,
      grantorPersonId: grantor,
      representative: 'Lawyer',
      scope: ['file-petitions'],
      issued: '2025-01-20',
      validUntil: '2026-01-20',
    });
    assert.equal(archive.powersOfAttorney()[0]!.state, 'expiring', '19 days left by the injected clock');
    now = new Date('2025-06-01T00:00:00.000Z');
    assert.equal(archive.powersOfAttorney()[0]!.state, 'valid', 'months left by an earlier clock');
  } finally {
    archive.lock();
    rmSync(dir, { recursive: true, force: true });
  }
});
