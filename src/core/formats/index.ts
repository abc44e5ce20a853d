/** Public surface of src/core/formats (see README.md). */
export { FormatError } from '../model/errors.ts';
export { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
export type { ExportOptions } from './export-options.ts';
export { parseAnyConversationFile, type ParsedImport } from './detect.ts';
export { bundleJsonChunks, exportBundleJson, importBundleJson, BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-json.ts';
export { jsonlChunks, exportJsonl } from './jsonl-export.ts';
export { importJsonl } from './jsonl-import.ts';
export { csvChunks, exportCsv, csvColumns, type CsvOptions } from './csv.ts';
export { markdownChunks, exportMarkdown } from './markdown.ts';
export { EXPORTERS, exportZip, parseConversationZip, zipFiles, type ExportFormat, type ZipEntry } from './zip.ts';
export { importChatGptExport } from './chatgpt-export.ts';
export { importClaudeExport } from './claude-export.ts';
export { analyzeInput, attachAnalysis, mainLine } from './analysis-join.ts';
