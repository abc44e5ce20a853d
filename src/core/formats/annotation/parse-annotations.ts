/**
 * One entry point for annotation imports: looks at a file and hands it to the Label Studio or
 * the Argilla reader. Anything else is refused with a FormatError that says what was found.
 * Nothing here touches the store: the result is checked and written in one transaction there.
 */
import type { AnnotationTool, ImportedAnnotation } from '../../model/types.ts';
import { FormatError } from '../../model/errors.ts';
import { parseJsonText, stripBom } from '../json-text.ts';
import { checkCount, checkFileSize, resolveLimits, type ImportLimits } from '../limits.ts';
import { describeType, isObject } from '../../model/read-unknown.ts';
import { importArgillaRecords, looksLikeArgillaRecords } from './argilla-import.ts';
import { importLabelStudioExport, looksLikeLabelStudioExport } from './label-studio-import.ts';

export interface ParsedAnnotations {
  tool: AnnotationTool;
  annotations: ImportedAnnotation[];
}

/** Annotations a file may hold (one a reply and annotator; far above any real project). */
export const MAX_ANNOTATIONS = 1_000_000;

export function parseAnnotationFile(text: string, fileName?: string, limitOverrides?: Partial<ImportLimits>): ParsedAnnotations {
  const label = fileName ?? 'input';
  const limits = resolveLimits(limitOverrides);
  checkFileSize(text, label, limits);
  const body = stripBom(text).trim();
  if (body === '') throw new FormatError(label, 'file is empty');
  if (body[0] !== '[' && body[0] !== '{') throw new FormatError(label, `not JSON: it starts with ${JSON.stringify(body.slice(0, 20))}`);
  const data = parseJsonText(body, label, limits.maxDepth);
  let parsed: ParsedAnnotations;
  if (looksLikeLabelStudioExport(data)) parsed = { tool: 'label-studio', annotations: importLabelStudioExport(data, label) };
  else if (looksLikeArgillaRecords(data)) parsed = { tool: 'argilla', annotations: importArgillaRecords(data, label) };
  else throw new FormatError(label, `not a Label Studio JSON export or Argilla records file: ${whatIsIt(data)}`);
  checkCount(parsed.annotations.length, MAX_ANNOTATIONS, 'annotations', label);
  return parsed;
}

function whatIsIt(data: unknown): string {
  if (Array.isArray(data)) {
    if (data.length === 0) return 'an empty list';
    const first = data[0];
    if (isObject(first) && isObject(first.data) && 'predictions' in first) {
      return 'this is the tasks file we exported for Label Studio (it holds no annotations yet); import it into Label Studio, annotate, then Export → JSON there and import that file';
    }
    return `a list whose first item is ${describeType(first)}${isObject(first) ? ` with keys ${Object.keys(first).slice(0, 8).join(', ')}` : ''}`;
  }
  if (isObject(data)) {
    if ('format' in data) return `an object with format ${JSON.stringify(data.format)} (conversation files go in Import / export → Import)`;
    return `an object with keys ${Object.keys(data).slice(0, 8).join(', ') || '(none)'}`;
  }
  return describeType(data);
}
