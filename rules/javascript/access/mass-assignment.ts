import { NextRequest, NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
import { z } from 'zod';

const prisma = new PrismaClient();
const ProfileInput = z.object({ displayName: z.string().max(50), bio: z.string().max(500) });

export async function POST(request: NextRequest) {
  const body = await request.json();
  // ruleid: javascript.mass-assignment
  const user = await prisma.user.create({ data: body });
  return NextResponse.json(user, { status: 201 });
}

export async function PATCH(request: NextRequest) {
  const input = ProfileInput.parse(await request.json());
  // ok: javascript.mass-assignment
  const user = await prisma.user.update({ where: { id: 1 }, data: input });
  return NextResponse.json(user);
}

export async function PUT(request: NextRequest) {
  // ruleid: javascript.mass-assignment
  const user = await prisma.user.update({ where: { id: 1 }, data: { ...(await request.json()) } });
  return NextResponse.json(user);
}
