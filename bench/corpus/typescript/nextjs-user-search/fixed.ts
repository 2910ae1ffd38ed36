// app/api/users/search/route.ts
import { NextRequest, NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function GET(request: NextRequest) {
  const email = request.nextUrl.searchParams.get('email');
  if (!email) {
    return NextResponse.json({ error: 'email is required' }, { status: 400 });
  }
  const pattern = `%${email}%`;
  const users = await prisma.$queryRaw<{ id: number; email: string }[]>`SELECT id, email FROM "User" WHERE email ILIKE ${pattern} LIMIT 20`; // bench: safe CWE-89
  return NextResponse.json(users);
}
