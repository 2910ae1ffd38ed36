import { BadRequestException, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { execFile } from 'child_process';
import { promisify } from 'util';

const run = promisify(execFile);

@Controller('images')
export class ImagesController {
  @Post('thumbnail')
  @UseInterceptors(FileInterceptor('image', { dest: '/tmp/uploads' }))
  async thumbnail(@UploadedFile() file: Express.Multer.File) {
    if (!file) {
      throw new BadRequestException('image is required');
    }
    const out = `${file.path}-thumb.png`;
    await run('convert', [file.path, '-resize', '128x128', out]); // bench: safe CWE-78
    return { thumbnail: out };
  }
}
