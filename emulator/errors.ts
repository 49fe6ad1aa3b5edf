/**
 * CloudBase-shaped errors. The admin API turns them into `{ code, message, requestId }` replies (HTTP 200),
 * which the SDK converts into thrown errors.
 *
 * wx-server-sdk keeps only a numeric errCode (from its own table; unknown codes become -501001) and the
 * message, so every message starts with `[CODE]` — callers going through wx-server-sdk can still tell
 * e.g. a unique-index violation (`[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error ...`) apart.
 */
export type CloudBaseErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'SYS_ERR'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_REQUEST_FAIL'
  | 'FUNCTIONS_REQUEST_FAIL'
  | 'FUNCTIONS_EXECUTE_FAIL'
  /** other FUNCTIONS_* codes an invokeFunction handler throws (e.g. FUNCTIONS_NOT_FOUND) pass through */
  | `FUNCTIONS_${string}`

export class CloudBaseError extends Error {
  readonly code: CloudBaseErrorCode

  constructor(code: CloudBaseErrorCode, message: string) {
    super(`[${code}] ${message}`)
    this.code = code
    this.name = 'CloudBaseError'
  }
}

export function isCloudBaseError(e: unknown): e is CloudBaseError {
  return e instanceof CloudBaseError
}

export const invalidParam = (message: string): CloudBaseError => new CloudBaseError('INVALID_PARAM', message)
