import { shipped } from '../../../src/config/paths';
import { LdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';
import { directoryContract } from '../../contract/directory.contract';

directoryContract('LDIF file', async () => ({ directory: new LdifDirectory(shipped('data', 'demo', 'demo-org.ldif')), writable: false }));
