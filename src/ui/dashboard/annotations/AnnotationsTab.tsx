import { useState } from 'preact/hooks';
import { AgreementView } from './AgreementView.tsx';
import { AnnotationImportPanel } from './AnnotationImportPanel.tsx';

/** The Annotations tab: bring work back from annotation tools, and see how the detector fares against it. */
export function AnnotationsTab() {
  const [generation, setGeneration] = useState(0);
  return (
    <div class="po-io">
      <AnnotationImportPanel onImported={() => setGeneration((g) => g + 1)} />
      <AgreementView key={generation} />
    </div>
  );
}
