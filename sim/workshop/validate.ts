/**
 * The checks of a workshop script that its JSON Schema cannot express: steps in month order within
 * the run, choices only where the run goes on after them, and every choice's lever changes valid as
 * live lever changes of this scenario (the same refusals and value checks as the lever panel).
 * Run when a file is loaded (`scenario/resolve.ts`), after the scenario itself is valid.
 */
import { applyLiveLever } from '../levers';
import { issue, joinPath, type Validated, type ValidationIssue } from '../scenario/issues';
import type { Scenario } from '../scenario/schema';

export function workshopIssues(scenario: Scenario): ValidationIssue[] {
  const workshop = scenario.workshop;
  if (!workshop) return [];
  const out: ValidationIssue[] = [];
  let previous = -1;
  workshop.steps.forEach((step, k) => {
    const at = (...parts: (string | number)[]) => joinPath(['workshop', 'steps', k, ...parts]);
    if (step.month > workshop.months) {
      out.push(issue(at('month'), `a month within the workshop's run (0 to workshop.months = ${workshop.months})`, String(step.month)));
    } else if (step.month <= previous) {
      out.push(issue(at('month'), `a month after the previous step's (${previous}): steps are in month order`, String(step.month)));
    }
    previous = Math.max(previous, step.month);
    if (step.choices && step.month >= workshop.months) {
      out.push(issue(at('choices'), `no choices at the run's last month (${workshop.months}): a choice applies from the next month`, `${step.choices.length} choices`));
    }
    step.choices?.forEach((choice, c) => {
      choice.levers.forEach((lever, l) => {
        const changed = applyLiveLever(scenario, lever.path, lever.value);
        if (changed.ok) return;
        const field = at('choices', c, 'levers', l, changed.field);
        for (const problem of changed.issues) out.push({ ...problem, path: field, message: `${field}: ${problem.message}` });
      });
    });
  });
  return out;
}

/** The scenario if its workshop script (if any) is sound, else every problem with it. */
export function checkWorkshop(scenario: Scenario): Validated<Scenario> {
  const issues = workshopIssues(scenario);
  return issues.length === 0 ? { ok: true, value: scenario } : { ok: false, issues };
}
