/** A card's button as text: what a terminal user can pick by number. */
export interface TextAction {
  title: string;
  data: unknown;
  /** Inputs the button sends with its data (a show-card's, or the card's own for a form's submit), with what they hold. */
  inputs?: TextInput[];
  /** Shown inside the text, next to its row, rather than listed under it. */
  inline: boolean;
}

/** An input as a terminal asks for it: its label, what it holds now, and its choices if any. */
export interface TextInput {
  id: string;
  label: string;
  value: string;
  required: boolean;
  choices: { title: string; value: string }[];
}

type Element = Record<string, unknown>;

/** Every input among the elements, however deep in containers. */
function inputsIn(elements: Element[]): TextInput[] {
  return elements.flatMap((e): TextInput[] => {
    if (typeof e.type === 'string' && e.type.startsWith('Input.') && typeof e.id === 'string') {
      return [{ id: e.id, label: String(e.label ?? e.id), value: String(e.value ?? ''), required: e.isRequired === true, choices: list(e.choices).map((c) => ({ title: String(c.title), value: String(c.value) })) }];
    }
    return inputsIn([...list(e.items), ...list(e.columns)]);
  });
}

const stripMarkdown = (text: string): string => text.replace(/\*\*(.+?)\*\*/g, '$1');
const list = (value: unknown): Element[] => (Array.isArray(value) ? (value as Element[]) : []);

/**
 * Renders an Adaptive Card as plain text — for the terminal and for clients that cannot show
 * cards — and lists its buttons in order: buttons inside a row are numbered where they stand,
 * the card's own buttons follow the text.
 */
export function cardToText(card: Element): { text: string; actions: TextAction[] } {
  const lines: string[] = [];
  const actions: TextAction[] = [];

  // A card's own inputs go with its buttons (a form's submit), as Teams sends them.
  const cardInputs = inputsIn(list(card.body));
  const toAction = (action: Element, inline: boolean): TextAction | undefined => {
    if (action.type !== 'Action.ShowCard') return { title: String(action.title), data: action.data, inline, ...(cardInputs.length > 0 && !inline ? { inputs: cardInputs } : {}) };
    const inner = action.card as Element;
    const submit = list(inner.actions)[0];
    if (!submit) return undefined;
    return { title: String(action.title), data: submit.data, inputs: inputsIn(list(inner.body)), inline };
  };

  const texts = (elements: Element[]): string[] =>
    elements.flatMap((e) => (e.type === 'TextBlock' ? [stripMarkdown(String(e.text ?? ''))] : texts(list(e.items))));

  const walk = (element: Element): void => {
    switch (element.type) {
      case 'TextBlock':
        lines.push(stripMarkdown(String(element.text ?? '')));
        return;
      case 'FactSet':
        for (const fact of list(element.facts)) lines.push(`  ${String(fact.title)}: ${String(fact.value)}`);
        return;
      case 'ColumnSet': {
        const columns = list(element.columns);
        const rowText = texts(columns).join(' ');
        const buttons = columns.flatMap((c) => list(c.items)).filter((e) => e.type === 'ActionSet').flatMap((e) => list(e.actions));
        const labels = buttons.flatMap((button) => {
          const action = toAction(button, true);
          if (!action) return [];
          actions.push(action);
          return [`[${actions.length}] ${action.title}`];
        });
        lines.push(labels.length > 0 ? `  ${labels.join(' ')}  ${rowText}` : rowText);
        return;
      }
      case 'Input.Text':
      case 'Input.Date':
        lines.push(`  ${String(element.label ?? element.id)}: ${String(element.value ?? '')}`);
        return;
      case 'Input.ChoiceSet': {
        const chosen = list(element.choices).find((c) => c.value === element.value);
        lines.push(`  ${String(element.label ?? element.id)}: ${String(chosen?.title ?? element.value ?? '')}`);
        return;
      }
      default:
        // An element text cannot show (a chart) is read as its fallback, as a client without it would.
        if (typeof element.type === 'string' && element.type.startsWith('Chart.') && element.fallback !== null && typeof element.fallback === 'object') walk(element.fallback as Element);
        else for (const item of list(element.items)) walk(item);
    }
  };

  for (const element of list(card.body)) walk(element);
  for (const action of list(card.actions)) {
    const converted = toAction(action, false);
    if (converted) actions.push(converted);
  }
  return { text: lines.filter((l) => l.trim() !== '').join('\n'), actions };
}

/** The values a card's inputs start with (`id` → value), as a client sends them with a button. */
export function inputDefaults(card: Element): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (element: Element): void => {
    if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') values[element.id] = String(element.value ?? '');
    for (const item of list(element.items)) visit(item);
  };
  for (const element of list(card.body)) visit(element);
  return values;
}
