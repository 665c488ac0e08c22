import { ArchiveError } from '../archive/index.ts';

/**
 * Reads a secret from the terminal without echoing it. Scripts and CI use the environment
 * instead; with neither a terminal nor the variable we stop with a clear message, never hang.
 */
export async function promptSecret(question: string, envName: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const input = process.stdin;
  if (!input.isTTY) {
    throw new ArchiveError('validation', `no passphrase given: set ${envName} or run custodia in a terminal`);
  }
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let secret = '';
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(secret);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new ArchiveError('validation', 'cancelled'));
        if (char === '\u007f' || char === '\b') secret = secret.slice(0, -1);
        else secret += char;
      }
    };
    input.on('data', onData);
  });
}

/** A new secret, typed twice when it comes from the terminal. */
export async function promptNewSecret(question: string, envName: string): Promise<string> {
  const first = await promptSecret(question, envName);
  if (process.env[envName]) return first;
  const second = await promptSecret('Type it again: ', envName);
  if (first !== second) throw new ArchiveError('validation', 'the two passphrases differ; nothing was changed');
  return first;
}
