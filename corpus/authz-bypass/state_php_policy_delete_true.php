<?php

namespace App\Policies;

use App\Models\Invoice;
use App\Models\User;

class InvoicePolicy
{
    // ok: authz-bypass
    public function view(User $user, Invoice $invoice): bool
    {
        return true;
    }

    // expect: authz-bypass
    public function delete(User $user, Invoice $invoice): bool
    {
        return true;
    }

    // ok: authz-bypass
    public function update(User $user, Invoice $invoice): bool
    {
        return $user->id === $invoice->owner_id;
    }
}
