// Types of the generated validator (scenario-validator.generated.js, written by `npm run schema`).
import type { ValidateFunction } from 'ajv';

export declare const validate: ValidateFunction;
export default validate;
