import { readableModel } from '../core/vocabulary/model-names.ts';

/** A model as people read it ("GPT-4.1 mini"), with the site's raw slug on hover. */
export function ModelName({ slug, class: cls }: { slug: string; class?: string }) {
  const readable = readableModel(slug);
  return (
    <span class={cls} title={readable === slug ? slug : `site's name: ${slug}`}>
      {readable}
    </span>
  );
}
