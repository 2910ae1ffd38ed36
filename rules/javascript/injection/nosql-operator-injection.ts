import { Body, Controller, Get, Injectable, Post, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { z } from 'zod';
import { User } from './user.schema';

const ResetSchema = z.object({ email: z.string().email(), token: z.string() });

@Controller('auth')
export class AuthController {
  constructor(@InjectModel(User.name) private readonly userModel: Model<User>) {}

  @Post('reset')
  async reset(@Body() body: { email: string; token: string }) {
    // ruleid: javascript.nosql-operator-injection
    const user = await this.userModel.findOne({ email: body.email, resetToken: body.token });
    return { ok: Boolean(user) };
  }

  @Post('reset-validated')
  async resetValidated(@Body() body: unknown) {
    const { email, token } = ResetSchema.parse(body);
    // ok: javascript.nosql-operator-injection
    const user = await this.userModel.findOne({ email, resetToken: token });
    return { ok: Boolean(user) };
  }

  @Get('lookup')
  async lookup(@Query('email') email: string) {
    // ok: javascript.nosql-operator-injection
    const user = await this.userModel.findOne({ email: `${email}` }).lean();
    return user ? { id: user._id } : null;
  }
}
