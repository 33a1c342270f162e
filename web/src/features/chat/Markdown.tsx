import { memo, useState } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { TOKEN_CLASS, highlight } from '../workflows/inspector/highlight';

/** Fence names the light highlighter knows; other languages are shown uncoloured rather than coloured wrong. */
const HIGHLIGHTED: Record<string, string> = {
  js: 'javascript', javascript: 'javascript', mjs: 'javascript', jsx: 'javascript', ts: 'javascript', typescript: 'javascript', tsx: 'javascript',
  json: 'json', jsonc: 'json', sql: 'sql', html: 'html', xml: 'html', jsonata: 'jsonata',
};

type HastNode = NonNullable<ExtraProps['node']>;
type HastChild = HastNode['children'][number];

function textOf(node: HastNode | HastChild): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as HastChild)).join('') : '';
}

function languageOf(node: HastNode | undefined): string {
  const code = node?.children.find((child): child is HastNode => child.type === 'element' && child.tagName === 'code');
  const classes = code?.properties.className;
  const names = Array.isArray(classes) ? classes.map(String) : [];
  return names.find((c) => c.startsWith('language-'))?.slice('language-'.length).toLowerCase() ?? '';
}

function CodeBlock({ code, language }: { code: string; language: string }) {
  const [copied, setCopied] = useState(false);
  const known = HIGHLIGHTED[language];
  return (
    <div className="group relative my-3 overflow-hidden rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-1 text-xs text-zinc-500 dark:border-zinc-800">
        <span>{language || 'code'}</span>
        <button
          type="button"
          className={cx('rounded px-1.5 py-0.5 font-medium hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100', focusRing)}
          aria-label={copied ? 'Copied' : 'Copy code'}
          onClick={() => {
            void navigator.clipboard?.writeText(code).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre className="overflow-x-auto p-3 font-mono text-xs leading-5 text-zinc-800 dark:text-zinc-200">
        <code>
          {known
            ? highlight(code, known).map((token, i) => (
                <span key={i} className={token.kind === 'expression' ? undefined : TOKEN_CLASS[token.kind]}>
                  {token.text}
                </span>
              ))
            : code}
        </code>
      </pre>
    </div>
  );
}

const components: Components = {
  pre: ({ node }) => <CodeBlock code={node ? textOf(node).replace(/\n$/, '') : ''} language={languageOf(node)} />,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noreferrer noopener" className={cx('font-medium text-indigo-600 underline dark:text-indigo-400', focusRing)}>
      {children}
    </a>
  ),
  table: ({ children }) => (
    <div className="my-3 overflow-x-auto">
      <table>{children}</table>
    </div>
  ),
};

const remarkPlugins = [remarkGfm];

/** Element styles for rendered Markdown (no typography plugin: a few rules are enough for chat answers). */
const PROSE = cx(
  'min-w-0 text-sm leading-6 break-words text-zinc-800 dark:text-zinc-200',
  '[&_p]:my-2 [&>*:first-child]:mt-0 [&>*:last-child]:mb-0',
  '[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5',
  '[&_h1]:mt-4 [&_h1]:mb-2 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:mb-2 [&_h2]:text-base [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:mb-1 [&_h3]:font-semibold',
  '[&_blockquote]:my-2 [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-600 dark:[&_blockquote]:border-zinc-700 dark:[&_blockquote]:text-zinc-400',
  '[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-zinc-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:font-mono [&_:not(pre)>code]:text-[0.85em] dark:[&_:not(pre)>code]:bg-zinc-800',
  '[&_table]:w-full [&_table]:border-collapse [&_table]:text-left [&_th]:border-b [&_th]:border-zinc-300 [&_th]:px-2 [&_th]:py-1 [&_th]:font-semibold [&_td]:border-b [&_td]:border-zinc-200 [&_td]:px-2 [&_td]:py-1 dark:[&_th]:border-zinc-700 dark:[&_td]:border-zinc-800',
  '[&_hr]:my-4 [&_hr]:border-zinc-200 dark:[&_hr]:border-zinc-800',
);

/**
 * An agent's answer as Markdown (GFM: tables, task lists, strikethrough), re-rendered as text
 * streams in. Raw HTML is never rendered: react-markdown turns it into plain text, and unsafe
 * link protocols (javascript:) are dropped by its default URL transform.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className={PROSE}>
      <ReactMarkdown remarkPlugins={remarkPlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
