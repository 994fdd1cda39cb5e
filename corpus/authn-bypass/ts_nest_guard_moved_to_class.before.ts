import { Controller, Get, Patch, Param, Body, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { SettingsService } from './settings.service';

@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get(':key')
  @UseGuards(AuthGuard('jwt'))
  read(@Param('key') key: string) {
    return this.settings.read(key);
  }

  @Patch(':key')
  @UseGuards(AuthGuard('jwt'))
  write(@Param('key') key: string, @Body() body: { value: string }) {
    return this.settings.write(key, body.value);
  }
}
