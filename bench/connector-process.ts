/** The Bot Connector stand-in of `bench:http`, in a process of its own; answers its URL over IPC. */
import { ConnectorStandIn, type TeamsMember } from '../test/support/connector-stand-in';

process.once('message', (job: { members: Record<string, TeamsMember> }) => {
  const connector = new ConnectorStandIn(job.members, { record: false });
  void connector.start().then(() => process.send?.({ url: connector.url }));
});
