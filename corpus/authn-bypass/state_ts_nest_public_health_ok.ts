import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/public.decorator';

@Controller('health')
export class HealthController {
  // ok: authn-bypass
  @Public()
  @Get()
  check() {
    return { status: 'ok' };
  }
}
