import type { IdentityMethod, ReceiptChannel, RequestStatus, RequestType, SubjectCriteria } from '../../domain/requests/request';
import type { Reminder } from '../../domain/requests/deadlines';
import type { CommandAction } from '../../domain/requests/workflow';

const STATUS: Record<RequestStatus, string> = {
  received: 'Received',
  awaitingDecision: 'Awaiting decision',
  approved: 'Approved',
  rejected: 'Rejected',
  moreInfoNeeded: 'More information needed',
  inProgress: 'In progress',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
  merged: 'Merged into another case',
};

const CHANNEL: Record<ReceiptChannel, string> = { teams: 'Teams', letter: 'Letter', email: 'E-mail', phone: 'Phone', inPerson: 'In person' };

const IDENTITY: Record<IdentityMethod, string> = {
  knownContact: 'Known contact, details match our records',
  replyToKnownAddress: 'Confirmed from an address we already had',
  callback: 'Called back on a number we already had',
  inPerson: 'Checked in person',
  other: 'Other (see note)',
};

const CRITERIA: Record<keyof SubjectCriteria, string> = {
  lastName: 'Last name',
  firstName: 'First name',
  street: 'Street',
  postcodeCity: 'Postcode and city',
  phone: 'Phone',
  email: 'E-mail',
};

const ACTION: Record<CommandAction | 'receive', string> = {
  receive: 'Received',
  route: 'Sent to the DPO',
  approve: 'Approved',
  reject: 'Rejected',
  askInfo: 'Asked for information',
  provideInfo: 'Information received',
  extend: 'Deadline extended',
  assign: 'Assigned',
  recordIdentity: 'Identity checked',
  link: 'Linked',
  merge: 'Merged',
  start: 'Work started',
  complete: 'Completed',
  withdraw: 'Withdrawn',
};

const BUTTON: Record<CommandAction, string> = {
  route: 'Send to DPO',
  approve: 'Approve',
  reject: 'Reject…',
  askInfo: 'Ask for information…',
  provideInfo: 'Information received',
  extend: 'Extend deadline…',
  assign: 'Assign…',
  recordIdentity: 'Record identity check…',
  link: 'Link…',
  merge: 'Merge into…',
  start: 'Start work',
  complete: 'Mark completed',
  withdraw: 'Withdraw request',
};

const TYPE_WORD: Record<RequestType, string> = { access: 'access', rectification: 'rectification', erasure: 'erasure', restriction: 'restriction', objection: 'objection' };

const REMINDER: Record<Reminder, string> = { dueIn7Days: 'due in 7 days', dueIn1Day: 'due tomorrow', dueToday: 'due today' };

const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;

