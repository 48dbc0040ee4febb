import { loadConfig, processEnvironment } from '../config/config';
import { LEVELS } from '../domain/levels';
import type { MatrixRow, PermissionMatrix } from '../domain/matrix/matrix';
import { loadMatrix } from '../startup/admin-files';

/** The matrix in force as JSON: levels, and both tables with each row's lowest level. */
export function matrixJson(matrix: PermissionMatrix): object {
  const rows = (list: readonly MatrixRow[]) => list.map((r) => ({ id: r.id, de: r.de, en: r.en, kind: r.kind, minLevel: r.minLevel }));
  return { levels: [...LEVELS], internal: rows(matrix.internal), external: rows(matrix.external) };
}

/** `privacy-desk matrix`: the permission matrix in force (`PERMISSION_MATRIX_FILE`). */
export async function matrixCommand(options: { json?: boolean }): Promise<void> {
  const matrix = await loadMatrix(loadConfig(processEnvironment()).matrixFile);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(matrixJson(matrix), null, 2)}\n`);
    return;
  }
  const table = (title: string, rows: readonly MatrixRow[]): string => {
    const width = Math.max(...rows.map((r) => r.id.length));
    const header = `${title}\n${'row'.padEnd(width)}  ${LEVELS.map((l) => l.padEnd(9)).join(' ')}`;
    const body = rows.map((r) => `${r.id.padEnd(width)}  ${LEVELS.map((l) => r.cells[l].padEnd(9)).join(' ')}`);
    return [header, ...body].join('\n');
  };
  process.stdout.write(`${table('Internal users (seed 4.3.2.7)', matrix.internal)}\n\n${table('External contacts (federation)', matrix.external)}\n`);
}
