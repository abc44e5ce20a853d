/** The persona vocabulary and the product's shared wording (see README.md in this folder). */
export { fitPersonaVocabulary, conversationsFromAnalyses, personaOf, NAMING_FEATURES } from './repertoire.ts';
export { segmentNumber } from './segments.ts';
export type { Persona, PersonaVocabulary, VocabularyConversation, VocabularyReply, VocabularyOptions } from './repertoire.ts';
export { nameFromProfile } from './profile-name.ts';
export { JUDGEMENT_WORDS, FROM_THE_PAGE, STRENGTH_CUTS, certaintyOf, modelChange, strengthMeaning, strengthOf, type Strength } from './judgements.ts';
export { readableModel } from './model-names.ts';
export { namePersona, type PersonaName, type PoleEvidence } from '../detect/persona-name.ts';
export { conversationTitle, siteName } from './titles.ts';
