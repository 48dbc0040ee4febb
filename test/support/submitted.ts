import type { RequestDesk } from '../../src/app/requests/request-desk';
import type { NewRequest } from '../../src/domain/requests/workflow';

/** Takes a request in and waits for the announcement to the DPOs, which runs after the requester's answer. */
export async function submitted(desk: RequestDesk, input: NewRequest, sourceKey: string): ReturnType<RequestDesk['submit']> {
  const intake = await desk.submit(input, sourceKey);
  await desk.settled();
  return intake;
}
