// app/api/docs/route.ts: serves markdown documentation pages from the content folder.
import { NextRequest, NextResponse } from 'next/server';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_DIR = path.join(process.cwd(), 'content', 'docs');

export async function GET(request: NextRequest) {
  const page = request.nextUrl.searchParams.get('page') ?? 'index';
  const file = path.resolve(CONTENT_DIR, `${page}.md`);
  if (!file.startsWith(CONTENT_DIR + path.sep)) {
    return NextResponse.json({ error: 'not found' }, { status: 404 });
  }
  try {
    const markdown = await readFile(file, 'utf8'); // bench: safe CWE-22
    return new NextResponse(markdown, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
  } catch {
    return NextResponse.json({ error: 'not found' }, { status: 404 });
  }
}
