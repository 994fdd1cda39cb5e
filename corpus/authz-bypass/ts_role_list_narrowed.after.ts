import { SetMetadata } from '@nestjs/common';
import { Controller, Post, Param } from '@nestjs/common';
import { PayoutsService } from './payouts.service';

export const Roles = (...roles: string[]) => SetMetadata('roles', roles);

@Controller('payouts')
export class PayoutsController {
  constructor(private readonly payouts: PayoutsService) {}

  @Post(':id/release')
  @Roles('finance-manager')
  release(@Param('id') id: string) {
    return this.payouts.release(id);
  }
}
