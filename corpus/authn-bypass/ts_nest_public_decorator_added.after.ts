import { Body, Controller, Post } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { WebhooksService } from './webhooks.service';
import { RotateSecretDto } from './dto';

@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly svc: WebhooksService) {}

  @Public()
  @Post('inbound')
  inbound(@Body() body: unknown) {
    return this.svc.handleInbound(body);
  }

  @Public()
  @Post('rotate-secret')
  // expect: authn-bypass
  rotate(@Body() dto: RotateSecretDto) {
    return this.svc.rotateSigningSecret(dto.endpointId);
  }
}
