// Types of the generated validator (scenario-validator.generated.js, written by `npm run schema`).
import type { ValidateFunction } from 'ajv';

export declare const validate: ValidateFunction;
/** schemaDigest() of the schema this was compiled from. */
export declare const compiledFrom: string;
export default validate;
