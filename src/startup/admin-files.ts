import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../domain/shared/errors';
import { parseGrantsFile } from '../domain/grants/grants-file';
import type { AdminPolicy } from '../domain/grants/grant';
import { compileMatrix, type PermissionMatrix } from '../domain/matrix/matrix';

/** Reads a JSON file an administrator wrote, naming the file in every error. */
async function readJson(file: string, code: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`${code}.UNREADABLE`, file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${code}.NOT_JSON`, file, `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** Reads and validates an administrator's file; errors name the file and the offending entry. */
async function loadAdminFile<T>(file: string, code: string, validate: (json: unknown) => T): Promise<T> {
  const json = await readJson(file, code);
  try {
    return validate(json);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    throw new ConfigurationError(error.code, `${file}: ${error.location}`, error.message.slice(error.location.length + 2), { cause: error });
  }
}

/** The permission matrix file, validated (`PERMISSION_MATRIX_FILE`). */
export const loadMatrix = (file: string): Promise<PermissionMatrix> => loadAdminFile(file, 'MATRIX', compileMatrix);

/** The administrators' grants file, validated (`GRANTS_FILE`). */
export const loadGrantsFile = (file: string): Promise<AdminPolicy> => loadAdminFile(file, 'GRANTS', parseGrantsFile);
