/** One measured figure in bench/latest.json: `{ value, unit, goal, pass }`. */
export interface Figure {
  value: number;
  unit: string;
  /** The goal, or null for a figure reported for context only. */
  goal: number | null;
  /** Met the goal (goals are upper bounds); true for context-only figures. */
  pass: boolean;
  note?: string;
}

export function figure(
  value: number,
  unit: string,
  goal: number | null = null,
  note?: string,
): Figure {
  const rounded = Math.round(value * 1000) / 1000;
  return {
    value: rounded,
    unit,
    goal,
    pass: goal === null ? true : rounded <= goal,
    ...(note ? { note } : {}),
  };
}

export type Figures = Record<string, Figure>;
