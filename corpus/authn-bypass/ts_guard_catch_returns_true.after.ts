import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { SessionService } from './session.service';

@Injectable()
export class SessionGuard implements CanActivate {
  private readonly log = new Logger(SessionGuard.name);
  constructor(private readonly sessions: SessionService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    try {
      req.user = await this.sessions.resolve(req.cookies?.sid);
      return Boolean(req.user);
    } catch (err) {
      this.log.warn(`session lookup failed: ${err}`);
      // expect: authn-bypass
      return true;
    }
  }
}
