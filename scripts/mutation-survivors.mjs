// Lists what StrykerJS left alive (npm run mutate writes reports/mutation.json, and a copy per folder):
// per file the counts by status and the score, then each surviving or uncovered
// mutant with its line, mutator, and the line as the mutant changed it (the
// replaced text between [[ ]]: "ConditionalExpression -> false" may stand for
// one operand only, not the whole test), for the next one to kill with a test
// or to list as equivalent. `node scripts/mutation-survivors.mjs [file-substring]`.
import { readFileSync } from "node:fs";

// SIGNET_MUTATION_REPORT names another report (a kept copy of an earlier run).
const report = JSON.parse(readFileSync(process.env.SIGNET_MUTATION_REPORT ?? new URL("../reports/mutation.json", import.meta.url), "utf8"));
const only = process.argv[2] ?? "";
for (const [file, data] of Object.entries(report.files)) {
  if (!file.includes(only)) continue;
  const counts = {};
  for (const m of data.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  console.log(`\n${file}: ${valid ? ((100 * detected) / valid).toFixed(1) : "-"}% ${JSON.stringify(counts)}`);
  const lines = data.source.split("\n");
  for (const m of data.mutants.filter((x) => x.status === "Survived" || x.status === "NoCoverage")) {
    const { start, end } = m.location;
    const text = lines[start.line - 1];
    // Columns are 1-based; a mutant spanning lines is shown on its first line, cut at the line's end.
    const stop = end.line === start.line ? end.column - 1 : text.length;
    const mutated = `${text.slice(0, start.column - 1)}[[${m.replacement ?? ""}]]${text.slice(stop)}`.trim();
    console.log(`  ${m.status === "Survived" ? "survived" : "no cover"} ${start.line}: ${m.mutatorName}  | ${mutated.slice(0, 160)}`);
  }
}
