'use client';
import { useChat } from 'ai/react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function Chat() {
  const { messages, input, handleInputChange, handleSubmit } = useChat();
  return (
    <div>
      {messages.map((m) => (
        <div key={m.id} className={m.role}>
          {/* ruleid: javascript.llm-output-xss */}
          <div dangerouslySetInnerHTML={{ __html: marked.parse(m.content) as string }} />
          {/* ok: javascript.llm-output-xss */}
          <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked.parse(m.content) as string) }} />
          {/* ok: javascript.llm-output-xss */}
          <p>{m.content}</p>
        </div>
      ))}
      <form onSubmit={handleSubmit}>
        <input value={input} onChange={handleInputChange} />
      </form>
    </div>
  );
}

export async function streamInto(el: HTMLElement, question: string) {
  const res = await fetch('/api/answer', { method: 'POST', body: JSON.stringify({ question }) });
  const { answer } = await res.json();
  // ok: javascript.llm-output-xss
  el.textContent = answer;
}
