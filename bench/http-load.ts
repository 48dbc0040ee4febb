/**
 * The load generator of `bench:http`, in a process of its own: gets what to load over IPC, runs
 * autocannon, answers with the figures. Each request is a message from one of the askers, in their
 * personal conversation, asking one of the questions in turn.
 */
import autocannon from 'autocannon';
import type { TeamsMember } from '../test/support/connector-stand-in';

interface Job {
  url: string;
  serviceUrl: string;
  connections: number;
  seconds: number;
  askers: TeamsMember[];
  questions: string[];
}

process.once('message', (job: Job) => {
  let n = 0;
  void autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const i = n++;
          const asker = job.askers[i % job.askers.length] as TeamsMember;
          const body = {
            type: 'message',
            id: `bench-${i}`,
            timestamp: new Date().toISOString(),
            channelId: 'msteams',
            serviceUrl: job.serviceUrl,
            from: { id: asker.id, name: asker.name, aadObjectId: asker.aadObjectId },
            recipient: { id: '28:privacy-desk', name: 'privacy-desk' },
            conversation: { id: `a:personal-${asker.id}`, conversationType: 'personal', tenantId: 'tenant' },
            channelData: { tenant: { id: 'tenant' } },
            locale: 'en-US',
            text: job.questions[i % job.questions.length],
          };
          return { ...request, body: JSON.stringify(body) };
        },
      },
    ],
  }).then((result) => {
    process.send?.({ requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx });
  });
});
