import { Controller, Get, Injectable, Param, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { PrismaClient, Prisma } from '@prisma/client';
import { NextRequest, NextResponse } from 'next/server';
import { User } from './user.entity';

const prisma = new PrismaClient();

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly usersRepository: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  findByName(name: string) {
    return this.usersRepository
      .createQueryBuilder('user')
      // ruleid: javascript.sql-injection
      .where(`user.name = '${name}'`)
      .getMany();
  }

  findByEmail(email: string) {
    return this.usersRepository
      .createQueryBuilder('user')
      // ok: javascript.sql-injection
      .where('user.email = :email', { email })
      .getOne();
  }

  countByRole(role: string) {
    // ruleid: javascript.sql-injection
    return this.dataSource.query(`SELECT count(*) FROM "user" WHERE role = '${role}'`);
  }

  countActive() {
    // ok: javascript.sql-injection
    return this.dataSource.query('SELECT count(*) FROM "user" WHERE active = $1', [true]);
  }
}

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('search')
  search(@Query('name') name: string) {
    return this.users.findByName(name);
  }

  @Get('by-email')
  byEmail(@Query('email') email: string) {
    return this.users.findByEmail(email);
  }

  @Get('count/:role')
  count(@Param('role') role: string) {
    return this.users.countByRole(role);
  }
}

export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  // ruleid: javascript.sql-injection
  const rows = await prisma.$queryRawUnsafe(`SELECT id, title FROM "Post" WHERE title ILIKE '%${q}%'`);
  // ok: javascript.sql-injection
  const safe = await prisma.$queryRaw`SELECT id, title FROM "Post" WHERE title ILIKE ${'%' + q + '%'}`;
  // ruleid: javascript.sql-injection
  const raw = await prisma.$queryRaw(Prisma.raw(`SELECT * FROM "Post" WHERE slug = '${q}'`));
  return NextResponse.json({ rows, safe, raw });
}
