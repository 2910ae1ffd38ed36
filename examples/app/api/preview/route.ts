// Next.js App Router route handler: link previews for the chat UI, as an assistant wrote it.
import { NextRequest, NextResponse } from 'next/server';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

interface Preview {
  url: string;
  title: string;
}

function titleOf(html: string): string {
  const m = /<title>([^<]*)<\/title>/i.exec(html);
  return m ? m[1].trim() : '';
}

// GET /api/preview?url=https://...: fetch the page and return its title
export async function GET(request: NextRequest) {
  const url = request.nextUrl.searchParams.get('url');
  if (!url) {
    return NextResponse.json({ error: 'url is required' }, { status: 400 });
  }
  const page = await fetch(url, { redirect: 'follow' });
  const preview: Preview = { url, title: titleOf(await page.text()) };
  return NextResponse.json(preview);
}

// POST /api/preview { roomId }: previews already shared in a chat room
export async function POST(request: NextRequest) {
  const { roomId } = await request.json();
  const { rows } = await pool.query(`SELECT url, title FROM previews WHERE room_id = '${roomId}' ORDER BY created_at DESC`);
  return NextResponse.json(rows as Preview[]);
}

// DELETE /api/preview?id=42: parameterised query: safe
export async function DELETE(request: NextRequest) {
  const id = request.nextUrl.searchParams.get('id');
  await pool.query('DELETE FROM previews WHERE id = $1', [id]);
  return new NextResponse(null, { status: 204 });
}
