import { Router } from 'express';
import { authenticate, requirePermission } from '../auth';
import * as tenants from '../controllers/tenants';

export const internal = Router();

internal.get('/internal/tenants', authenticate, requirePermission('tenants:read'), tenants.list);
// expect: authz-bypass
internal.delete('/internal/tenants/:id', tenants.remove);
// ok: authz-bypass
internal.get('/internal/health', tenants.health);
