import { NextRequest, NextResponse } from 'next/server';
import { Pool } from 'pg';
import OpenAI from 'openai';

const pool = new Pool();
const client = new OpenAI();

export async function POST(request: NextRequest) {
  const { question } = await request.json();
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Translate the question into one PostgreSQL query over the orders table. Reply with SQL only.' },
      { role: 'user', content: question },
    ],
  });
  const sql = completion.choices[0].message.content ?? '';
  // ruleid: javascript.llm-output-sql-injection
  const { rows } = await pool.query(sql);
  return NextResponse.json(rows);
}

export async function PUT(request: NextRequest) {
  const { question } = await request.json();
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Which city is this about? Reply with the city only: ${question}` }],
  });
  const city = completion.choices[0].message.content?.trim() ?? '';
  // ruleid: javascript.llm-output-sql-injection
  const { rows } = await pool.query(`SELECT * FROM stores WHERE city = '${city}'`);
  // ok: javascript.llm-output-sql-injection
  const safe = await pool.query('SELECT * FROM stores WHERE city = $1', [city]);
  return NextResponse.json({ rows, safe: safe.rows });
}

export async function GET() {
  // ok: javascript.llm-output-sql-injection
  const { rows } = await pool.query('SELECT count(*) FROM orders');
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Describe this number: ${rows[0].count}` }],
  });
  // ok: javascript.llm-output-sql-injection
  return NextResponse.json({ text: completion.choices[0].message.content });
}

export async function DELETE(request: NextRequest) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Pick an id' }] });
  const id = completion.choices[0].message.content ?? '';
  // ruleid: javascript.llm-output-sql-injection
  await pool.query('DELETE FROM drafts WHERE id = ' + id);
  return new NextResponse(null, { status: 204 });
}
