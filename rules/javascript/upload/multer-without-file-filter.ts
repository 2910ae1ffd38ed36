import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { extname } from 'node:path';
import { randomUUID } from 'node:crypto';

const storage = diskStorage({
  destination: './public/uploads',
  filename: (_req, file, cb) => cb(null, `${randomUUID()}${extname(file.originalname)}`),
});

@Controller('files')
export class FilesController {
  @Post('any')
  // ruleid: javascript.multer-without-file-filter
  @UseInterceptors(FileInterceptor('file', { storage }))
  uploadAny(@UploadedFile() file: Express.Multer.File) {
    return { path: `/uploads/${file.filename}` };
  }

  @Post('image')
  @UseInterceptors(
    // ok: javascript.multer-without-file-filter
    FileInterceptor('file', {
      storage,
      limits: { fileSize: 2_000_000 },
      fileFilter: (_req, file, cb) => cb(null, /^image\/(png|jpeg)$/.test(file.mimetype)),
    }),
  )
  uploadImage(@UploadedFile() file: Express.Multer.File) {
    return { path: `/uploads/${file.filename}` };
  }
}
