import { LEVELS, type Level } from '../../domain/levels';
import type { Messages } from '../i18n/messages';
import type { LevelChangeView } from './answer.card';

/** The "change level" show-card: a level picker that sends `setLevel` for the person. */
export function levelChange(t: Messages, personKey: string, current?: Level): LevelChangeView {
  const view: LevelChangeView = {
    title: t.changeLevel,
    label: t.chooseLevel,
    apply: t.apply,
    choices: LEVELS.map((level) => ({ title: t.level(level), value: level })),
    data: { verb: 'run', intent: 'setLevel', person: personKey },
  };
  if (current) view.current = current;
  return view;
}
