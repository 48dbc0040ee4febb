type Json = Record<string, unknown>;

let sequence = 0;

/** An activity as Teams posts it from a personal chat with the bot (`from` a Teams user id like `29:alice`). */
export function personalActivity(serviceUrl: string, from: string, extra: Json = {}): Json {
  return {
    id: `incoming-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: from, name: from, aadObjectId: `aad-${from}` },
    recipient: { id: '28:privacy-desk', name: 'privacy-desk' },
    conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: 'tenant' },
    channelData: { tenant: { id: 'tenant' } },
    locale: 'en-US',
    ...extra,
  };
}

/** A card button pressed (`Action.Execute`), as the `adaptiveCard/action` invoke Teams sends. */
export function cardInvoke(serviceUrl: string, from: string, data: Json): Json {
  return personalActivity(serviceUrl, from, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-activity', value: { action: { type: 'Action.Execute', verb: String(data.action), data }, trigger: 'manual' } });
}

/** Posts an activity to the bot's endpoint; the status and the JSON it answered with. */
export async function postActivity(serverUrl: string, body: Json): Promise<{ status: number; body: Json | undefined }> {
  const response = await fetch(`${serverUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
}
