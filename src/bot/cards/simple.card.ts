import { CATEGORIES } from '../../domain/catalogue/catalogue.data';
import type { Target } from '../../app/resolution';
import type { Messages } from '../i18n/messages';
import { type ActionView, type RenderedCard, renderAnswer } from './answer.card';
import type { RunAction } from './card-actions';
import { type DescribeContext, targetKey, targetName } from './describe';

/**
 * Help, welcome and "didn't understand": examples as buttons that ask them. A DPO's help leads with
 * their worklist and cases, an administrator's with what the rules mean and how long data is kept.
 */
export function helpCard(t: Messages, kind: 'help' | 'welcome' | 'unknown', role: 'employee' | 'dpo' | 'admin' = 'employee'): RenderedCard {
  const title = kind === 'welcome' ? t.welcomeTitle : t.helpTitle;
  const own = role === 'dpo' ? t.dpoHelpIntro : role === 'admin' ? t.adminHelpIntro : t.helpIntro;
  const intro = kind === 'welcome' ? [t.welcomeText] : kind === 'unknown' ? [t.unknown, ...(role === 'employee' ? [] : [own])] : [own];
  const examples = role === 'dpo' ? t.dpoHelpExamples : role === 'admin' ? t.adminHelpExamples : t.helpExamples;
  const actions: ActionView[] = examples.map((text) => ({ title: text, data: { verb: 'ask', text } }));
  return renderAnswer({ title, intro, actions, notes: [t.helpLevels] });
}

/** A short answer without choices. */
export function noticeCard(title: string, lines: string[]): RenderedCard {
  return renderAnswer({ title, intro: lines });
}

/** "Whom do you mean?" — one button per candidate, re-asking the same question about them. */
export function chooseCard(ctx: DescribeContext, query: string, candidates: Target[], again: Omit<RunAction, 'person' | 'verb'>): RenderedCard {
  const rows = candidates.map((candidate) => ({
    text: targetName(ctx, candidate) + describeTarget(ctx, candidate),
    action: { title: ctx.t.choose, data: { verb: 'run' as const, ...again, person: targetKey(ctx, candidate) } },
  }));
  return renderAnswer({ title: ctx.t.chooseTitle(query), sections: [{ rows }] });
}

function describeTarget(ctx: DescribeContext, target: Target): string {
  if (target.kind !== 'person') return '';
  const person = ctx.desk.person(target.index);
  const department = person.attributes['F.5']?.[0];
  return ` — ${[department, person.mail].filter(Boolean).join(', ')}`;
}

/** Retention per data category, as seed 4.1.3 states it. */
export function retentionCard(t: Messages): RenderedCard {
  const facts = CATEGORIES.map((c) => ({ title: `${c.id}.x ${c.name[t.locale]}`, value: t.retentionRule(c.retention) }));
  return renderAnswer({ title: t.retentionTitle, intro: [t.retentionIntro], sections: [{ facts }] });
}
