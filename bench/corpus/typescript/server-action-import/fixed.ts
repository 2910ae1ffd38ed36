'use server';
// app/feeds/actions.ts: import an RSS feed by URL.
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db';

const ALLOWED_HOSTS = new Set(['feeds.example.com', 'blog.example.com']);

export async function importFeed(formData: FormData) {
  const url = String(formData.get('url') ?? '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: 'Please enter a valid URL' };
  }
  if (parsed.protocol !== 'https:' || !ALLOWED_HOSTS.has(parsed.hostname)) {
    return { error: 'Feeds can only be imported from approved sites' };
  }
  const res = await fetch(parsed, { cache: 'no-store', redirect: 'error' }); // bench: safe CWE-918
  if (!res.ok) {
    return { error: `Feed returned ${res.status}` };
  }
  const xml = await res.text();
  await db.feed.create({ data: { url, xml } });
  revalidatePath('/feeds');
  return { ok: true };
}
