/**
 * Captured Markdown as Preact elements, built from a Markdown parser's syntax tree (mdast, with
 * GitHub tables, task lists and strikethrough): never an HTML string, so captured text cannot
 * become markup. Raw HTML in the text stays visible text; images are never loaded (no network:
 * they show as "[image: alt]"); links show their text with the address on hover, not a live link.
 * Headings render as styled paragraphs so a reply cannot reshape the page's heading outline.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Parents, RootContent, Table } from 'mdast';

/** Parses `text`; on a parser failure (it should not happen) the text is shown as it is. */
export function parseMarkdown(text: string) {
  try {
    return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  } catch {
    return { type: 'root' as const, children: [{ type: 'paragraph' as const, children: [{ type: 'text' as const, value: text }] }] };
  }
}

function children(node: Parents): ComponentChildren[] {
  return node.children.map((c, i) => render(c as RootContent, i));
}

function tableRows(node: Table): JSX.Element {
  const [head, ...body] = node.children;
  const align = node.align ?? [];
  const cell = (c: Parents, j: number, Tag: 'th' | 'td') => (
    <Tag key={j} style={align[j] ? { textAlign: align[j] } : undefined} {...(Tag === 'th' ? { scope: 'col' } : {})}>
      {children(c)}
    </Tag>
  );
  return (
    // Wide tables scroll sideways: focusable, so keyboard users can scroll them too.
    <div class="po-md-table-wrap" tabIndex={0} role="group" aria-label="Table (scrolls sideways)">
      <table class="po-md-table">
        {head && (
          <thead>
            <tr>{head.children.map((c, j) => cell(c, j, 'th'))}</tr>
          </thead>
        )}
        <tbody>
          {body.map((r, i) => (
            <tr key={i}>{r.children.map((c, j) => cell(c, j, 'td'))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function render(node: Nodes, key: number): ComponentChildren {
  switch (node.type) {
    case 'root':
      return <>{children(node)}</>;
    case 'paragraph':
      return <p key={key}>{children(node)}</p>;
    case 'heading':
      return (
        <p key={key} class={`po-md-h po-md-h${node.depth}`}>
          {children(node)}
        </p>
      );
    case 'thematicBreak':
      return <hr key={key} />;
    case 'blockquote':
      return <blockquote key={key}>{children(node)}</blockquote>;
    case 'list':
      return node.ordered ? (
        <ol key={key} start={node.start ?? undefined}>
          {children(node)}
        </ol>
      ) : (
        <ul key={key}>{children(node)}</ul>
      );
    case 'listItem':
      return (
        <li key={key}>
          {node.checked === true ? '☑ ' : node.checked === false ? '☐ ' : null}
          {/* Tight list items hold one paragraph: render its content inline, without the <p> margin. */}
          {node.spread ? children(node) : node.children.map((c, i) => (c.type === 'paragraph' ? <span key={i}>{children(c)}</span> : render(c, i)))}
        </li>
      );
    // tabIndex: a long line scrolls the block sideways, which keyboard users must reach too.
    case 'code':
      return (
        <pre key={key} class="po-md-code" tabIndex={0}>
          <code data-lang={node.lang ?? undefined}>{node.value}</code>
        </pre>
      );
    case 'inlineCode':
      return <code key={key}>{node.value}</code>;
    case 'emphasis':
      return <em key={key}>{children(node)}</em>;
    case 'strong':
      return <strong key={key}>{children(node)}</strong>;
    case 'delete':
      return <s key={key}>{children(node)}</s>;
    case 'break':
      return <br key={key} />;
    case 'link':
      return (
        <span key={key} class="po-md-link" title={node.url}>
          {children(node)}
        </span>
      );
    case 'linkReference':
      return (
        <span key={key} class="po-md-link">
          {children(node)}
        </span>
      );
    case 'image':
    case 'imageReference':
      return (
        <span key={key} class="po-muted">
          [image{node.alt ? `: ${node.alt}` : ''}]
        </span>
      );
    case 'table':
      return <div key={key}>{tableRows(node)}</div>;
    case 'html':
      return <span key={key}>{node.value}</span>;
    case 'text':
      return node.value;
    case 'footnoteReference':
      return <sup key={key}>[{node.label ?? node.identifier}]</sup>;
    case 'footnoteDefinition':
      return (
        <div key={key} class="po-md-footnote po-muted">
          [{node.label ?? node.identifier}] {children(node)}
        </div>
      );
    case 'definition':
      return null;
    default:
      return 'children' in node ? <>{children(node as Parents)}</> : 'value' in node ? String((node as { value: unknown }).value) : null;
  }
}

/** A reply's text rendered from its Markdown syntax tree (parsed once per text). */
export function Markdown({ text }: { text: string }) {
  const tree = useMemo(() => parseMarkdown(text), [text]);
  return <div class="po-md">{render(tree, 0)}</div>;
}
