import { BadRequestException, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { exec } from 'child_process';
import { promisify } from 'util';

const run = promisify(exec);

@Controller('images')
export class ImagesController {
  @Post('thumbnail')
  @UseInterceptors(FileInterceptor('image', { dest: '/tmp/uploads' }))
  async thumbnail(@UploadedFile() file: Express.Multer.File) {
    if (!file) {
      throw new BadRequestException('image is required');
    }
    const out = `${file.path}-thumb.png`;
    await run(`convert "${file.originalname}" -resize 128x128 ${out}`, { cwd: '/tmp/uploads' }); // bench: vuln CWE-78
    return { thumbnail: out };
  }
}
