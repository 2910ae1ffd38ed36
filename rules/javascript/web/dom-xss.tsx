'use client';
import { useSearchParams } from 'next/navigation';
import DOMPurify from 'dompurify';

export function SearchHeading() {
  const searchParams = useSearchParams();
  const q = searchParams.get('q') ?? '';
  return (
    <div>
      {/* ruleid: javascript.dom-xss */}
      <h1 dangerouslySetInnerHTML={{ __html: `Results for <em>${q}</em>` }} />
      {/* ok: javascript.dom-xss */}
      <h2>Results for {q}</h2>
    </div>
  );
}

export function Preview() {
  const searchParams = useSearchParams();
  const draft = searchParams.get('draft') ?? '';
  // ok: javascript.dom-xss
  return <article dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(draft) }} />;
}

export function Anchor() {
  const section = window.location.hash.slice(1);
  // ruleid: javascript.dom-xss
  return <section dangerouslySetInnerHTML={{ __html: `<a name="${section}"></a>` }} />;
}
