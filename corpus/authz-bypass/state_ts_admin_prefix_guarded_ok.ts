import { Router } from 'express';
import { authenticate, requirePermission } from '../auth';
import * as tenants from '../controllers/tenants';

export const internal = Router();

internal.use('/internal', authenticate, requirePermission('tenants:admin'));
internal.get('/internal/tenants', authenticate, tenants.list);
// ok: authz-bypass
internal.delete('/internal/tenants/:id', tenants.remove);
