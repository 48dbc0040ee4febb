import { CRITERIA_KEYS, RECEIPT_CHANNELS, REQUEST_TYPES, type RequestType, type SubjectCriteria } from '../../domain/requests/request';
import type { RenderedCard } from './answer.card';
import { renderRequestCard } from './request-render';
import type { InputView, RequestTextContext } from './request-view';

/** What the form shows filled in: the parser's guess, or what the person typed before an error. */
export interface IntakeFormValues {
  type: RequestType;
  /** The requester asks about their own data (only the rectification details are asked). */
  self: boolean;
  criteria?: SubjectCriteria;
  channel?: string;
  receivedOn?: string;
  item?: string;
  newValue?: string;
  note?: string;
  /** Whose data is meant was left open ("Kunde möchte Auskunft"): offer "it is about me" too. */
  askWhose?: boolean;
}

/**
 * The intake form: the seed's search criteria for an outside person (or a relayed request), how
 * and when it arrived, and for rectification which item and the new value. `token` makes the
 * submission idempotent: the same form sent twice creates one case.
 */
export function intakeFormCard(ctx: RequestTextContext, values: IntakeFormValues, token: string, today: string, problems: string[] = []): RenderedCard {
  const { rt, t } = ctx;
  const inputs: InputView[] = [
    { kind: 'choice', id: 'type', label: rt.formType, value: values.type, required: true, choices: REQUEST_TYPES.map((type) => ({ title: t.requestType(type), value: type })) },
  ];
  if (!values.self) {
    for (const key of CRITERIA_KEYS) inputs.push({ kind: 'text', id: key, label: rt.criterion(key), value: values.criteria?.[key] ?? '' });
    inputs.push({
      kind: 'choice',
      id: 'channel',
      label: rt.formReceivedBy,
      value: values.channel ?? 'letter',
      required: true,
      choices: RECEIPT_CHANNELS.map((channel) => ({ title: rt.channel(channel), value: channel })),
    });
    inputs.push({ kind: 'date', id: 'receivedOn', label: rt.formReceivedOn, value: values.receivedOn ?? today, max: today, required: true, error: rt.formBadDate });
  }
  inputs.push({ kind: 'text', id: 'item', label: rt.formItem, value: values.item ?? '' });
  inputs.push({ kind: 'text', id: 'newValue', label: rt.formNewValue, value: values.newValue ?? '' });
  inputs.push({ kind: 'text', id: 'note', label: values.self ? rt.formSelfNote : rt.formNote, value: values.note ?? '', multiline: true });
  const buttons = [{ title: rt.formSubmit, execute: false, data: { verb: 'request', token, self: values.self, type: values.type } as Record<string, unknown> }];
  if (values.askWhose) buttons.push({ title: rt.aboutMe, execute: false, data: { verb: 'ask', text: rt.selfRequestText(values.type) } });
  return renderRequestCard({
    title: rt.formTitle(t.requestType(values.type)),
    warnings: problems,
    intro: [values.self ? rt.formSelfIntro : rt.formIntro, ...(values.askWhose ? [rt.formWhose] : [])],
    inputs,
    buttons,
  });
}
