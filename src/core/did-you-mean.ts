/** "Did you mean …?": the choice closest to a misspelt key, id or name, for every error that lists choices. */

/** Edit distance: insert, delete, substitute or swap two neighbours (a common typo: "ordre") = 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** The choice closest to a misspelt word, when one is close enough to be a typo (or the word is its start). */
export function didYouMean(word: string, choices: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { choice: string; d: number } | undefined;
  for (const choice of choices) {
    const c = choice.toLowerCase();
    const d = w.length >= 3 && c.startsWith(w) ? 1 : editDistance(w, c);
    if (!best || d < best.d) best = { choice, d };
  }
  // a third of the word may be wrong: "volume_not_negativ", "threshhold", "colums"; not "NO" for "DK"
  return best && best.d <= Math.max(1, Math.floor(word.length / 3)) ? best.choice : undefined;
}
