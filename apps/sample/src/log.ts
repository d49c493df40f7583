/** Readable step output for the sample: "▸ step" headings and indented details. */
export const log = {
  step(title: string): void {
    process.stdout.write(`\n▸ ${title}\n`);
  },
  detail(...lines: readonly string[]): void {
    for (const line of lines) process.stdout.write(`  ${line}\n`);
  },
  /** One line of progress for long work ("page 3: 100 records, 300 so far"). */
  progress(line: string): void {
    process.stdout.write(`  … ${line}\n`);
  },
  table<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): void {
    if (rows.length === 0) {
      process.stdout.write("  (none)\n");
      return;
    }
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    const cell = (row: T, column: keyof T & string) => text((row as Record<string, unknown>)[column]);
    const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
    const line = (cells: readonly string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`.trimEnd();
    process.stdout.write(`${line(columns)}\n${line(widths.map((w) => "─".repeat(w)))}\n`);
    for (const row of rows) process.stdout.write(`${line(columns.map((c) => cell(row, c)))}\n`);
  },
};
