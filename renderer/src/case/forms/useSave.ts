import { useState } from 'react';
import type { ApiError, Result } from '../../../../shared/result.ts';
import { useFailure } from '../../api/locked.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { validate, type FieldErrors } from './validate.ts';
import type { z } from 'zod';

/**
 * A form's save: validate with the shared schema (errors beside the fields), send, and report an
 * engine refusal in one line. `busy` disables the form while the write runs.
 */
export function useSave() {
  const { t } = useI18n();
  const fail = useFailure();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save<S extends z.ZodType, T>(
    schema: S,
    request: z.input<S>,
    send: (value: z.input<S>) => Promise<Result<T>>,
  ): Promise<T | null> {
    setFailure(null);
    const checked = validate(schema, request, t.record);
    if (!checked.ok) {
      setErrors(checked.errors);
      return null;
    }
    setErrors({});
    setBusy(true);
    const result = await send(request);
    setBusy(false);
    if (!result.ok) {
      fail(result.error as ApiError, setFailure);
      return null;
    }
    return result.value;
  }

  return { save, errors, setErrors, failure, busy };
}
