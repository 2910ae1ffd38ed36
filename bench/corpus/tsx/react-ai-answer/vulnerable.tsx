'use client';
import { useChat } from 'ai/react';

export function AssistantPanel() {
  const { messages, input, handleInputChange, handleSubmit, isLoading } = useChat({ api: '/api/assistant' });
  return (
    <section className="assistant">
      <ul>
        {messages.map((m) => (
          <li key={m.id} className={m.role}>
            <div dangerouslySetInnerHTML={{ __html: m.content.replace(/\n/g, '<br/>') }} /> {/* bench: vuln CWE-79 */}
          </li>
        ))}
      </ul>
      <form onSubmit={handleSubmit}>
        <input value={input} onChange={handleInputChange} disabled={isLoading} placeholder="Ask anything" />
      </form>
    </section>
  );
}
