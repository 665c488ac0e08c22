// Every dossier and submission is a signed PDF that court software checks (PAdES B-B): poppler's
// pdfsig says the signature is valid and covers the whole file, a byte changed afterwards is a digest
// mismatch, and openssl reads the CMS: ETSI.CAdES.detached with the signing-certificate-v2 attribute,
// from the vault's certificate whose SHA-256 the cover prints, the same in every dossier of the vault.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Archive, exportCaseDossier, exportSubmission, verifyDossier } from '../../../electron/archive/index.ts';
import { assertQpdfCheck, pdfText, sha256 } from '../../helpers/dossier-fixtures.ts';
import { PASSPHRASE } from '../../helpers/files.ts';
import { cyrillicVault } from '../../helpers/submission-case.ts';

const vault = cyrillicVault('custodia-pades-');
const { dir } = vault;

function pdfsig(file: string): string {
  // No OCSP or AIA fetching: the test sends nothing off the machine.
  const result = spawnSync('pdfsig', ['-no-ocsp', file], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
  return result.stdout + result.stderr;
}

function run(command: string, args: string[], input?: Buffer): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 16 << 20 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr.toString()}`);
  return result.stdout;
}

/** The CMS of the PDF's first signature, as pdfsig -dump writes it. */
function dumpSignature(file: string): Buffer {
  const out = path.join(dir, `dump-${path.basename(file)}`);
  rmSync(out, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', out]);
  const dumped = spawnSync('pdfsig', ['-no-ocsp', '-nocert', '-dump', file], {
    cwd: out,
    encoding: 'utf8',
    env: { ...process.env, HOME: dir },
  });
  assert.equal(dumped.status, 0, dumped.stderr);
  const [name] = readdirSync(out);
  assert.ok(name, 'pdfsig wrote the signature');
  return readFileSync(path.join(out, name));
}

/** The fingerprint as the cover prints it, and openssl x509 -fingerprint -sha256: "AB:CD:…". */
const colonPairs = (hex: string) => hex.toUpperCase().match(/.{2}/g)!.join(':');

test('a case dossier is a valid PAdES signature over the whole file, from the certificate its cover names', async () => {
  const out = path.join(dir, 'dossier.pdf');
  await exportCaseDossier(vault.archive, { caseId: vault.fixture.caseId, out, language: 'ru' });
  assertQpdfCheck(out);
  const report = pdfsig(out);
  assert.match(report, /Signature Validation: Signature is Valid\./, report);
  assert.match(report, /Signature Type: ETSI\.CAdES\.detached/);
  assert.match(report, /Total document signed/);
  assert.match(report, new RegExp(`Signer Certificate Common Name: Custodia vault ${vault.archive.vaultId}`));

  const cms = dumpSignature(out);
  const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], cms).toString();
  assert.match(printed, /signingCertificateV2|id-smime-aa-signingCertificateV2/, 'the CAdES signing-certificate-v2 attribute');
  assert.match(printed, /messageDigest/);
  assert.doesNotMatch(printed, /signingTime/, 'PAdES puts the time in the signature dictionary, not the CMS');
  const certificatePem = run('openssl', ['pkcs7', '-inform', 'DER', '-print_certs'], cms);
  const certificate = run('openssl', ['x509', '-outform', 'DER'], certificatePem);
  const text = pdfText(out).replace(/\s+/g, '');
  assert.equal(await vault.archive.pdfCertificateFingerprint(), sha256(certificate), 'custodia identity names the same certificate');
  const fingerprint = colonPairs(sha256(certificate));
  assert.equal(text.split(fingerprint).length - 1, 2, 'the cover and the verification page print the certificate’s SHA-256');
  const openssl = run('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], certificatePem).toString();
  assert.ok(openssl.includes(fingerprint), `${openssl} is what a recipient compares`);
  const verified = await verifyDossier(out, { expectedPublicKey: vault.archive.publicKey });
  assert.equal(verified.intact, true, JSON.stringify(verified.problems));

  // One byte changed after signing: pdfsig sees it.
  const bytes = readFileSync(out);
  const at = bytes.indexOf('/Producer');
  bytes[at + 12] = bytes[at + 12]! ^ 1;
  const tampered = path.join(dir, 'tampered.pdf');
  writeFileSync(tampered, bytes);
  assert.match(pdfsig(tampered), /Signature Validation: Digest Mismatch\./);
});

test('every dossier of the vault is signed with the same certificate, submissions too', async () => {
  const first = path.join(dir, 'first.pdf');
  const submission = path.join(dir, 'submission.pdf');
  await exportCaseDossier(vault.archive, { caseId: vault.fixture.caseId, out: first });
  await exportSubmission(vault.archive, { out: submission, language: 'kk', caseIds: [vault.fixture.caseId] });
  assert.match(pdfsig(submission), /Signature Validation: Signature is Valid\./);
  const certificateOf = (file: string) =>
    sha256(run('openssl', ['x509', '-outform', 'DER'], run('openssl', ['pkcs7', '-inform', 'DER', '-print_certs'], dumpSignature(file))));
  assert.equal(certificateOf(first), certificateOf(submission));
  // After a lock and an unlock (the key is derived again, the certificate read back from the catalog).
  vault.archive.lock();
  vault.archive = await Archive.unlock(path.join(dir, 'vault'), { passphrase: PASSPHRASE });
  const again = path.join(dir, 'again.pdf');
  await exportCaseDossier(vault.archive, { caseId: vault.fixture.caseId, out: again });
  assert.equal(certificateOf(again), certificateOf(first));
});
