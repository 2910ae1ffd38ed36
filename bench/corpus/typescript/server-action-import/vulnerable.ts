'use server';
// app/feeds/actions.ts: import an RSS feed by URL.
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db';

export async function importFeed(formData: FormData) {
  const url = String(formData.get('url') ?? '');
  if (!url) {
    return { error: 'Please enter a feed URL' };
  }
  const res = await fetch(url, { cache: 'no-store' }); // bench: vuln CWE-918
  if (!res.ok) {
    return { error: `Feed returned ${res.status}` };
  }
  const xml = await res.text();
  await db.feed.create({ data: { url, xml } });
  revalidatePath('/feeds');
  return { ok: true };
}
