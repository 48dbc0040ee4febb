import { readFileSync } from 'node:fs';
import { shipped } from '../../../src/config/paths';
import { compileMatrix } from '../../../src/domain/matrix/matrix';
import { configurationFailure } from '../../support/configuration-failure';

const shippedMatrix = (): { internal: { id: string; cells: Record<string, string> }[]; external: unknown[] } =>
  JSON.parse(readFileSync(shipped('data', 'permission-matrix.json'), 'utf8'));

const failure = (input: unknown) => configurationFailure(compileMatrix, input);

describe('an administrator’s matrix file', () => {
  it('accepts the shipped matrix', () => {
    expect(compileMatrix(shippedMatrix()).internal).toHaveLength(17);
  });

  it('rejects a row that is not monotone, naming the row', () => {
    const matrix = shippedMatrix();
    const presence = matrix.internal.find((r) => r.id === 'presence') as { cells: Record<string, string> };
    presence.cells.team = 'hidden';
    const error = failure(matrix);
    expect(error.code).toBe('MATRIX.NOT_MONOTONE');
    expect(error.location).toBe('internal row "presence"');
    expect(error.message).toContain('not monotone');
  });

  it('rejects an unknown level, naming the row', () => {
    const matrix = shippedMatrix();
    (matrix.internal[1] as { cells: Record<string, string> }).cells.vip = 'visible';
    const error = failure(matrix);
    expect(error.code).toBe('MATRIX.INVALID');
    expect(error.location).toContain('internal row "email"');
  });

  it('rejects an unknown row id', () => {
    const matrix = shippedMatrix();
    (matrix.internal[0] as { id: string }).id = 'shoeSize';
    const error = failure(matrix);
    expect(error.location).toContain('internal row');
    expect(error.message).toMatch(/shoeSize|Invalid/);
  });

  it('rejects a cell word that does not fit the row kind', () => {
    const matrix = shippedMatrix();
    (matrix.internal.find((r) => r.id === 'chat') as { cells: Record<string, string> }).cells.public = 'visible';
    const error = failure(matrix);
    expect(error.code).toBe('MATRIX.CELL_KIND');
    expect(error.location).toBe('internal row "chat"');
  });

  it('rejects a row listed twice', () => {
    const matrix = shippedMatrix();
    matrix.internal.push(matrix.internal[0] as { id: string; cells: Record<string, string> });
    expect(failure(matrix).code).toBe('MATRIX.DUPLICATE_ROW');
  });

  it('lets an administrator govern a detail the seed leaves to the directory', () => {
    const matrix = shippedMatrix();
    matrix.internal.push({ id: 'mobile', cells: { blocked: 'hidden', public: 'hidden', business: 'hidden', team: 'visible', personal: 'visible' } });
    expect(compileMatrix(matrix).row('internal', 'mobile')?.minLevel).toBe('team');
  });
});
