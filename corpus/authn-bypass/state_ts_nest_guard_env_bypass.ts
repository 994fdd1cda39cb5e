import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { TokenService } from './token.service';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    // expect: authn-bypass
    if (process.env.DISABLE_AUTH === 'true') return true;
    return this.tokens.isValid(req.headers['x-api-key']);
  }
}
