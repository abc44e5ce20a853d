/** Public surface of src/core/formats/annotation: exports for annotation tools and imports of their work. */
export { DEFAULT_CONTEXT_TURNS, LABEL_KINDS, replyTasks, type ReplyTask, type TaskExportOptions, type TaskOptions } from './tasks.ts';
export { labelStudioConfig, labelStudioTask, labelStudioTaskChunks, exportLabelStudioTasks } from './label-studio.ts';
export { argillaSettings, argillaDataset, argillaRecord, argillaRecordChunks, exportArgillaRecords } from './argilla.ts';
export { prodigyTask, prodigyChunks, exportProdigy } from './prodigy.ts';
export { hfRow, hfLine, hfChunks, exportHfDataset } from './hf-dataset.ts';
export { ANNOTATION_TARGETS, annotationEntries, exportAnnotationZip, isAnnotationTarget, type AnnotationTarget } from './annotation-zip.ts';
export { parseAnnotationFile, type ParsedAnnotations } from './parse-annotations.ts';
export { verdictOf, type ToolAnswer } from './verdict.ts';
