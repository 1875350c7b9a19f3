/** The domain rules as pure functions over plain data (each cites the seed rule it implements). */
export { isOverdue, TOLERANCE_MAX_DAYS, toleranceDeadlineProblem } from './commitments.ts';
export { type CoverageRow, rate, summariseCoverage } from './coverage.ts';
export { eligibility } from './eligibility.ts';
export { entryStatus, entryView, isEffective } from './entries.ts';
export { applicableMeasures, bindsMatter, triggeredBy } from './measures.ts';
export { applyNameCheck, type NameCheck, sameName } from './names.ts';
export { decideObjection, objectionRefusal } from './objections.ts';
export { addMonths, PUBLICATION_MONTHS, publicationEnd, publicationOver } from './publication.ts';
export * from './records.ts';
export { type Evaluation, type EvaluationInput, evaluate, strongest } from './verdict.ts';
