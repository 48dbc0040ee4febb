/**
 * Folds text for matching: lower case, diacritics removed, German spellings without umlauts
 * treated alike ("Jürgen", "Juergen", "Jurgen" → "jurgen"; "Weiß" → "weiss").
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i');
}

/** Folded words of a text: letters and digits, with apostrophes inside words kept. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((w) => w.replace(/^['’]+|['’]+$/g, ''))
    .filter((w) => w.length > 0);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "waht" is one
 * edit from "what"), giving up once it exceeds `max`. Typing errors are mostly of these kinds.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      }
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/** Edits tolerated when matching a typed word of this length: none for short words, one up to six letters, two beyond. */
export function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** Whether a typed word is close enough to a known word to be taken for it. */
export function isCloseTo(typed: string, known: string): boolean {
  if (typed === known) return true;
  const allowed = Math.min(tolerance(typed.length), tolerance(known.length) || 1);
  return allowed > 0 && editDistance(typed, known, allowed) <= allowed;
}
