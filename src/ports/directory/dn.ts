export { normaliseDn } from '../../domain/directory/dn';