/** English texts of privacy requests. */
export const requestsEn = {
  status: (status: RequestStatus): string => STATUS[status],
  channel: (channel: ReceiptChannel): string => CHANNEL[channel],
  identityMethod: (method: IdentityMethod): string => IDENTITY[method],
  criterion: (key: keyof SubjectCriteria): string => CRITERIA[key],
  action: (action: CommandAction | 'receive'): string => ACTION[action],
  button: (action: CommandAction): string => BUTTON[action],
  caseTitle: (number: string, type: string): string => `${number}: ${type}`,
  factType: 'Type',
  factSubject: 'About',
  factRequester: 'Filed by',
  factReceived: 'Received',
  factDue: 'Due',
  factStatus: 'Status',
  factAssignee: 'Assigned to',
  factIdentity: 'Identity check',
  factItem: 'Item to correct',
  factNewValue: 'Correct value',
  factNote: 'In their words',
  factLinked: 'Linked cases',
  factExtension: 'Extension',
  unassigned: 'Not assigned yet',
  identityMissing: 'Not recorded yet',
  outsidePerson: 'Outside person',
  dueIn: (date: string, left: number): string => (left > 0 ? `${date} (in ${days(left)})` : left === 0 ? `${date} (today)` : `${date} (${days(-left)} overdue)`),
  overdue: (left: number): string => `⚠ Overdue by ${days(-left)}. Art. 12(3) GDPR: answer without further delay.`,
  dueTodayWarning: '⚠ Due today (Art. 12(3) GDPR).',
  pausedRule: (since: string): string =>
    `Waiting for information since ${since}. The one-month clock stands still while we wait (EDPB Guidelines 01/2022) and runs on by the days waited once it arrives.`,
  extensionLine: (months: number, reason: string): string => `+${months} ${months === 1 ? 'month' : 'months'}: ${reason}`,
  decisionLine: (status: string, by: string, at: string, reason: string): string => `${status} by ${by} on ${at}${reason ? `: ${reason}` : ''}`,
  duplicatesHeading: 'Open requests of the same type for the same person',
  duplicateLine: (number: string, status: string, received: string): string => `${number} — ${status}, received ${received}`,
  historyHeading: 'History',
  /** What an event did, in a few words after its name: "to Dana DPO", "into DSR-2026-0041". */
  complaintRight: 'The requester may lodge a complaint against this refusal with a supervisory authority or seek a judicial remedy (Art. 12(4) GDPR).',
  answerCase: (number: string): string => `Answer the question on ${number}`,
  completeNoteLabel: 'What was done? (optional; the requester sees it)',
  recordWithdrawal: 'Record withdrawal…',
  recordWithdrawalLabel: 'How did the withdrawal arrive (for example “letter of 3 May”)?',
  answerWithButton: (number: string): string => `I did not understand that. If it is your answer to the question on ${number}, please give it with the button below, so that it reaches the data-protection officer.`,
  historyDetail: (action: string, value: string): string =>
    action === 'assign' ? `to ${value}` : action === 'merge' ? `into ${value}` : action === 'link' ? `with ${value}` : action === 'extend' ? `by ${value}` : '',
  historyLine: (at: string, who: string, action: string, reason: string): string => `${at} · ${who} · ${action}${reason ? ` — ${reason}` : ''}`,
  mergedInto: (number: string): string => `This case was merged into ${number}.`,
  alreadyDecided: (by: string, at: string, status: string): string => `Already decided by ${by} on ${at}: ${status}. Nothing was changed.`,
  changedMeanwhile: (by: string, at: string): string => `This card was out of date — ${by} changed the case on ${at}. Here is the current state; nothing else was changed.`,
  done: (action: string): string => `Done: ${action}.`,
  refusal: {
    NOT_DPO: 'Only a data-protection officer can do this.',
    OWN_REQUEST: 'This request is your own (or about you) — another data-protection officer must decide it.',
    NOT_REQUESTER: 'Only the person who filed the request (or a data-protection officer) can do this.',
    INVALID_TRANSITION: 'That is not possible in the request’s current state.',
    REASON_REQUIRED: 'Please give a reason — the requester will see it.',
    ANSWER_REQUIRED: 'Please write the answer to the question.',
    IDENTITY_NOTE_REQUIRED: 'With “Other”, please note how the identity was checked (never an ID number or a copy).',
    ALREADY_EXTENDED: 'The deadline was extended already; Art. 12(3) GDPR allows one extension.',
    EXTENSION_TOO_LATE: 'The first month has ended: an extension must be announced within it (Art. 12(3) GDPR).',
    IDENTITY_REQUIRED: 'First record how the person’s identity was checked (Art. 12(6) GDPR) — choose a method below.',
    NOT_OUTSIDE_SUBJECT: 'The person is an employee identified by Teams; no identity check is needed.',
    SAME_CASE: 'A case cannot be linked to or merged into itself.',
    INVALID_ASSIGNEE: 'Assign the case to a configured data-protection officer who is not party to it.',
    UNKNOWN_CASE: 'There is no case with that number.',
    NOT_SAME_KIND: 'A case can only be merged into an open case of the same type.',
  },
  notFound: 'That case does not exist (any more).',
  unidentified: 'I could not tell who you are, so I cannot act on this case.',
  intakeTitle: (number: string): string => `Request received: ${number}`,
  acknowledged: (type: string, due: string): string =>
    `Your ${type} has been received and passed to the data-protection officer. The answer is due by ${due} (one month, Art. 12(3) GDPR); I will tell you here when something changes.`,
  relayed: (type: string, due: string): string =>
    `The ${type} has been recorded and passed to the data-protection officer. The answer is due by ${due} (one month after receipt, Art. 12(3) GDPR).`,
  alreadyOpen: (type: string, number: string): string => `You already have an open ${type}: case ${number}, shown below. Nothing new was created; you can follow it here or withdraw it.`,
  sameAgain: (number: string): string => `This request had already arrived: it is case ${number}. Nothing new was created.`,
  duplicateNote: (numbers: string): string => `Already open for the same person and type: ${numbers}. The data-protection officer will link or merge the cases.`,
  noOtherDpo: 'No other data-protection officer or deputy is configured who could decide a request you filed or that is about you; please ask your administrators to name a deputy (DPO_DEPUTY).',
  noDpo: 'No data-protection officer is configured yet, so nobody will decide this request. Please tell your administrator (setting DPO_USERS).',
  withdrawHint: 'You can withdraw the request at any time before it is completed.',
  formTitle: (type: string): string => `New ${type}`,
  formIntro:
    'For a request that reached you by letter, mail or phone, or about someone else: enter what identifies the person in our systems. Only what is needed — never copies of ID documents.',
  formSelfIntro: 'Tell the data-protection officer what should be corrected.',
  formWhose: 'Is this request about your own data? Then press “It is about me”. Otherwise fill in whom it is about.',
  aboutMe: 'It is about me',
  /** What the “about me” button says to the bot: parsed as a request of that type about the asker. */
  selfRequestText: (type: RequestType): string => `${TYPE_WORD[type]} request for me`,
  recordAnswerLabel: 'What information arrived, and how (for example “by letter of 3 May: the old address”)?',
  formSelfNote: 'Anything else the data-protection officer should know? (optional)',
  formType: 'Type of request',
  formReceivedBy: 'Received by',
  formReceivedOn: 'Received on',
  formItem: 'Rectification only: which detail is wrong?',
  formNewValue: 'Rectification only: what should it say?',
  formNote: 'What does the person ask for? (optional)',
  formSubmit: 'Submit request',
  formNeedsCriteria: 'Please enter at least a last name, an e-mail address or a phone number.',
  formNeedsDate: 'Please enter the date the request was received.',
  formDateInvalid: 'That date of receipt is not a date; please enter it like 2026-11-24 or 24.11.2026.',
  formDateTooOld: 'That date of receipt is more than a year ago — please check it.',
  formBadDate: 'The date of receipt must be a date that is not in the future.',
  formPhoneInvalid: 'That phone number does not look valid.',
  formEmailInvalid: 'That e-mail address does not look valid.',
  statusTitle: 'Your privacy requests',
  noRequests: 'You have no privacy requests. To start one, say for example “start access request for me”.',
  statusLine: (number: string, type: string, status: string, due: string): string => `${number} · ${type} · ${status}${due ? ` · due ${due}` : ''}`,
  openCasesTitle: 'Open privacy requests',
  noOpenCases: 'No privacy request is open.',
  openCasesIntro: (count: number, example: string): string =>
    `${count === 1 ? '1 request is' : `${count} requests are`} open, the soonest due first. Press a button for a case's card with your buttons, or ask for any case by its number, for example “show ${example}”.`,
  openCaseLine: (number: string, type: string, about: string, status: string, due: string, assignee: string): string =>
    `${number} · ${type} · ${about} · ${status} · due ${due}${assignee ? ` · assigned to ${assignee}` : ''}`,
  showCase: (number: string): string => `Show ${number}`,
  moreCases: (count: number): string => `… and ${count} more, not listed here.`,
  decisionTitle: (number: string): string => `New privacy request ${number}`,
  decisionIntro: 'A data-protection officer decides this request. The requester is told of every decision.',
  changedTitle: (number: string): string => `Update on your request ${number}`,
  changedLine: (status: string): string => `Status: ${status}.`,
  extendedLine: (due: string, reason: string): string => `The deadline was extended to ${due} (Art. 12(3) GDPR). Reason: ${reason}`,
  infoNeededLine: (question: string): string =>
    `The data-protection officer needs more information; the deadline is paused until you answer (answer with the “Answer the question” button below this message). Their question: ${question}`,
  rejectedLine: (reason: string): string => `You may lodge a complaint with a supervisory authority or seek a judicial remedy (Art. 12(4) GDPR). Reason given: ${reason}`,
  reminderTitle: (number: string, reminder: Reminder): string => `Reminder: ${number} is ${REMINDER[reminder]}`,
  escalationTitle: (number: string): string => `Escalation: ${number} is due today`,
  reasonLabel: 'Reason (the requester sees it)',
  questionLabel: 'What information is needed?',
  monthsLabel: 'Extend by',
  months: (n: number): string => `${n} ${n === 1 ? 'month' : 'months'}`,
  assigneeLabel: 'Assign to',
  identityLabel: 'How was the identity checked?',
  identityNoteLabel: 'Note (no ID numbers, no copies)',
  otherCaseLabel: 'Case number, e.g. DSR-2026-0042',
  confirm: 'Confirm',
  withdrawReasonLabel: 'Why? (optional)',
  answerLabel: 'Your answer (the data-protection officer sees it)',
  answerButton: 'Answer the question…',
  relationLabel: 'Link or merge',
  linkChoice: 'Link (both cases stay open)',
  mergeChoice: 'Merge into the other case (this one closes)',
  factDecision: 'Decision',
  formNeedsNewValue: 'For a rectification, please say what the detail should say instead.',
  formNeedsItem: 'For a rectification, please say which detail is wrong.',
};

export type RequestTexts = typeof requestsEn;
