/** The domain rules as pure functions over plain data (each cites the seed rule it implements). */
export { eligibility } from './eligibility.ts';
export { entryStatus, entryView, isEffective } from './entries.ts';
export { applicableMeasures, bindsMatter, triggeredBy } from './measures.ts';
export { addMonths, PUBLICATION_MONTHS, publicationEnd, publicationOver } from './publication.ts';
export * from './records.ts';
export { type Evaluation, type EvaluationInput, evaluate, strongest } from './verdict.ts';
