/**
 * The scenario's `workshop` block (part of the scenario format, `schema.ts`): a script the app's
 * workshop mode plays (docs/workshop.md). Checks the schema cannot express (steps in month order
 * within the run, each choice's levers like live lever changes) are in `sim/workshop/validate.ts`.
 */
import { Type, type TSchema } from '@sinclair/typebox';

/** A workshop's run: the app's longest single horizon (200 years, `MAX_MONTHS` in sim/worker/contract.ts). */
const MAX_WORKSHOP_MONTHS = 2400;

const obj = <T extends Record<string, TSchema>>(description: string, props: T) => Type.Object(props, { description, additionalProperties: false });
const num = (description: string, unit: string, opts: { minimum: number; maximum: number }) => Type.Number({ description, unit, ...opts });

export const WorkshopSchema = obj('A workshop script: the run pauses at each step for the room to discuss it, and may offer two or three choices of lever changes (docs/workshop.md). Checked when the file is loaded: steps in month order within the run, each choice\u2019s levers like live lever changes.', {
    title: Type.String({ description: 'The workshop\u2019s title, shown to the room.', unit: 'text', minLength: 1, maxLength: 200 }),
    months: Type.Integer({ description: 'How long the workshop\u2019s run is: the recap compares the choices at this month.', unit: 'months', minimum: 1, maximum: MAX_WORKSHOP_MONTHS }),
    monthsPerSecond: Type.Optional(num('How fast the run plays between steps.', 'months per second', { minimum: 0.5, maximum: 48 })),
    steps: Type.Array(
      obj('A pause in the run: what the room is asked at that month.', {
        month: Type.Integer({ description: 'The month the run pauses at (0: before the first simulated month). A choice made here applies from the next month.', unit: 'month', minimum: 0, maximum: MAX_WORKSHOP_MONTHS }),
        title: Type.String({ description: 'Short heading of the step.', unit: 'text', minLength: 1, maxLength: 200 }),
        prompt: Type.String({ description: 'What the room sees and is asked to look at.', unit: 'text', minLength: 1, maxLength: 2000 }),
        question: Type.Optional(Type.String({ description: 'A question for the room.', unit: 'text', maxLength: 2000 })),
        notes: Type.Optional(Type.String({ description: 'Notes for the trainer, shown in the presenter console only.', unit: 'text', maxLength: 4000 })),
        choices: Type.Optional(
          Type.Array(
            obj('One option the room can choose: a set of lever changes made at this step\u2019s month.', {
              label: Type.String({ description: 'The option in a few words, shown on its button.', unit: 'text', minLength: 1, maxLength: 200 }),
              levers: Type.Array(
                obj('A lever change, checked like a live lever change.', {
                  path: Type.String({ description: 'Dotted path of the field that changes, e.g. "policy.earlyHelp.budgetPerYear".', unit: 'path', minLength: 1 }),
                  value: Type.Unknown({ description: 'The new value, valid for that field.', unit: 'value' }),
                }),
                { description: 'The changes this option makes (none: go on as before).', unit: 'list', maxItems: 50 },
              ),
            }),
            { description: 'Two or three options; the trainer picks one by click or by the keys 1 to 3.', unit: 'list', minItems: 2, maxItems: 3 },
          ),
        ),
      }),
      { description: 'The steps, in month order.', unit: 'list', minItems: 1, maxItems: 100 },
    ),
  });
