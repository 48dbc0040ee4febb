import type { Level } from '../../domain/levels';
import type { RetentionRule } from '../../domain/catalogue/catalogue.data';
import type { RequestType } from '../intents/intent';
import type { Locale } from './locale';

const LEVEL: Record<Level, string> = {
  blocked: 'Blocked',
  public: 'Public',
  business: 'Business',
  team: 'Team member',
  personal: 'Personal',
};

const REQUEST: Record<RequestType, string> = {
  access: 'access request (Art. 15 GDPR)',
  rectification: 'rectification request (Art. 16 GDPR)',
  erasure: 'erasure request (Art. 17 GDPR)',
  restriction: 'request to restrict processing (Art. 18 GDPR)',
  objection: 'objection (Art. 21 GDPR)',
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** English texts. Functions take already-localised labels (fields, names) as arguments. */
export const en = {
  locale: 'en' as Locale,
  level: (level: Level): string => LEVEL[level],
  requestType: (type: RequestType): string => REQUEST[type],
  list: (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  andMore: (n: number): string => `${n} more`,

  // reasons
  reasonGlobal: (level: Level): string => `${LEVEL[level]}: the company-wide level every colleague has (administrators)`,
  reasonExternalDefault: (level: Level): string => `${LEVEL[level]}: the default for external contacts (administrators)`,
  reasonGroupGrant: (level: Level, owner: string, viewer: string): string =>
    `${LEVEL[level]}: administrators' grant — ${viewer} toward ${owner}`,
  reasonSystemGrant: (level: Level): string => `${LEVEL[level]}: administrators' system-wide grant`,
  reasonOwnGrant: (level: Level, to?: string): string => `${LEVEL[level]}: your own grant${to ? ` to ${to}` : ''}`,
  reasonUserGrant: (level: Level, owner: string): string => `${LEVEL[level]}: ${owner}'s own grant`,
  scopeAll: 'everyone',
  scopeAllData: "everyone's data",
  scopeGroup: (name: string): string => `group ${name}`,
  scopeGroupData: (name: string): string => `the data of group ${name}`,
  scopeYourData: 'your data',

  // who can see
  whoTitle: (field: string, isAction: boolean): string => (isAction ? `Who can do this: ${field}` : `Who can see: ${field}`),
  whoNeeds: (level: Level, isAction: boolean): string =>
    level === 'blocked'
      ? `${isAction ? 'Possible' : 'Visible'} at every level.`
      : `${isAction ? 'Possible' : 'Visible'} from level **${LEVEL[level]}** upwards.`,
  whoNobody: 'No level allows this.',
  colleaguesHeading: 'Colleagues',
  externalsHeading: 'External contacts (federation)',
  notGovernedAnywhere: (field: string, items: string): string =>
    `${field} is not governed by permission levels: it comes from the directory${items ? ` (catalogue item ${items})` : ''} and is shown to whoever can see your directory entry. The permission table for external contacts does not list it either.`,
  noDirectoryValue: (detail: string, items: string): string =>
    `Your directory entry has no value for “${detail}”${items ? ` (catalogue item ${items})` : ''}: nobody sees one at the moment. The rule below applies as soon as one is added.`,
  whatICanSeeTitle: (name: string): string => `What you can see of ${name}`,
  whatICanSeeLevel: (name: string, level: Level): string => `You have the level **${LEVEL[level]}** toward ${name}.`,
  notGovernedColleagues: (field: string, items: string): string =>
    `Not governed by permission levels for colleagues. ${field} comes from the directory${items ? ` (catalogue item ${items})` : ''} and is shown to whoever can see your directory entry. To change it, ask the directory administrators.`,
  notGovernedExternals: (field: string): string =>
    `Not governed by permission levels for external contacts: their permission table does not list ${field}.`,
  everyone: (n: number): string => `All ${plural(n, 'colleague', 'colleagues')}.`,
  noColleague: 'No colleague.',
  reachCount: (n: number): string => `${plural(n, 'colleague', 'colleagues')} in all.`,
  groupLine: (reason: string, n: number): string => `${reason} — ${n}`,
  externalDefaultReaches: (level: Level): string =>
    `Any external contact without a grant: yes (default level ${LEVEL[level]}).`,
  externalDefaultDoesNot: (level: Level): string =>
    `External contacts without a grant: no (default level ${LEVEL[level]}).`,
  cappedDomains: (domains: string): string => `Except contacts at ${domains}: their domain is capped below this level.`,
  cappedContact: (name: string, domain: string, cap: Level): string =>
    `${name} would reach it, but ${domain} is capped at ${LEVEL[cap]} by the administrators.`,
  noNamedExternal: 'No external contact has a grant that reaches this level.',
  showAll: 'Show all',
  nextPage: 'Next page',
  pageOf: (from: number, to: number, total: number): string => `Showing ${from}–${to} of ${total}.`,

  // what can see
  whatTitle: (name: string): string => `What ${name} can see of you`,
  whatLevel: (name: string, level: Level): string => `${name} has the level **${LEVEL[level]}** toward you.`,
  visible: 'visible',
  hidden: 'hidden',
  possible: 'possible',
  prevented: 'prevented',
  fromDirectory: (fields: string): string =>
    `${fields}: these come from the directory and are shown to whoever can see your directory entry; permission levels do not govern them for colleagues.`,
  notForExternals: (fields: string): string =>
    `${fields}: not governed by levels for external contacts (not in the federation table).`,
  cappedNote: (domain: string, cap: Level, uncapped: Level): string =>
    `Grants would give ${LEVEL[uncapped]}, but the administrators cap ${domain} at ${LEVEL[cap]}.`,
  why: 'Why?',
  changeLevel: 'Change level',
  chooseLevel: 'New level',
  apply: 'Apply',

  // why can see
  whyTitle: (name: string, field?: string, isAction = false): string =>
    field ? (isAction ? `Can ${name}: ${field}?` : `Can ${name} see: ${field}?`) : `Why ${name} has this level`,
  whyField: (name: string, field: string, level: Level, needed: Level | null, allowed: boolean): string =>
    needed === null
      ? `${field}: not allowed at any level.`
      : `Needed for ${field}: **${LEVEL[needed]}**. ${name} has **${LEVEL[level]}**, so: ${allowed ? 'yes' : 'no'}.`,
  whyNotGoverned: (field: string, external: boolean): string =>
    external
      ? `${field} is not governed by levels for external contacts (not in the federation table).`
      : `${field} is not governed by levels for colleagues: it comes from the directory and is shown to whoever can see your directory entry.`,
  reasonsHeading: 'Where the level comes from (highest first)',
  youCanChange: 'You can change this.',
  onlyAdmins: 'Only administrators can change this (grants file).',
  additive: (own: Level, effective: Level): string =>
    `Your own setting (${LEVEL[own]}) does not lower this: levels add up, and a level granted elsewhere cannot be taken away by a lower one. The effective level stays ${LEVEL[effective]}.`,

  // set level
  setDone: (name: string, level: Level, previous: Level | null): string =>
    `Done: **${name}** now has **${LEVEL[level]}** in your own grants${previous ? ` (before: ${LEVEL[previous]})` : ''}.`,
  setUnchanged: (name: string, level: Level): string => `Nothing changes: ${name} already has ${LEVEL[level]} in your own grants.`,
  setStored: (name: string, level: Level, previous: Level | null): string =>
    `Stored: your own grant for **${name}** is now **${LEVEL[level]}**${previous ? ` (before: ${LEVEL[previous]})` : ''}.`,
  noEffect: (name: string, level: Level): string => `Nothing changes in effect: ${name} keeps **${LEVEL[level]}** toward you.`,
  noEffectWhy: 'Other grants already give as much or more — levels add up, and a lower setting takes nothing away:',
  groupNoEffect: (group: string, n: number): string =>
    `Nothing changes in effect: ${n === 1 ? `the only member of ${group} keeps` : `each of the ${n} members of ${group} keeps`} their level toward you — other grants already give it:`,
  groupEmpty: (group: string): string => `Nothing changes in effect: ${group} has no members besides you.`,
  groupRaised: (n: number, total: number): string => `${n} of the ${total} members now ${n === 1 ? 'sees' : 'see'} more of you.`,
  groupLowered: (n: number, total: number): string => `${n} of the ${total} members now ${n === 1 ? 'sees' : 'see'} less of you.`,
  despiteBlockHeading: 'Despite your block',
  despiteBlock: (names: string, n: number, before: Level, after: Level): string =>
    `${names} ${n === 1 ? 'is' : 'are'} blocked by you, but now ${n === 1 ? 'has' : 'have'} **${LEVEL[after]}** toward you instead of ${LEVEL[before]}: levels add up, and a block cannot hold back what another grant gives.`,
  nowAlsoSee: (rows: string): string => `They can now also see or do: ${rows}.`,
  removed: (name: string, previous: Level | null): string =>
    previous ? `Removed your own grant for **${name}** (was ${LEVEL[previous]}).` : `You had no own grant for ${name}; nothing changed.`,
  stillHigher: (name: string, level: Level): string =>
    `${name} still has **${LEVEL[level]}** toward you through other grants — levels add up, and a lower setting takes nothing away:`,
  effectiveNow: (name: string, level: Level): string => `Effective level of ${name} toward you now: ${LEVEL[level]}.`,
  confirmNewExternal: (name: string, level: Level): string => `${name} is not one of your external contacts yet. Give them ${LEVEL[level]}?`,
  confirmSet: (level: Level): string => `Yes, give ${LEVEL[level]}`,
  confirmNo: 'No, cancel',
  setCancelled: (name: string): string => `Cancelled: nothing was changed for ${name}.`,
  removeWhom: 'Whose grant should I remove? For example: "remove my grant for Bob".',
  buttonNotYours: 'This button belongs to an answer for someone else. Ask me yourself, for example "who can see my presence".',
  onlyOwnData: 'I can only tell you about your own data — for example "who can see my presence" or "what can Bob see of me".',
  groupSet: (group: string, level: Level): string => `Members of ${group} get at least ${LEVEL[level]} from your own grants.`,
  undo: 'Undo',
  cannotSetSelf: 'You cannot set a level for yourself.',
  unknownGroup: 'That group no longer exists in the directory.',
  setWhom: 'Whom should I set, and to which level? For example: "set Bob to team member".',
  setWhichLevel: (name: string): string => `Which level should ${name} get?`,

  // list grants
  listTitle: 'Your grants',
  listOwn: 'Set by you',
  listNone: 'You have not set any level yourself.',
  listDefaults: 'Company defaults',
  listGlobal: (level: Level): string => `Colleagues: at least ${LEVEL[level]} (company-wide).`,
  listExternalDefault: (level: Level): string => `External contacts without a grant: ${LEVEL[level]}.`,
  listDomainCap: (domain: string, level: Level): string => `Contacts at ${domain}: at most ${LEVEL[level]}.`,
  listGroupTier: 'Administrators\u2019 grants that cover your data',
  remove: 'Remove',

  // remove all grants
  removeAllTitle: 'Remove all your grants',
  removeAllConfirm: (n: number): string => (n === 1 ? 'This removes your one own grant:' : `This removes all ${n} of your own grants:`),
  removeAllYes: (n: number): string => (n === 1 ? 'Yes, remove it' : `Yes, remove all ${n}`),
  removeAllDone: (n: number): string => (n === 1 ? 'Removed your one own grant:' : `Removed all ${n} of your own grants:`),
  removeAllAdminsStay: "The administrators' grants that cover your data stay, and so do the company defaults:",
  removeAllNone: 'You have no own grants; nothing was removed.',
  removeAllCancelled: 'Cancelled: nothing was removed; your grants stay as they are.',
  removeAllNoUndo: (n: number): string => `${n} grants are too many for one Undo button; set again the ones you need.`,
  restoredAll: (n: number): string => (n === 1 ? 'Restored 1 own grant.' : `Restored ${n} of your own grants.`),

  // persons
  notFound: (query: string): string => `I couldn't find anyone called "${query}" in the directory or among your external contacts.`,
  chooseTitle: (query: string): string => `Whom do you mean by "${query}"?`,
  needPerson: 'Whom do you mean? Name a colleague or an external contact, for example "what can Bob see of me".',
  groupNotViewer: (group: string): string => `${group} is a group; ask about one person, or set a level for the whole group.`,
  needField: 'Which detail do you mean? For example your mobile number, presence or private appointments.',
  notInDirectory:
    "I can't find you in the directory, so I can't answer questions about your data. Please ask your administrators to check your directory entry.",
  unidentified: "I can't tell who you are on this channel. Please write to me in Microsoft Teams.",
  requestsPersonalOnly: 'Privacy requests are personal, so I handle them only in our personal chat. Open a chat with me and write there — nothing has been recorded here.',
  foreignTenant: 'I only answer people of the organisation that runs me. Please ask the privacy team of your own organisation.',

  // other intents
  helpTitle: 'What I can do',
  helpIntro: 'I answer questions about who can see your data in the communication suite, let you change your own permission levels, and take GDPR requests to the data-protection officer — for example “please delete my data”, “I want a copy of my data”, “status of my request”.',
  helpExamples: [
    'who can see my mobile number',
    'why can Frank see my presence',
    'set Bob to team member',
    'I want a copy of my data',
    'please delete my data',
    'list my grants',
  ],
  helpLevels: 'Levels, lowest first: Blocked, Public, Business, Team member, Personal. Higher levels add rights; they never take any away.',
  welcomeTitle: 'Hello, I am privacy-desk',
  welcomeText: 'Ask me who can see your data, change who may see what, and make GDPR requests. Here are a few things to try:',
  unknown: "Sorry, I didn't understand that. Here is what I can do:",
  requestStatusNotYet: "Privacy requests are not offered here, so there are no requests of yours to show. If you sent one to the data-protection officer, please ask them.",
  retentionTitle: 'How long data is kept',
  retentionIntro: 'Retention per data category, as the product documentation states it. Administrators and data-protection officers who ask get the retention summary: what is kept now, and what needs doing.',
  retentionSummaryTitle: (week: string): string => `Retention summary — week of ${week}`,
  retentionSummaryIntro: (at: string): string => `As of ${at}. Per data category: how long it is kept, what the sources hold, and what is past its period.`,
  retentionPolicy: (policy: { kind: string; days?: number }): string =>
    policy.kind === 'days' ? `kept ${policy.days} days` : policy.kind === 'untilUserDeleted' ? 'kept while the user exists' : policy.kind === 'notPossible' ? 'cannot be deleted' : 'bounded by size',
  retentionRecords: (count: number, oldest: string): string => `${count} ${count === 1 ? 'record' : 'records'}, the oldest from ${oldest}`,
  retentionRecordCount: (count: number): string => `${count} ${count === 1 ? 'record' : 'records'}`,
  retentionPastDue: (count: number): string => `${count} past their period`,
  retentionPurgedThisWeek: (count: number): string => `${count} purged this week`,
  retentionRestrictedKept: (count: number): string => `${count} restricted or on legal hold, kept`,
  retentionLogSize: (files: number, size: string, limit: string): string => `${files} ${files === 1 ? 'file' : 'files'}, ${size} of ${limit}`,
  retentionSourceFailed: 'could not be asked',
  retentionNoSources: 'No source is configured for this category.',
  retentionRequestsHeading: 'Privacy requests',
  retentionOpenedThisWeek: 'Opened this week',
  retentionCompletedThisWeek: 'Completed this week',
  retentionOpenCases: 'Open',
  retentionDueWithin7Days: 'Due within 7 days',
  retentionOverdueCases: 'Overdue',
  retentionNeedsActionHeading: 'Needs action',
  retentionNothingNeeded: 'Nothing needs action.',
  retentionPurgeDue: (source: string, count: number): string => `${source}: ${count} records past their period — an administrator can run the purge (privacy-desk retention purge).`,
  retentionAskOwner: (source: string, count: number, owner?: string): string => `${source}: ${count} records past their period that privacy-desk may not delete — ask ${owner ?? "the source's administrator"}.`,
  retentionLogsOverLimit: (source: string, size: string, limit: string): string => `${source}: the logs take ${size}, more than their limit of ${limit}.`,
  retentionTasksRisk: (count: number, oldest: string): string => `Tasks: ${count} cannot be deleted (a standing risk), the oldest from ${oldest}.`,
  retentionOverdueRequests: (count: number): string => `${count} privacy ${count === 1 ? 'request is' : 'requests are'} overdue.`,
  retentionSourceFailedAction: (source: string): string => `${source} could not be asked; see the bot's log.`,
  retentionOrphans: (source: string, count: number, users: number, owner?: string): string =>
    `${source}: ${count} ${count === 1 ? 'contact' : 'contacts'} of ${users} ${users === 1 ? 'user' : 'users'} who no longer exist — delete them in the communication suite's administration${owner ? ` (ask ${owner})` : ''}.`,
  retentionOrphanRecords: (count: number): string => `${count} of users who no longer exist`,
  retentionLate: (due: string): string => `Sent late: this summary was due ${due}, while privacy-desk was not running.`,
  retentionChartsHeading: 'The last 8 weeks',
  retentionWeekAxis: 'Week of',
  retentionPurgedChart: 'Records purged per week (journal and chat)',
  retentionPurgedAxis: 'Records',
  retentionRequestsChart: 'Privacy requests per week',
  retentionRequestsAxis: 'Requests',
  retentionOpenedLegend: 'Opened',
  retentionCompletedLegend: 'Completed',
  retentionOpenedCompleted: (opened: number, completed: number): string => `${opened} opened, ${completed} completed`,
  retentionPurgeNowButton: 'Run the purge now',
  retentionOverdueButton: 'Show overdue cases',
  retentionBackButton: 'Back to the summary',
  retentionButtonsNote: 'Run the purge: administrators. Overdue cases: data-protection officers.',
  retentionConfirmTitle: 'Run the purge now?',
  retentionConfirmIntro: (count: number): string => `This deletes ${count} journal and chat ${count === 1 ? 'record' : 'records'} past their period from the sources privacy-desk may write. Restricted records and records under legal hold are kept. It cannot be undone.`,
  retentionConfirmButton: 'Yes, purge now',
  retentionCancelButton: 'Cancel',
  retentionPurgeStarted: (by: string): string => `Purge started by ${by}. What it deleted is posted in the administrators’ channel when it is done.`,
  retentionPurgeRunning: 'A purge is already running; its result is posted in the administrators’ channel when it is done.',
  retentionPurgeFinishedTitle: 'Purge finished',
  retentionPurgeScheduledIntro: 'The scheduled purge could not purge every source.',
  retentionPurgeFinishedIntro: (by: string): string => `Started by ${by} from the retention summary.`,
  retentionPurgeDeleted: (deleted: number, kept: number): string => `${deleted} deleted${kept > 0 ? `, ${kept} restricted or on hold kept` : ''}`,
  retentionPurgeNotWritable: (due: number): string => `${due} past their period; privacy-desk may not delete them`,
  retentionPurgeSourceFailed: 'could not be purged; see the bot’s log',
  retentionOverdueTitle: 'Overdue privacy requests',
  retentionOverdueLine: (number: string, type: string, due: string, days: number): string => `${number} · ${type} · due ${due} (${days} ${days === 1 ? 'day' : 'days'} overdue)`,
  retentionNoOverdue: 'No privacy request is overdue.',
  retentionOverdueNote: 'Open a case in your personal chat with privacy-desk: say its number, e.g. "status DSR-2026-0001".',
  retentionAdminsOnly: 'Only the communication suite’s administrators may run the purge.',
  retentionDposOnly: 'Only data-protection officers see the cases.',
  retentionNoSummaryHere: 'The retention summary is for administrators and data-protection officers.',
  adminChannelTitle: 'Retention summaries',
  adminChannelSet: (cron: string, zone: string): string => `From now on I post the retention summary in this channel (${cron}, ${zone}).`,
  adminChannelSetNext: (next: string): string => `The next one: ${next}.`,
  adminChannelOverridden: 'Note: ADMIN_CHANNEL names another channel in my configuration; the summaries keep going there until an operator removes it.',
  adminChannelOnlyInChannel: 'Say this in the Teams channel where the summaries should go (with @privacy-desk), not in a chat.',
  adminChannelAdminsOnly: 'Only the communication suite’s administrators may choose where the retention summaries go.',
  adminChannelNoSchedule: 'Weekly retention summaries are switched off (RETENTION_SUMMARY_CRON=off); ask an operator to switch them on.',
  teamWelcome: 'Hello! I answer privacy questions in personal chats. Administrators: say "@privacy-desk post retention summaries here" in the channel where the weekly retention summary should go.',
  retentionRule: (rule: RetentionRule): string => {
    switch (rule.kind) {
      case 'untilUserDeleted':
        return 'Kept while the user exists; deleted with the user.';
      case 'configurable':
        return `Configurable, at least ${rule.minDays} ${rule.minDays === 1 ? 'day' : 'days'}.`;
      case 'notPossible':
        return 'Deletion is not possible.';
      case 'sizeLimited':
        return 'Limited by a size setting.';
    }
  },
  recordNotYet:
    'The record of processing activities (Art. 30 GDPR) is not available through me yet; it is coming in a later release together with the retention summary.',
  errorReference: (id: string): string => `Something went wrong on my side. Please try again; if it keeps happening, give your administrators the reference ${id}.`,
  invalidAction: 'That button is out of date or invalid. Please ask again.',

  // titles of short notices
  appTitle: 'privacy-desk',
  requestsTitle: 'Privacy requests',
  recordTitle: 'Record of processing activities',
  setTitle: 'Your permission levels',
  personTitle: 'Who do you mean?',
  detailTitle: 'Which detail?',
  choose: 'Choose',
  // thanks, levels explained, the DPO, help by role
  thanksTitle: 'You are welcome',
  thanksText: 'Glad I could help. Ask me any time — here are a few things people often ask:',
  explainTitle: (level: Level): string => `${LEVEL[level]}: what the level means`,
  explainIntro: (level: Level): string =>
    `A colleague, group or external contact who has ${LEVEL[level]} toward you sees and may do the following. You set it per person or group (“set Bob to ${LEVEL[level]}”); administrators set company-wide levels, and the highest level that applies counts.`,
  explainColleagues: 'Colleagues',
  explainExternal: 'External contacts',
  explainSees: 'Sees',
  explainCan: 'Can',
  explainNothing: 'nothing',
  explainNew: (below: Level): string => `New compared with ${LEVEL[below]}`,
  explainAllTitle: 'The permission levels',
  explainAllIntro: 'Each level lets a colleague or contact see and do a little more of yours; a higher level always includes everything of the lower ones. What each level adds for colleagues:',
  explainAllLine: (level: Level, added: string): string => `${LEVEL[level]}: ${added}`,
  explainAsk: (level: Level): string => `what does ${LEVEL[level]} mean`,
  whoIsDpoTitle: 'Data protection contacts',
  whoIsDpoIntro: (names: string): string => `Your data-protection officer${names.includes(',') || names.includes(' and ') ? 's are' : ' is'} ${names}. Ask them anything about data protection — or file a request with me, and it reaches them at once:`,
  whoIsDeputy: (name: string): string => `Deputy: ${name}.`,
  noDpoConfigured: 'No data-protection officer is configured in privacy-desk yet; your administrators can name one (setting DPO_USERS). You can still ask me who can see your data.',
  dpoHelpIntro: 'As data-protection officer you decide privacy requests here: your worklist, any case by its number, and requests that came by letter, call or mail, which you enter yourself. Everything employees can ask works for you too.',
  dpoHelpExamples: ['open requests', 'which requests are overdue', 'a customer asked by letter for a copy of their data', 'show DSR-2026-0001', 'who can see my mobile number'],
  adminHelpIntro: 'As an administrator you set company-wide levels and group grants in the grants file (GRANTS_FILE, imported at start); here you see what the rules mean for people, how long data is kept and the record of processing activities.',
  adminHelpExamples: ['how long do you keep data', 'what does business level mean', 'Art. 30 record', 'who can see my presence', 'list my grants'],
  suggestTitle: 'Did you mean…?',
  suggestIntro: "I am not sure what you mean. Is it one of these? Or ask in other words — for example “who can see my mobile number”.",
  noManager: 'The directory names no manager for you, so I cannot tell whom you mean.',
  noTeam: 'The directory shows nobody reporting to you and no department for you, so I cannot tell who your team is.',
  teamTitle: 'Your team',
  teamReports: (count: number): string => `${count} ${count === 1 ? 'person reports' : 'people report'} to you. Ask about one of them:`,
  teamDepartment: (count: number): string => `${count} ${count === 1 ? 'person works' : 'people work'} in your department. Ask about one of them:`,
  suggestWhoCanSee: (topic: string): string => `Who can see: ${topic}`,
  suggestWhy: (person: string, topic: string): string => `Why can ${person} see: ${topic}?`,
  suggestWhatCanSee: (person: string): string => `What can ${person} see of me?`,
  suggestWhatCanISee: (person: string): string => `What can I see of ${person}?`,
  suggestSetLevel: (person: string, level: Level): string => `Set ${person} to ${LEVEL[level]}`,
  suggestRequest: (type: string): string => `File my ${type}`,
  suggestStatus: 'My privacy requests',
  suggestListGrants: 'List my grants',
  requestExamples: ['I want a copy of my data', 'please delete my data'],
};
