/** The shape of the shipped prompt model (prompt-model-data.ts), apart so data and predictor share it without a cycle. */
export interface PromptModelArtifact {
  version: string;
  features: readonly string[];
  intercept: readonly number[];
  /** Per feature, PROMPT_DIMS little-endian float32 weights, base64. */
  weights: readonly string[];
  /** Reply-to-reply noise of each residual feature on dev generators (the detector's prior scale). */
  residualScale: Readonly<Record<string, number>>;
  /** Between- over within-generator SD of residuals on dev generators, scaled to max 1. */
  separation: Readonly<Record<string, number>>;
}
