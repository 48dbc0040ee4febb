import { renderAnswer, type RenderedCard } from '../cards/answer.card';
import { fieldLabel } from '../cards/describe';
import { noticeCard } from '../cards/simple.card';
import type { IntentName } from '../intents/intent';
import { type HandlerServices, type Turn, textsFor } from './turn';

/** Most people a team answer lists, each with a button (the rest are counted). */
const MAX_TEAM = 20;

/** Whom "my team" means: the people who report to the asker, or else their department. */
export function teamOf(services: HandlerServices, asker: number): { members: readonly number[]; how: 'reports' | 'department' } {
  const reports = services.desk.directory.reportsOf(asker);
  return reports.length > 0 ? { members: reports, how: 'reports' } : { members: services.desk.directory.departmentOf(asker), how: 'department' };
}

/**
 * "Can my manager see my calendar?", "what can my team see of me": the directory says who that is.
 * The manager becomes the person asked about; a team gets one line per member — with their level
 * toward the asker, or whether they see the detail — and a button to ask about each. Undefined
 * when the message names no relation.
 */
export function resolveRelation(turn: Turn, services: HandlerServices): { turn: Turn } | { reply: RenderedCard } | undefined {
  const relation = turn.parsed.relation;
  if (relation === undefined || turn.asker === undefined) return undefined;
  const t = textsFor(turn);
  const { relation: _relation, ...parsed } = turn.parsed;
  if (relation === 'manager') {
    const manager = services.desk.directory.managerOf(turn.asker);
    if (manager === undefined) return { reply: noticeCard(t.appTitle, [t.noManager]) };
    return { turn: { ...turn, parsed: { ...parsed, person: services.desk.person(manager).id } } };
  }
  const team = teamOf(services, turn.asker);
  if (team.members.length === 0) return { reply: noticeCard(t.teamTitle, [t.noTeam]) };
  return { reply: teamCard(turn, services, team) };
}

/** One line per team member, and a button that asks the same question about them. */
function teamCard(turn: Turn, services: HandlerServices, team: { members: readonly number[]; how: 'reports' | 'department' }): RenderedCard {
  const t = textsFor(turn);
  const asker = turn.asker as number;
  const field = turn.parsed.field;
  // Changing a level for a whole team is asked per person: one button each, nothing changed yet.
  const intent: IntentName = turn.parsed.intent === 'whoCanSee' || turn.parsed.intent === 'listGrants' ? 'whatCanSee' : turn.parsed.intent;
  const rows = team.members.slice(0, MAX_TEAM).map((member) => {
    const person = services.desk.person(member);
    const answer = services.desk.whatCanSee(asker, { kind: 'person', index: member });
    const row = field ? answer.rows.find((r) => r.row.id === field) : undefined;
    const state = row ? (row.allowed ? t.visible : t.hidden) : t.level(answer.effective.level);
    const data = { verb: 'run' as const, intent, person: person.id, ...(field ? { field } : {}), ...(turn.parsed.level ? { level: turn.parsed.level } : {}) };
    return { text: `${person.displayName} — ${state}`, action: { title: t.choose, data } };
  });
  const heading = field ? fieldLabel(t, field) : undefined;
  return renderAnswer({
    title: t.teamTitle,
    intro: [team.how === 'reports' ? t.teamReports(team.members.length) : t.teamDepartment(team.members.length)],
    sections: [{ ...(heading ? { heading } : {}), rows }],
    ...(team.members.length > MAX_TEAM ? { notes: [t.andMore(team.members.length - MAX_TEAM)] } : {}),
  });
}
