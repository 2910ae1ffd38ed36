// app/api/users/search/route.ts
import { NextRequest, NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function GET(request: NextRequest) {
  const email = request.nextUrl.searchParams.get('email');
  if (!email) {
    return NextResponse.json({ error: 'email is required' }, { status: 400 });
  }
  const users = await prisma.$queryRawUnsafe<{ id: number; email: string }[]>( // bench: vuln CWE-89
    `SELECT id, email FROM "User" WHERE email ILIKE '%${email}%' LIMIT 20`,
  );
  return NextResponse.json(users);
}
