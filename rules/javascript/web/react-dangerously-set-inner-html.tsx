import DOMPurify from 'dompurify';
import { marked } from 'marked';

type Comment = { id: string; author: string; bodyHtml: string };

export function CommentList({ comments }: { comments: Comment[] }) {
  return (
    <ul>
      {comments.map((c) => (
        <li key={c.id}>
          <strong>{c.author}</strong>
          {/* ruleid: javascript.react-dangerously-set-inner-html */}
          <div className="body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
        </li>
      ))}
    </ul>
  );
}

export function SafeCommentList({ comments }: { comments: Comment[] }) {
  return (
    <ul>
      {comments.map((c) => (
        <li key={c.id}>
          {/* ok: javascript.react-dangerously-set-inner-html */}
          <div className="body" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(c.bodyHtml) }} />
        </li>
      ))}
    </ul>
  );
}

export function MarkdownPost({ markdown }: { markdown: string }) {
  const html = marked.parse(markdown) as string;
  // ruleid: javascript.react-dangerously-set-inner-html
  return <article dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Bio({ bio }: { bio: string }) {
  // ruleid: javascript.react-dangerously-set-inner-html
  return <p dangerouslySetInnerHTML={{ __html: `<em>${bio}</em>` }} />;
}

const FOOTER_HTML = '<small>&copy; 2024 Example Inc.</small>';

export function Footer() {
  // ok: javascript.react-dangerously-set-inner-html
  return <footer dangerouslySetInnerHTML={{ __html: FOOTER_HTML }} />;
}

export function ProductJsonLd({ product }: { product: { name: string; sku: string } }) {
  const data = { '@context': 'https://schema.org', '@type': 'Product', name: product.name, sku: product.sku };
  // ok: javascript.react-dangerously-set-inner-html
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(data) }} />;
}

export function Spacer() {
  // ok: javascript.react-dangerously-set-inner-html
  return <span dangerouslySetInnerHTML={{ __html: '&nbsp;' }} />;
}
